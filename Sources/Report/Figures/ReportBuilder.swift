import Dispatch
import Foundation
import OutcomeModel

/// Builds an `OutcomeReport` from fact rows: groups by team, period and cohort, applies the privacy
/// rules, then computes metrics only for cells that may be shown.
///
/// ```swift
/// let report = ReportBuilder(options: ReportOptions(minAuthors: 5)).build(input)
/// try ReportWriter.writeAll(report, to: outDirectory)
/// ```
public struct ReportBuilder: Sendable {
  public var options: ReportOptions

  public init(options: ReportOptions = ReportOptions()) {
    self.options = options
  }

  static let cellCohorts: [ReportCohort] = [.agent, .assisted, .unmarked, .ai, .all, .bot]
  static let trendCohorts: [ReportCohort] = [.ai, .unmarked, .all]

  public func build(_ input: ReportInput) -> OutcomeReport {
    let period = input.period
    let facts = input.records.compactMap(ChangeFact.init).filter { period.contains($0.landedAt) }
    let prs = (input.pullRequests ?? []).compactMap { pr -> (PullRequestInput, Int64)? in
      guard let created = Timestamp.parse(pr.createdAt), period.contains(created) else { return nil }
      return (pr, created)
    }
    let months = Self.trendBuckets(period)
    let teams = Set(facts.flatMap(\.teams) + prs.flatMap(\.0.teams)).sorted()

    var data: [Suppression.Key: CellData] = [:]
    var grid = Suppression()
    for (index, fact) in facts.enumerated() { grid.authorOf[index] = fact.author }
    for (index, pr) in prs.enumerated() { grid.authorOf[-1 - index] = pr.0.author }
    let buckets = [period] + months
    // The overview is one more group holding every change, inside the same suppression grid, so that
    // neither it nor a team can be recovered from the other.
    for team in teams + [Self.overviewKey] {
      for bucket in buckets {
        let isPeriod = bucket == period
        for cohort in Self.cellCohorts {
          let changeIndices = facts.indices.filter {
            (team == Self.overviewKey || facts[$0].teams.contains(team)) && cohort.includes(facts[$0].cohort)
              && bucket.contains(facts[$0].landedAt)
          }
          let prIndices = prs.indices.filter {
            (team == Self.overviewKey || prs[$0].0.teams.contains(team)) && cohort.includes(prs[$0].0.cohort)
              && bucket.contains(prs[$0].1)
          }
          let cell = CellData(
            changes: changeIndices.map { facts[$0] }, pullRequests: prIndices.map { prs[$0].0 },
            authors: Set(changeIndices.map { facts[$0].author } + prIndices.map { prs[$0].0.author }))
          let key = Suppression.Key(team: team, bucket: bucket.label, cohort: cohort)
          data[key] = cell
          // Months carry every cohort in the grid, shown or not, so their cohort relations hold.
          grid.cells[key] = Suppression.Cell(
            members: Set(changeIndices + prIndices.map { -1 - $0 }), authors: cell.authors,
            priority: Suppression.priority(cohort: cohort, isPeriod: isPeriod, changes: cell.changes.count)
              + (team == Self.overviewKey ? (isPeriod ? -1 : 1) * Self.overviewPriorityOffset : 0))
        }
        func key(_ c: ReportCohort) -> Suppression.Key { .init(team: team, bucket: bucket.label, cohort: c) }
        grid.relations.append((key(.all), [key(.agent), key(.assisted), key(.unmarked), key(.bot)]))
        grid.relations.append((key(.ai), [key(.agent), key(.assisted)]))
        grid.relations.append((key(.all), [key(.ai), key(.unmarked), key(.bot)]))
      }
      if !months.isEmpty {
        for cohort in Self.cellCohorts {
          grid.relations.append(
            (
              .init(team: team, bucket: period.label, cohort: cohort),
              months.map { .init(team: team, bucket: $0.label, cohort: cohort) }
            ))
        }
      }
    }
    if facts.allSatisfy({ $0.teams.count == 1 }) && prs.allSatisfy({ $0.0.teams.count <= 1 }) {
      addOverviewRelations(teams: teams, buckets: buckets, grid: &grid)
    }
    let tools = addToolCells(facts, period: period, data: &data, grid: &grid)
    let hidden = grid.solve(minAuthors: options.minAuthors)

    let shown = teams.filter { !hidden.contains(.init(team: $0, bucket: period.label, cohort: .all)) }
    let suppressedTeams = teams.count - shown.count
    // Teams are independent and the bootstrap dominates: spread them over the cores.
    let groups = shown + [Self.overviewKey]
    let results = Results(count: groups.count)
    let cells = data
    DispatchQueue.concurrentPerform(iterations: groups.count) { index in
      results.set(
        index,
        teamReport(groups[index], period: period, months: months, data: cells, hidden: hidden, input: input))
    }
    var teamReports = results.values
    let overview = overview(teamReports.removeLast(), data: data, period: period)
    return OutcomeReport(
      schemaVersion: OutcomeReport.currentSchemaVersion,
      title: "What became of AI-assisted changes",
      repository: input.repository,
      period: summary(period, months: months, observedUntil: input.observedUntil),
      teamSource: input.teamSource,
      settings: options,
      caveats: Caveats.all(options: options, input: input),
      definitions: MetricID.allCases.map {
        Definition(metric: $0, title: $0.title, definition: $0.definition)
      },
      overview: overview,
      byTool: toolReports(tools, data: data, hidden: hidden, input: input),
      firstRun: teamReports.isEmpty ? firstRun(input, facts: facts, overview: overview) : nil,
      teams: teamReports,
      suppressedTeams: suppressedTeams)
  }

  private func summary(_ period: ReportPeriod, months: [ReportPeriod], observedUntil: Int64) -> PeriodSummary
  {
    let provisional = period.isProvisional(horizonDays: CellComputation.horizon, observedUntil: observedUntil)
    return PeriodSummary(
      label: period.label, kind: period.kind, start: Timestamp.iso8601(period.start),
      end: Timestamp.iso8601(period.end), observedUntil: Timestamp.iso8601(observedUntil),
      provisional: provisional,
      provisionalReason: provisional
        ? "History ends less than 180 days after the period: later horizons are censored and figures can still change."
        : nil,
      months: months.map(\.label))
  }
}

/// Slots filled from concurrent workers, one per team, read once all have finished.
private final class Results: @unchecked Sendable {
  private var slots: [TeamReport?]
  private let lock = NSLock()

  init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  func set(_ index: Int, _ value: TeamReport) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  var values: [TeamReport] { slots.map { $0! } }
}
