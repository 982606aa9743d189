/// Where an AI signal was observed.
public enum SignalKind: String, Hashable, Sendable, Codable, CaseIterable {
  case trailer, author, committer, footer, subject, branch, note, label
  case prBody = "pr-body"
}

/// How much a signal proves on its own. Medium signals (branch prefixes, labels) are opt-in.
public enum Strength: String, Hashable, Sendable, Codable, Comparable, CaseIterable {
  case medium, strong

  public static func < (lhs: Strength, rhs: Strength) -> Bool { lhs == .medium && rhs == .strong }
}

/// One observed AI signal.
public struct Evidence: Hashable, Sendable, Codable {
  /// Catalogue id of the tool, e.g. `claude-code`, `copilot-agent`.
  public var tool: String
  public var signal: SignalKind
  public var strength: Strength
  /// The matched text and, where it helps, the role or commit it was seen on.
  public var detail: String

  public init(tool: String, signal: SignalKind, strength: Strength, detail: String) {
    self.tool = tool
    self.signal = signal
    self.strength = strength
    self.detail = detail
  }
}

/// The cohort of a change. "unmarked", never "human": absence of a mark proves nothing. `bot` is non-AI
/// automation (dependency and release bots, CI apps), kept out of AI vs unmarked.
public enum Cohort: String, Hashable, Sendable, Codable, CaseIterable {
  case agent, assisted, unmarked, bot

  /// Agent or assisted work.
  public var isAI: Bool { self == .agent || self == .assisted }
}
