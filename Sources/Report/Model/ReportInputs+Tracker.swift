import Foundation
import OutcomeModel

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
