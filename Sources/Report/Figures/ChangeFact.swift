import OutcomeModel

/// The parts of a fact row a report uses, parsed once (timestamps to seconds, revert cancellation).
struct ChangeFact: Sendable {
  var author: String
  var teams: [String]
  var cohort: Cohort
  var tools: [String]
  var landedAt: Int64
  var linesAdded: Int
  var linesDeleted: Int
  var aiLinesAdded: Int
  /// Days to a revert that stood (a revert later reverted itself does not count); nil when none.
  var revertDays: Int?
  var fate: LineFate?
  var defects: Int
  /// Whether the ledger looked for reverts and SZZ traced defects for this change: without that, "no
  /// revert" and "no defect" would be guesses, and the change is left out of those rates.
  var revertsMeasured: Bool
  var defectsMeasured: Bool
  var issues: [String]
  var leadHours: Double?

  init?(_ record: ChangeRecord) {
    guard let landed = Timestamp.parse(record.committedAt) else { return nil }
    author = record.author
    let teams = record.teams ?? record.team.map { [$0] } ?? []
    self.teams = teams.isEmpty ? [TeamResolver.unassigned] : Array(Set(teams)).sorted()
    cohort = record.cohort ?? .unmarked
    tools = record.tools ?? []
    landedAt = landed
    linesAdded = record.linesAdded
    linesDeleted = record.linesDeleted
    aiLinesAdded = record.aiLinesAdded ?? (cohort.isAI ? record.linesAdded : 0)
    if let revert = record.reverted, revert.relandedBy == nil { revertDays = revert.days }
    fate = record.fate
    defects = record.defectsInduced?.count ?? 0
    revertsMeasured = record.outcomesComputed || record.reverted != nil
    defectsMeasured = record.outcomesComputed || record.defectsInduced != nil
    issues = record.issues ?? []
    let merged = record.pr?.mergedAt.flatMap(Timestamp.parse) ?? landed
    if let authored = Timestamp.parse(record.authoredAt), merged > authored {
      leadHours = Double(merged - authored) / 3600
    }
  }
}

/// The rules behind the rates, shared by the team report's cells and the self-check, so the two cannot
/// count differently.
extension ChangeFact {
  /// Of `measured` changes, those whose `days`-day window has passed by `observedUntil`, and how many of
  /// them a revert that stood undid within it.
  static func reverts(_ measured: [ChangeFact], within days: Int, observedUntil: Int64) -> (
    reverted: Int, matured: Int
  ) {
    // Only changes whose window has fully passed: a change landed yesterday has not had the chance.
    let matured = measured.filter { $0.landedAt + Int64(days) * 86_400 <= observedUntil }
    return (matured.filter { ($0.revertDays ?? Int.max) <= days }.count, matured.count)
  }

  /// How many of `measured` changes SZZ blamed for at least one defect.
  static func blamed(_ measured: [ChangeFact]) -> Int { measured.filter { $0.defects > 0 }.count }

  /// Churned and owned lines of one change for a churn metric; nil without owned lines or before the
  /// window has passed.
  static func churn(_ metric: MetricID, of fate: LineFate?) -> (Double, Double)? {
    guard let fate, fate.owned > 0 else { return nil }
    let churned: Int?
    switch metric {
    case .churn14d: churned = fate.churned14d
    case .churn21d: churned = fate.churned21d
    case .churn21dSelf: churned = fate.churned21d == nil ? nil : fate.churned21dSelf ?? 0
    default: churned = fate.churned21d == nil ? nil : fate.churned21dOthers ?? 0
    }
    return churned.map { (Double($0), Double(fate.owned)) }
  }

  /// Moved or copied lines of one change and its added lines in eligible files (owned + moved); nil
  /// when moves were not followed or nothing was added.
  static func moves(_ metric: MetricID, of fate: LineFate?) -> (Double, Double)? {
    guard let fate, let moved = fate.moved else { return nil }
    let added = fate.owned + moved
    guard added > 0 else { return nil }
    let lines = metric == .movedShare ? moved : fate.copied ?? 0
    return (Double(lines), Double(added))
  }
}
