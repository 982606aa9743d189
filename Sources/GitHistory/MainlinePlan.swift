import OutcomeModel

/// What one mining run will read: the mainline changes, oldest first, each with its contributing commits.
///
/// Built once on one thread by following first parents; contributing commits come from a single pass that
/// keeps the set of commits already reachable from earlier mainline changes, so every commit of the
/// history is visited once however many merges there are.
public struct MainlinePlan: Sendable {
  struct Entry: Sendable {
    var oid: OID
    var contributing: [OID]
    var committedAt: Int64
    var parents: [OID] = []
    /// Parents of each contributing commit, in the same order; the commit graph is built from these.
    var contributingParents: [[OID]] = []
  }

  public let branch: BranchTip
  var entries: [Entry]
  /// Parents that are not in the object database (shallow or broken clones).
  public internal(set) var missingCommits: Int

  public var count: Int { entries.count }
  public var ids: [CommitID] { entries.map { $0.oid.commitID } }

  /// Keeps changes committed in `[since, until)` (Unix seconds), then the newest `limit` of those.
  public func filtered(since: Int64? = nil, until: Int64? = nil, limit: Int? = nil) -> MainlinePlan {
    var copy = self
    copy.entries = entries.filter { entry in
      (since.map { entry.committedAt >= $0 } ?? true) && (until.map { entry.committedAt < $0 } ?? true)
    }
    if let limit, copy.entries.count > limit {
      copy.entries.removeFirst(copy.entries.count - limit)
    }
    return copy
  }

  /// The position of a change on the mainline, nil when the commit is not a mainline change.
  public func position(of id: CommitID) -> Int? {
    guard let oid = OID(id) else { return nil }
    return entries.firstIndex { $0.oid == oid }
  }

  /// The mainline merge that brought `id` in as a contributing commit, if any.
  public func merge(bringingIn id: CommitID) -> CommitID? {
    guard let oid = OID(id) else { return nil }
    return entries.first { $0.contributing.contains(oid) }?.oid.commitID
  }

  /// Only the change at `position`, for commands that look at one change.
  public func single(at position: Int) -> MainlinePlan {
    var copy = self
    copy.entries = [entries[position]]
    return copy
  }
}
