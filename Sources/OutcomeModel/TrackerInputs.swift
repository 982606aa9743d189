import Foundation

/// A pull request as the report needs it, including those that never landed (they have no change row).
///
/// The caller fills `teams` with the same `TeamResolver` used for changes, and `author` with the same
/// pseudonym the fact table uses, so PR authors and change authors count as one person.
public struct PullRequestInput: Hashable, Sendable, Codable {
  public var number: Int
  public var author: String
  public var teams: [String]
  public var cohort: Cohort
  /// `merged`, `closed` (unmerged) or `open`.
  public var state: String
  public var isDraft: Bool
  /// ISO-8601 UTC; the PR belongs to the period in which it was opened.
  public var createdAt: String

  public init(
    number: Int, author: String, teams: [String], cohort: Cohort, state: String, isDraft: Bool = false,
    createdAt: String
  ) {
    self.number = number
    self.author = author
    self.teams = teams
    self.cohort = cohort
    self.state = state
    self.isDraft = isDraft
    self.createdAt = createdAt
  }
}

/// A linked tracker item's outcome; changes link to it through `ChangeRecord.issues` keys.
public struct IssueInput: Hashable, Sendable, Codable {
  public var key: String
  public var resolved: Bool
  public var reopened: Bool

  public init(key: String, resolved: Bool, reopened: Bool) {
    self.key = key
    self.resolved = resolved
    self.reopened = reopened
  }
}

extension PullRequestInput {
  /// From an adapter's `ChangeRequest`; the caller supplies what the report must not work out itself:
  /// the author's pseudonym, teams (same resolver as for changes) and cohort. Nil without a creation time.
  public init?(_ request: ChangeRequest, author: String, teams: [String], cohort: Cohort) {
    guard let number = request.ref.number, let created = request.createdAt else { return nil }
    let state: String
    switch request.state {
    case .merged: state = "merged"
    case .closedUnmerged: state = "closed"
    case .open: state = "open"
    }
    self.init(
      number: number, author: author, teams: teams, cohort: cohort, state: state, isDraft: request.isDraft,
      createdAt: Timestamp.iso8601(Int64(created.timeIntervalSince1970.rounded(.down))))
  }
}

extension IssueInput {
  /// States that mean "finished" across trackers, for spotting a reopen in an item's history.
  static let finishedStates: Set<String> = [
    "closed", "done", "resolved", "completed", "canceled", "cancelled",
  ]

  /// From an adapter's `WorkItem`. `key` must equal the keys in `ChangeRecord.issues` (default: the
  /// ref as people write it). Reopened means a state or status transition left a finished state, or
  /// a resolution was cleared.
  public init(_ item: WorkItem, key: String? = nil) {
    let reopened = item.transitions.contains { t in
      switch t.field {
      case "resolution": return t.from != nil && t.to == nil
      case "state", "status":
        guard let from = t.from?.lowercased() else { return false }
        let to = t.to?.lowercased() ?? ""
        return Self.finishedStates.contains(from) && !Self.finishedStates.contains(to)
      default: return false
      }
    }
    self.init(key: key ?? item.ref.description, resolved: item.isResolvedCompleted, reopened: reopened)
  }
}
