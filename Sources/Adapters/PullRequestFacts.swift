import Foundation
import OutcomeModel

/// What became of a pull request, and whether an AI agent wrote it.
public struct PullRequestFacts: Hashable, Sendable {
  public var ref: ItemRef
  public var state: ChangeRequestState
  public var isDraft: Bool
  /// Seconds from opening to merge; nil unless merged.
  public var timeToMerge: TimeInterval?
  /// Seconds from the first exported commit's authored date to merge; nil when the export lists no commits.
  public var firstCommitToMerge: TimeInterval?
  /// The agent that authored the request, from its author account or an agent branch prefix.
  public var agentTool: String?
  /// Every AI signal on the request: author, branch, body footers, labels the user named.
  public var evidence: [Evidence]

  public var isMerged: Bool { state == .merged }
  public var isClosedUnmerged: Bool { state == .closedUnmerged }
  public var isAgentAuthored: Bool { agentTool != nil }
}

extension ChangeRequest {
  /// Facts and AI evidence. `aiLabels` are the user's `--ai-label` names, compared case-insensitively.
  public func facts(signatures: AgentSignatures = .defaults, aiLabels: [String] = []) -> PullRequestFacts {
    var evidence: [Evidence] = []
    var agent: String?
    if let author, author.kind == .aiAgent, let tool = author.tool {
      agent = tool
      evidence.append(
        Evidence(tool: tool, signal: .author, strength: .strong, detail: "pr author \(author.handle)"))
    }
    if let branch = sourceBranch, let (tool, prefix) = signatures.branchTool(branch) {
      agent = agent ?? tool
      evidence.append(
        Evidence(tool: tool, signal: .branch, strength: .medium, detail: "pr branch \(branch) (\(prefix))"))
    }
    for (tool, text) in signatures.bodyMatches(body) {
      evidence.append(Evidence(tool: tool, signal: .prBody, strength: .strong, detail: text))
    }
    let wanted = Set(aiLabels.map { $0.lowercased() })
    for label in labels where wanted.contains(label.lowercased()) {
      evidence.append(Evidence(tool: "ai-label", signal: .label, strength: .medium, detail: "label \(label)"))
    }
    return PullRequestFacts(
      ref: ref, state: state, isDraft: isDraft,
      timeToMerge: state == .merged ? zip(createdAt, mergedAt).map { $1.timeIntervalSince($0) } : nil,
      firstCommitToMerge: state == .merged
        ? zip(firstCommitAt, mergedAt).map { $1.timeIntervalSince($0) } : nil,
      agentTool: agent, evidence: evidence)
  }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
  guard let a, let b else { return nil }
  return (a, b)
}
