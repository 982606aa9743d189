internal import Clibgit2
import OutcomeModel

extension Repository {
  /// Lists the mainline of `branch` oldest first, with each merge's contributing commits.
  public func mainlinePlan(for branch: BranchTip) throws(HistoryError) -> MainlinePlan {
    // A plan that stops nowhere walks the whole first-parent chain.
    guard let plan = try mainlinePlan(for: branch, after: nil) else { throw .unknownRevision(branch.tip.hex) }
    return plan
  }

  /// The plan of `branch` built on a plan made earlier (by the cache) for an older tip: only the changes
  /// since that tip are read. Nil when the old tip is no longer on the branch's first-parent chain
  /// (rewritten history, or a merge that made the old mainline a second parent).
  public func mainlinePlan(for branch: BranchTip, resuming earlier: MainlinePlan) throws(HistoryError)
    -> MainlinePlan?
  {
    try mainlinePlan(for: branch, after: earlier)
  }

  private func mainlinePlan(for branch: BranchTip, after earlier: MainlinePlan?) throws(HistoryError)
    -> MainlinePlan?
  {
    guard let tip = OID(branch.tip) else { throw .unknownRevision(branch.tip.hex) }
    var odb: OpaquePointer?
    do {
      try check(git_repository_odb(&odb, handle), "git_repository_odb")
    } catch {
      throw .git(error)
    }
    defer { git_odb_free(odb) }
    let stop = earlier?.entries.last?.oid
    do {
      var chain: [(oid: OID, parents: [OID], time: Int64)] = []
      var missing = earlier?.missingCommits ?? 0
      var cursor: OID? = tip
      var reachedStop = stop == nil
      while let oid = cursor {
        if oid == stop {
          reachedStop = true
          break
        }
        let (parents, time) = try withCommit(oid) { commit in
          (
            (0..<git_commit_parentcount(commit)).map { OID(git_commit_parent_id(commit, $0)) },
            git_commit_time(commit)
          )
        }
        chain.append((oid, parents, time))
        cursor = nil
        if let first = parents.first {
          if exists(first, in: odb!) {
            cursor = first
          } else {
            missing += 1
          }
        }
      }
      guard reachedStop else { return nil }
      chain.reverse()

      var entries = earlier?.entries ?? []
      // Commits already on the mainline or brought in by an earlier merge are not contributing again.
      var seen = Set<OID>()
      seen.reserveCapacity((entries.count + chain.count) * 2)
      for entry in entries {
        seen.insert(entry.oid)
        seen.formUnion(entry.contributing)
      }
      entries.reserveCapacity(entries.count + chain.count)
      for link in chain {
        seen.insert(link.oid)
        var contributing: [OID] = []
        var contributingParents: [[OID]] = []
        var stack = Array(link.parents.dropFirst().reversed())
        while let next = stack.popLast() {
          guard seen.insert(next).inserted else { continue }
          guard exists(next, in: odb!) else {
            missing += 1
            continue
          }
          contributing.append(next)
          let nextParents = try parents(of: next)
          contributingParents.append(nextParents)
          stack.append(contentsOf: nextParents.reversed())
        }
        entries.append(
          .init(
            oid: link.oid, contributing: contributing, committedAt: link.time, parents: link.parents,
            contributingParents: contributingParents))
      }
      return MainlinePlan(branch: branch, entries: entries, missingCommits: missing)
    } catch {
      throw .git(error)
    }
  }

  /// Whether the object database has `oid`; the caller opens the database once for the whole walk.
  func exists(_ oid: OID, in odb: OpaquePointer) -> Bool {
    var raw = oid.gitOID
    return git_odb_exists(odb, &raw) == 1
  }
}
