import OutcomeModel

/// The cohorts a report shows: the four of the fact table, the AI union, and everything. `bot` stays out
/// of AI vs unmarked.
public enum ReportCohort: String, Hashable, Sendable, Codable, CaseIterable {
  case agent, assisted, unmarked, ai, all, bot

  /// Whether a change of `cohort` belongs here; a change without a cohort (attribution off) is unmarked.
  public func includes(_ cohort: Cohort?) -> Bool {
    let cohort = cohort ?? .unmarked
    switch self {
    case .agent: return cohort == .agent
    case .assisted: return cohort == .assisted
    case .unmarked: return cohort == .unmarked
    case .ai: return cohort.isAI
    case .all: return true
    case .bot: return cohort == .bot
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
    case .bot: return "Bot (automation)"
    }
  }
}
