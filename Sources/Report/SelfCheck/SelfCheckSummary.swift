import Foundation
import OutcomeModel

/// The two periods the self-check compares: the recent days, and the trailing baseline just before them.
public struct SelfCheckWindows: Sendable, Hashable {
  /// End of the recent period (exclusive), Unix seconds.
  public var end: Int64
  public var days: Int
  public var baselineDays: Int

  public init(end: Int64, days: Int, baselineDays: Int) {
    self.end = end
    self.days = days
    self.baselineDays = baselineDays
  }

  public var recentStart: Int64 { end - Int64(days) * 86_400 }
  public var baselineStart: Int64 { recentStart - Int64(baselineDays) * 86_400 }

  /// The period a change that landed at `time` belongs to, nil when outside both.
  public func period(of time: Int64) -> SelfCheckPeriod? {
    if time >= recentStart && time < end { return .recent }
    if time >= baselineStart && time < recentStart { return .baseline }
    return nil
  }
}

public enum SelfCheckPeriod: String, CaseIterable, Sendable {
  case recent, baseline
}

/// AI-marked is agent + assisted; unmarked means no mark was found, never "written without AI". Bot
/// changes are in neither.
public enum SelfCheckCohort: String, CaseIterable, Sendable {
  case ai, unmarked

  init?(_ cohort: Cohort?) {
    switch cohort ?? .unmarked {
    case .agent, .assisted: self = .ai
    case .unmarked: self = .unmarked
    case .bot: return nil
    }
  }
}

/// What the self-check measures, in the order it prints them.
public enum SelfCheckMetric: String, CaseIterable, Sendable {
  case landed, reverted30d, alive30d, churn21d, defects, hoursToMerge

  public var title: String {
    switch self {
    case .landed: "changes landed"
    case .reverted30d: "reverted within 30 days"
    case .alive30d: "lines alive after 30 days"
    case .churn21d: "lines reworked within 21 days"
    case .defects: "changes later blamed for a defect"
    case .hoursToMerge: "median hours to merge (PRs)"
    }
  }

  /// Proportions print as percentages and their differences in percentage points; time in hours.
  var isProportion: Bool { self != .hoursToMerge && self != .landed }
}

/// One figure of one group: a count, a rate with Wilson counts, or a bootstrap statistic.
public enum SelfCheckMeasure: Sendable {
  case count(Int)
  case rate(successes: Int, trials: Int)
  /// `n` changes contributed; `enough` is the number that decides whether it is worth showing (for
  /// survival, the changes observed long enough).
  case sample(BootstrapSample?, n: Int, enough: Int)
}

/// The caller's changes in two periods and two cohorts, measured: the self-check's numbers, no text.
public struct SelfCheckSummary: Sendable {
  public struct Key: Hashable, Sendable {
    public var metric: SelfCheckMetric
    public var period: SelfCheckPeriod
    public var cohort: SelfCheckCohort
  }

  public let windows: SelfCheckWindows
  /// The last commit of the history: outcomes are known up to here.
  public let observedUntil: Int64
  /// The caller's changes in the whole history, and how many carry an AI mark.
  public let totalChanges: Int
  public let totalAIChanges: Int
  /// Fewer changes than this in a group: "too few changes" instead of a rate.
  public let minChanges: Int
  /// The metrics there are data for (time to merge only with pull-request exports).
  public private(set) var metrics: [SelfCheckMetric] = []
  public private(set) var measures: [Key: SelfCheckMeasure] = [:]
  /// Changes left out of the 30-day revert rate because they are younger than 30 days.
  public private(set) var tooRecentForReverts: [Key: Int] = [:]

  /// `records` must be the caller's own changes only; nothing here knows or checks whose they are.
  public init(
    records: [ChangeRecord], windows: SelfCheckWindows, observedUntil: Int64, minChanges: Int = 5,
    bootstrap: Bootstrap = Bootstrap()
  ) {
    self.windows = windows
    self.observedUntil = observedUntil
    self.minChanges = minChanges
    totalChanges = records.count
    totalAIChanges = records.filter { SelfCheckCohort($0.cohort) == .ai }.count
    var groups: [SelfCheckPeriod: [SelfCheckCohort: [(record: ChangeRecord, landed: Int64)]]] = [:]
    for record in records {
      guard let landed = Timestamp.parse(record.committedAt), let period = windows.period(of: landed),
        let cohort = SelfCheckCohort(record.cohort)
      else { continue }
      groups[period, default: [:]][cohort, default: []].append((record, landed))
    }
    let hasPullRequests = records.contains { $0.pr?.mergedAt != nil && $0.pr?.createdAt != nil }
    metrics = SelfCheckMetric.allCases.filter { $0 != .hoursToMerge || hasPullRequests }
    for period in SelfCheckPeriod.allCases {
      for cohort in SelfCheckCohort.allCases {
        let rows = groups[period]?[cohort] ?? []
        // One label per group and metric: independent draws, so replicate differences are valid.
        let label = "self/\(period.rawValue)/\(cohort.rawValue)"
        for metric in metrics {
          let key = Key(metric: metric, period: period, cohort: cohort)
          measures[key] = measure(metric, rows, label: label + "/" + metric.rawValue, bootstrap: bootstrap)
          if metric == .reverted30d {
            tooRecentForReverts[key] = rows.filter { $0.landed + 30 * 86_400 > observedUntil }.count
          }
        }
      }
    }
  }

  private func measure(
    _ metric: SelfCheckMetric, _ rows: [(record: ChangeRecord, landed: Int64)], label: String,
    bootstrap: Bootstrap
  ) -> SelfCheckMeasure {
    switch metric {
    case .landed:
      return .count(rows.count)
    case .reverted30d:
      // The team report's rules (`ChangeFact`): only changes that have had their 30 days.
      let measured = rows.compactMap { ChangeFact($0.record) }.filter(\.revertsMeasured)
      let counts = ChangeFact.reverts(measured, within: 30, observedUntil: observedUntil)
      return .rate(successes: counts.reverted, trials: counts.matured)
    case .alive30d:
      let lines = rows.compactMap { $0.record.fate.flatMap(KaplanMeier.Lines.init(fate:)) }
      // Lines of younger changes are censored, not counted as alive; enough changes must reach day 30.
      let observed = lines.filter { $0.observedDays >= 30 }.count
      return .sample(
        bootstrap.survivalSample(lines, day: 30, label: label), n: lines.count, enough: observed)
    case .churn21d:
      let pairs = rows.compactMap { ChangeFact.churn(.churn21d, of: $0.record.fate) }.map {
        (numerator: $0.0, denominator: $0.1)
      }
      return .sample(bootstrap.ratioSample(pairs, label: label), n: pairs.count, enough: pairs.count)
    case .defects:
      let measured = rows.compactMap { ChangeFact($0.record) }.filter(\.defectsMeasured)
      return .rate(successes: ChangeFact.blamed(measured), trials: measured.count)
    case .hoursToMerge:
      let hours = rows.compactMap { row -> Double? in
        guard let created = row.record.pr?.createdAt.flatMap(Timestamp.parse),
          let merged = row.record.pr?.mergedAt.flatMap(Timestamp.parse), merged >= created
        else { return nil }
        return Double(merged - created) / 3600
      }
      return .sample(
        bootstrap.quantileSample(hours, 0.5, label: label), n: hours.count, enough: hours.count)
    }
  }

  public func measure(_ metric: SelfCheckMetric, _ period: SelfCheckPeriod, _ cohort: SelfCheckCohort)
    -> SelfCheckMeasure
  {
    measures[Key(metric: metric, period: period, cohort: cohort)] ?? .count(0)
  }

  /// Whether a group has enough changes for its figure to be shown.
  public func isEnough(_ measure: SelfCheckMeasure) -> Bool {
    switch measure {
    case .count: true
    case .rate(_, let trials): trials >= minChanges
    case .sample(let sample, _, let enough): sample != nil && enough >= minChanges
    }
  }

  /// `a − b` with a 95% interval; nil for counts and when either side has too few changes.
  public func difference(_ a: SelfCheckMeasure, _ b: SelfCheckMeasure) -> Estimate? {
    guard isEnough(a), isEnough(b) else { return nil }
    switch (a, b) {
    case (.rate(let s1, let t1), .rate(let s2, let t2)):
      return Wilson.difference((s1, t1), (s2, t2))
    case (.sample(let first?, _, _), .sample(let second?, _, _)):
      return first.minus(second)
    default:
      return nil
    }
  }
}
