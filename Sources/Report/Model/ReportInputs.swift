import OutcomeModel

/// Everything one report is built from.
public struct ReportInput: Sendable {
  /// Fact rows with `teams` (or `team`) filled; rows outside the period are ignored.
  public var records: [ChangeRecord]
  /// nil when no PR export was given: the merge rate is then reported as unavailable.
  public var pullRequests: [PullRequestInput]?
  /// nil when no tracker export was given.
  public var issues: [IssueInput]?
  public var period: ReportPeriod
  /// Commit time of the last change in history: the end of observation, where lines are censored.
  public var observedUntil: Int64
  public var teamSource: TeamResolver.Source
  /// A display name for the repository (or repositories).
  public var repository: String?

  public init(
    records: [ChangeRecord], pullRequests: [PullRequestInput]? = nil, issues: [IssueInput]? = nil,
    period: ReportPeriod, observedUntil: Int64, teamSource: TeamResolver.Source, repository: String? = nil
  ) {
    self.records = records
    self.pullRequests = pullRequests
    self.issues = issues
    self.period = period
    self.observedUntil = observedUntil
    self.teamSource = teamSource
    self.repository = repository
  }
}

/// Privacy thresholds and statistical settings.
public struct ReportOptions: Sendable, Hashable, Codable {
  /// Cells with fewer distinct authors are suppressed; never below `minimumAuthorsFloor`.
  public var minAuthors: Int
  /// Cells with fewer changes show counts only, marked "insufficient data".
  public var minChanges: Int
  /// Survival at a horizon is shown only when at least this many changes were observed that long.
  public var minChangesAtRisk: Int
  /// Replicates per bootstrap. 1,000 keeps the Monte Carlo error of a 95% percentile bound near 0.09
  /// standard errors (2,000: 0.06) at half the cost; the bootstrap is most of a report's run time.
  public var bootstrapResamples: Int
  public var seed: UInt64

  public static let minimumAuthorsFloor = 3

  public init(
    minAuthors: Int = 5, minChanges: Int = 20, minChangesAtRisk: Int = 10, bootstrapResamples: Int = 1000,
    seed: UInt64 = 20_260_701
  ) {
    self.minAuthors = max(minAuthors, Self.minimumAuthorsFloor)
    self.minChanges = minChanges
    self.minChangesAtRisk = minChangesAtRisk
    self.bootstrapResamples = bootstrapResamples
    self.seed = seed
  }
}
