/// What kind of account acted: a person, an automation, an AI agent, or an account that no longer exists.
public enum PersonKind: String, Hashable, Sendable, Codable, CaseIterable {
  case human, bot, aiAgent, deleted, unknown
}

/// An account in a tracker export, with the rule that decided its kind (so `explain` can show it).
public struct TrackerPerson: Hashable, Sendable, Codable {
  public var system: TrackerSystem
  /// Login, username or Jira account id; empty for a deleted account the export no longer names.
  public var handle: String
  public var displayName: String?
  public var email: String?
  public var kind: PersonKind
  /// Why the kind was chosen: `user.type=Bot`, `login ghost`, `ai-agent login Copilot`, `is_bot`, ...
  public var kindRule: String
  /// The AI tool's catalogue id when `kind` is `aiAgent` (`copilot-agent`, `devin`).
  public var tool: String?

  public init(
    system: TrackerSystem, handle: String, displayName: String? = nil, email: String? = nil,
    kind: PersonKind, kindRule: String, tool: String? = nil
  ) {
    self.system = system
    self.handle = handle
    self.displayName = displayName
    self.email = email
    self.kind = kind
    self.kindRule = kindRule
    self.tool = tool
  }
}
