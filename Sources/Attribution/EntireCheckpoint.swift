import Foundation

/// One Entire CLI checkpoint (a commit's `Entire-Checkpoint: <12 hex>` trailer points at it): the agent
/// and model of its sessions and Entire's own line split, from the sessions' `metadata.json`
/// (`agent`, `model`, `initial_attribution.agent_lines` and `human_added`).
public struct EntireCheckpoint: Sendable, Hashable {
  public var agents: [String]
  public var models: [String]
  /// Lines added by the agent that remain in the commit, summed over sessions; nil when no session
  /// recorded a split.
  public var agentLines: Int?
  public var humanLines: Int?

  public init(agents: [String], models: [String] = [], agentLines: Int? = nil, humanLines: Int? = nil) {
    self.agents = agents
    self.models = models
    self.agentLines = agentLines
    self.humanLines = humanLines
  }

  /// Reads the sessions' metadata; a session whose JSON cannot be read is left out, and nil means none
  /// could be.
  public static func parse(sessions: [String]) -> EntireCheckpoint? {
    var checkpoint = EntireCheckpoint(agents: [])
    var any = false
    for text in sessions {
      guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        continue
      }
      any = true
      if let agent = object["agent"] as? String, !agent.isEmpty, !checkpoint.agents.contains(agent) {
        checkpoint.agents.append(agent)
      }
      if let model = object["model"] as? String, !model.isEmpty, !checkpoint.models.contains(model) {
        checkpoint.models.append(model)
      }
      if let split = object["initial_attribution"] as? [String: Any] {
        if let agent = split["agent_lines"] as? Int {
          checkpoint.agentLines = (checkpoint.agentLines ?? 0) + agent
        }
        if let human = split["human_added"] as? Int {
          checkpoint.humanLines = (checkpoint.humanLines ?? 0) + human
        }
      }
    }
    return any ? checkpoint : nil
  }

  /// The checkpoint ids named by `Entire-Checkpoint:` lines of a message.
  static func ids(in message: String) -> [String] {
    MessageLines.of(message).compactMap { line in
      guard let (key, value) = TrailerLine.parse(line), key.lowercased() == "entire-checkpoint",
        value.count == 12, value.allSatisfy(\.isHexDigit)
      else { return nil }
      return value.lowercased()
    }
  }
}
