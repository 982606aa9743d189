import OutcomeModel

/// The cohorts a report shows: the three of the fact table, their AI union, and everything.
public enum ReportCohort: String, Hashable, Sendable, Codable, CaseIterable {
  case agent, assisted, unmarked, ai, all

  /// Whether a change of `cohort` belongs here; a change without a cohort (attribution off) is unmarked.
  public func includes(_ cohort: Cohort?) -> Bool {
    let cohort = cohort ?? .unmarked
    switch self {
    case .agent: return cohort == .agent
    case .assisted: return cohort == .assisted
    case .unmarked: return cohort == .unmarked
    case .ai: return cohort != .unmarked
    case .all: return true
    }
  }

  /// How a reader sees the cohort; never "human" (absence of a mark proves nothing).
  public var title: String {
    switch self {
    case .agent: return "Agent"
    case .assisted: return "Assisted"
    case .unmarked: return "Unmarked"
    case .ai: return "AI (agent + assisted)"
    case .all: return "All changes"
    }
  }
}
