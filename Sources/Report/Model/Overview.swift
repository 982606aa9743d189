/// The whole repository (or organisation) before any team: the same cells and privacy rules as a
/// team, the AI share of the work, and a few sentences that state only the clear differences.
public struct Overview: Hashable, Sendable, Codable {
  /// `suppressed` when the repository-wide `all` cell has too few authors: nothing below is shown.
  public var status: CellStatus
  public var cells: [CohortCell]
  public var comparisons: [Comparison]
  public var comparisonNote: String?
  /// AI-marked changes ÷ all changes (Wilson), when the AI and all cells are both shown.
  public var aiShareOfChanges: MetricValue?
  /// 3–6 plain sentences; a difference is named only when its interval excludes 0.
  public var sentences: [String]
  public var survival: [SurvivalSeries]
  public var trend: [TrendPoint]
}

/// One AI tool's changes, under the same author threshold as every cell. Tools, never people.
public struct ToolCell: Hashable, Sendable, Codable {
  /// A catalogue name (`claude-code`, `copilot-agent`, …), or `(tool not named)` for AI evidence
  /// that names none.
  public var tool: String
  public var status: CellStatus
  /// nil when suppressed.
  public var changes: Int?
  public var metrics: [MetricValue]
}

/// One month (or quarter) of a trend: how much of the work is AI-marked, and the AI − unmarked gap in
/// the two outcomes that mature fastest. Nil figures are gaps (hidden, too few changes, not measured).
public struct TrendPoint: Hashable, Sendable, Codable {
  /// `2026-07`, or `2026Q3` when a long period is aggregated to quarters.
  public var bucket: String
  /// Status of the bucket's `all` cell.
  public var status: CellStatus
  public var changes: Int?
  public var aiShareOfChanges: MetricValue?
  public var aiShareAdded: MetricValue?
  /// AI − unmarked, reverted within 14 days.
  public var revertGap14d: Comparison?
  /// AI − unmarked, churn within 21 days.
  public var churnGap21d: Comparison?
  /// Why figures are missing, in words (privacy, too few changes).
  public var note: String?
}

/// What a report can still say when no team (nor the whole repository) may be shown: enough for a
/// first run to be useful, nothing that exposes a person.
public struct FirstRun: Hashable, Sendable, Codable {
  public struct CohortCount: Hashable, Sendable, Codable {
    public var cohort: ReportCohort
    public var changes: Int
  }

  /// First and last change in the history given (ISO-8601 UTC).
  public var historyStart: String
  public var historyEnd: String
  /// Changes in the period per cohort (counts only); empty when the overview is shown (its table has
  /// the counts its privacy rules allow).
  public var changes: [CohortCount]
  /// Distinct evidence kinds found, as `tool: signal` (e.g. `claude-code: co-author trailer`).
  public var evidenceKinds: [String]
  /// Only when at least `minAuthors` people contributed to the period and the overview is hidden.
  public var aiShareAdded: MetricValue?
  public var nextStep: String
}
