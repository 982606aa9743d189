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
    aiLinesAdded = record.aiLinesAdded ?? (cohort == .unmarked ? 0 : record.linesAdded)
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
