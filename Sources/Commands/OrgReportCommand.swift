import Foundation
import OrgStore
import OutcomeModel
import Pipeline
import Report

/// What `outcomes report --from` was asked for.
public struct OrgReportRequest: Sendable {
  public var location: String
  /// `--repos`: globs over repository identities and names (`github.com/acme/*`, `pay*`); all when empty.
  public var repositories: [String] = []
  public var report = ReportRequest()

  public init(location: String) {
    self.location = location
  }
}

/// The organisation report: the same report as for one repository, built from the union of the
/// published rows of many. Teams span repositories, and suppression and intervals are computed over
/// the union (not averaged per repository), because `ReportBuilder` sees one set of rows.
///
/// SQL selects and counts (repositories, the history's bounds, the period's rows); every statistic is
/// still `ReportBuilder`'s.
public enum OrgReportCommand {
  public struct Result {
    public var report: OutcomeReport
    /// One-line notes for stderr: what the report covers.
    public var notes: [String]
    public var warnings: [String]
  }

  public static func build(
    _ request: OrgReportRequest, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> Result {
    let location = try PublishCommand.storeLocation(request.location, environment: environment)
    if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
      // Reading must not leave an empty database behind.
      throw PipelineError.unreadable(path: path, reason: "no such file")
    }
    let store = try PublishCommand.open(location)
    defer { store.close() }
    do {
      return try build(request, store: store, environment: environment)
    } catch let error as OrgStoreError {
      throw PipelineError.badInput(error.description)
    }
  }

  static func build(_ request: OrgReportRequest, store: any FactStore, environment: [String: String]) throws
    -> Result
  {
    let all = try store.repositories()
    guard !all.isEmpty else {
      throw PipelineError.badInput("\(store.location): no repository has been published there yet")
    }
    let selected = select(all, globs: request.repositories)
    guard !selected.isEmpty else {
      throw PipelineError.badInput(
        "--repos \(request.repositories.map { "'\($0)'" }.joined(separator: " ")): matches none of the \(all.count) published repositories (\(all.prefix(5).map(\.identity).joined(separator: ", "))\(all.count > 5 ? ", …" : ""))"
      )
    }
    let ids = selected.map(\.id)
    guard let bounds = try store.bounds(repositories: ids) else {
      throw PipelineError.badInput(
        "\(store.location): the selected repositories have no changes to report on")
    }
    let scope = request.report
    let period = try scope.period(historyStart: bounds.start, historyEnd: bounds.end)
    var facts = try store.load(repositories: ids, start: period.start, end: period.end)
    var warnings = consistencyWarnings(selected)
    var teamSource = unionTeamSource(selected, warnings: &warnings)
    if let teamsFile = scope.teamsFile {
      let teams = try PseudonymousTeams(file: teamsFile, environment: environment, repositories: selected)
      warnings += teams.warnings
      teams.apply(to: &facts)
      teamSource = .teamsFile
    }
    let input = union(
      facts, repositories: selected, period: period, observedUntil: bounds.end, teamSource: teamSource)
    let report = ReportBuilder(options: ReportOptions(minAuthors: scope.minAuthors)).build(input)
    let counts = try store.changeCounts(repositories: ids, start: period.start, end: period.end)
    let inPeriod = counts.values.reduce(0, +)
    let busiest = selected.sorted { counts[$0.id, default: 0] > counts[$1.id, default: 0] }.prefix(3)
      .filter { counts[$0.id, default: 0] > 0 }
      .map { "\($0.name) \(counts[$0.id, default: 0])" }
    let notes = [
      "report over \(selected.count) of \(all.count) repositories in \(store.location): \(inPeriod) changes in \(period.label)\(busiest.isEmpty ? "" : " (most: \(busiest.joined(separator: ", ")))")"
    ]
    return Result(report: report, notes: notes, warnings: warnings)
  }

  /// Repositories whose identity or display name matches any glob (`*` and `?` cross `/`).
  static func select(_ repositories: [PublishedRepository], globs: [String]) -> [PublishedRepository] {
    guard !globs.isEmpty else { return repositories }
    return repositories.filter { repository in
      globs.contains { glob in
        fnmatch(glob, repository.identity, 0) == 0 || fnmatch(glob, repository.name, 0) == 0
      }
    }
  }

  /// The report input over the union: rows of every repository in identity order, each repository's in
  /// mainline order, as a report over their concatenated fact tables would see them.
  ///
  /// Issue keys a tracker writes without a project (`#12`) name different issues in different
  /// repositories, so they are qualified with the repository; `org/app#12` and `PAY-87` are already unique.
  public static func union(
    _ facts: StoredFacts, repositories: [PublishedRepository], period: ReportPeriod, observedUntil: Int64,
    teamSource: TeamResolver.Source
  ) -> ReportInput {
    let order = Dictionary(uniqueKeysWithValues: repositories.enumerated().map { ($1.id, $0) })
    let identity = Dictionary(uniqueKeysWithValues: repositories.map { ($0.id, $0.identity) })
    func key(_ key: String, _ repository: Int64) -> String {
      key.hasPrefix("#") || key.hasPrefix("!") ? "\(identity[repository] ?? "")\(key)" : key
    }
    let records = facts.records.enumerated().sorted {
      (order[$0.element.repository] ?? 0, $0.offset) < (order[$1.element.repository] ?? 0, $1.offset)
    }.map { _, row in
      var record = row.record
      record.issues = record.issues.map { $0.map { key($0, row.repository) } }
      return record
    }
    let requests = facts.pullRequests.enumerated().sorted {
      (order[$0.element.repository] ?? 0, $0.offset) < (order[$1.element.repository] ?? 0, $1.offset)
    }.map { _, row in
      let r = row.pullRequest
      return PullRequestInput(
        number: r.number, author: r.author, teams: r.teams, cohort: r.cohort, state: r.state,
        isDraft: r.isDraft,
        createdAt: r.createdAt)
    }
    let issues = facts.issues.map { row in
      IssueInput(
        key: key(row.issue.key, row.repository), resolved: row.issue.resolved, reopened: row.issue.reopened)
    }
    return ReportInput(
      records: records,
      pullRequests: repositories.contains(where: \.hasPullRequests) ? requests : nil,
      issues: repositories.contains(where: \.hasIssues) ? issues : nil,
      period: period, observedUntil: observedUntil, teamSource: teamSource,
      repository: repositories.count == 1 ? repositories[0].name : "\(repositories.count) repositories")
  }

  /// What would make the union misleading: different salts, exports missing in some repositories.
  static func consistencyWarnings(_ repositories: [PublishedRepository]) -> [String] {
    var warnings: [String] = []
    let salts = Set(repositories.map { $0.saltFingerprint ?? "" }.filter { !$0.isEmpty })
    if salts.count > 1 {
      warnings.append(
        "the selected repositories were published with \(salts.count) different salts: a person who works in several of them is counted once per salt (publish every repository with one OUTCOMES_SALT)"
      )
    }
    for (flag, what) in [(\PublishedRepository.hasPullRequests, "pull-request"), (\.hasIssues, "issue")] {
      let with = repositories.filter { $0[keyPath: flag] }.count
      if with > 0 && with < repositories.count {
        warnings.append(
          "\(repositories.count - with) of \(repositories.count) repositories were published without \(what) exports; their \(what == "issue" ? "resolution" : "merge") rates are missing from the union"
        )
      }
    }
    return warnings
  }

  /// The union's team source: the one all share, else the most common (with a warning naming the mix).
  static func unionTeamSource(_ repositories: [PublishedRepository], warnings: inout [String])
    -> TeamResolver.Source
  {
    var counts: [String: Int] = [:]
    for repository in repositories { counts[repository.teamSource, default: 0] += 1 }
    let best = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
    if counts.count > 1 {
      warnings.append(
        "teams come from different sources: \(counts.sorted { $0.key < $1.key }.map { "\($0.key) in \($0.value)" }.joined(separator: ", ")) repositories"
      )
    }
    return TeamResolver.Source(rawValue: best) ?? .teamsFile
  }
}
