internal import Clibgit2
import OutcomeModel

extension Repository {
  /// The commits of git's `base..head` range (reachable from `head`, not from `base`), oldest first.
  ///
  /// At most the newest `limit` are read, so a wrong base (an unrelated branch) cannot make a pull
  /// request's table read the whole history; ask for one more than you show to know it was cut.
  ///
  /// ```swift
  /// let base = try repository.resolve("origin/main")
  /// let commits = try repository.commits(from: base, to: try repository.resolve("HEAD"))
  /// ```
  public func commits(from base: CommitID, to head: CommitID, limit: Int = 1_000) throws(HistoryError)
    -> [CommitInfo]
  {
    guard let headOID = OID(head) else { throw .unknownRevision(head.hex) }
    guard let baseOID = OID(base) else { throw .unknownRevision(base.hex) }
    do {
      var walk: OpaquePointer?
      try check(git_revwalk_new(&walk, handle), "git_revwalk_new")
      defer { git_revwalk_free(walk) }
      // Newest first (git log's order), so the limit keeps the commits nearest the head.
      try check(
        git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue),
        "git_revwalk_sorting")
      var rawHead = headOID.gitOID
      try check(git_revwalk_push(walk, &rawHead), "git_revwalk_push")
      var rawBase = baseOID.gitOID
      try check(git_revwalk_hide(walk, &rawBase), "git_revwalk_hide")
      var found: [OID] = []
      var next = git_oid()
      while found.count < limit {
        let code = git_revwalk_next(&next, walk)
        if code == GIT_ITEROVER.rawValue { break }
        try check(code, "git_revwalk_next")
        found.append(OID(next))
      }
      git_error_clear()
      var commits: [CommitInfo] = []
      commits.reserveCapacity(found.count)
      for oid in found.reversed() {
        commits.append(try withCommit(oid) { CommitReader.info(of: $0) })
      }
      return commits
    } catch {
      throw .git(error)
    }
  }
}
