/// A finished team report: what every renderer draws and what `report.schema.json` describes.
///
/// It holds no person: no names, no pseudonyms, no per-author figures. Suppressed cells keep only
/// their status, so no renderer can leak them by accident.
public struct OutcomeReport: Hashable, Sendable, Codable {
  public static let currentSchemaVersion = 1

  public var schemaVersion: Int
  public var title: String
  public var repository: String?
  public var period: PeriodSummary
  public var teamSource: TeamResolver.Source
  public var settings: ReportOptions
  /// Plain-language caveats every reader must see (selection, line universe, linkage).
  public var caveats: [String]
  public var definitions: [Definition]
  /// The whole repository (or organisation), before any team.
  public var overview: Overview
  /// Cells per AI tool over the whole repository; never per person.
  public var byTool: [ToolCell]
  /// Present when no team may be shown: what can still be said without exposing anyone.
  public var firstRun: FirstRun?
  public var teams: [TeamReport]
  /// Teams left out entirely because they have too few authors; their names are not shown.
  public var suppressedTeams: Int
}

/// The reported period and whether its figures can still change.
public struct PeriodSummary: Hashable, Sendable, Codable {
  public var label: String
  public var kind: ReportPeriod.Kind
  /// ISO-8601 UTC; `end` exclusive.
  public var start: String
  public var end: String
  public var observedUntil: String
  public var provisional: Bool
  public var provisionalReason: String?
  public var months: [String]
}

/// A metric's title and definition as printed in the report.
public struct Definition: Hashable, Sendable, Codable {
  public var metric: MetricID
  public var title: String
  public var definition: String
}

/// Whether a cell's figures are shown.
public enum CellStatus: String, Hashable, Sendable, Codable {
  /// Shown in full.
  case published
  /// No changes at all: a known zero, shown as such.
  case empty
  /// Counts shown, rates withheld: fewer changes than `minChanges`.
  case insufficient
  /// Hidden: too few authors, or hidden so that another hidden cell cannot be recovered.
  case suppressed
}

/// One value with its interval and the count it rests on.
public struct MetricValue: Hashable, Sendable, Codable {
  public var metric: MetricID
  /// nil when it cannot be estimated (no data, horizon not reached); `note` says why.
  public var value: Double?
  public var low: Double?
  public var high: Double?
  /// Units the estimate rests on: changes, PRs or issues (lines for nothing: lines are not independent).
  public var n: Int
  /// For Wilson rates: the numerator.
  public var successes: Int?
  /// Some changes in the cell have not reached the metric's horizon (censored or left out).
  public var provisional: Bool
  public var note: String?
}

/// The figures of one team × period (or month) × cohort.
public struct CohortCell: Hashable, Sendable, Codable {
  public var cohort: ReportCohort
  public var status: CellStatus
  /// nil when suppressed.
  public var changes: Int?
  public var metrics: [MetricValue]
}

/// AI − unmarked for one metric, with its interval and what may be said about it.
public struct Comparison: Hashable, Sendable, Codable {
  public enum Verdict: String, Hashable, Sendable, Codable {
    case noClearDifference = "no clear difference"
    case higherWithAI = "higher with AI"
    case lowerWithAI = "lower with AI"
  }

  public var metric: MetricID
  public var difference: Double
  public var low: Double?
  public var high: Double?
  public var verdict: Verdict
}

/// A Kaplan–Meier curve with its bootstrap band, sampled on a fixed grid of days.
public struct SurvivalSeries: Hashable, Sendable, Codable {
  public struct Point: Hashable, Sendable, Codable {
    public var day: Int
    public var survival: Double
    public var low: Double?
    public var high: Double?
    public var changesAtRisk: Int
  }

  public var cohort: ReportCohort
  public var points: [Point]
}

/// One month of a team's trend.
public struct TrendCell: Hashable, Sendable, Codable {
  public var month: String
  public var cohort: ReportCohort
  public var status: CellStatus
  public var changes: Int?
  public var metrics: [MetricValue]
}

/// Everything a report says about one team.
public struct TeamReport: Hashable, Sendable, Codable {
  public var team: String
  public var cells: [CohortCell]
  /// Empty when the AI or unmarked cell is not published with enough changes; `comparisonNote` says why.
  public var comparisons: [Comparison]
  public var comparisonNote: String?
  public var survival: [SurvivalSeries]
  public var trend: [TrendCell]
  /// AI shares and AI − unmarked gaps per month (or quarter): what the trend chart draws.
  public var trendPoints: [TrendPoint]
}
