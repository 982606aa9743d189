import Foundation

extension FixtureRepo {
  /// Merges `rev` into the current branch at a frozen date and returns the new HEAD.
  ///
  /// With `noFastForward` (the default) a merge commit is always made; otherwise git may fast-forward
  /// and the returned id is `rev`'s. If the merge conflicts and `resolve` is given, it runs with
  /// conflict markers in the work tree, then everything is staged and the merge committed; without
  /// a resolver the merge is aborted and `FixtureError.mergeFailed` thrown.
  @discardableResult
  public func merge(
    _ rev: String, message: String? = nil, author: Person = .alice, committer: Person? = nil,
    day: Int, seconds: Int = 0, offset: String = "+0000", noFastForward: Bool = true,
    extraArgs: [String] = [], allowConflictResolution resolve: ((FixtureRepo) throws -> Void)? = nil
  ) throws -> String {
    try performMerge(
      [rev], message: message, author: author, committer: committer ?? author,
      date: FixtureDate(day: day, seconds: seconds, offset: offset),
      fastForward: noFastForward ? ["--no-ff"] : ["--ff"], extraArgs: extraArgs, resolve: resolve)
  }

  /// Merges several heads at once (git's octopus strategy), giving a commit with 3+ parents.
  ///
  /// Octopus merges refuse to record conflicts, so the heads must touch disjoint changes.
  @discardableResult
  public func mergeOctopus(
    _ revs: [String], message: String? = nil, author: Person = .alice, committer: Person? = nil,
    day: Int, seconds: Int = 0, offset: String = "+0000"
  ) throws -> String {
    try performMerge(
      revs, message: message, author: author, committer: committer ?? author,
      date: FixtureDate(day: day, seconds: seconds, offset: offset), fastForward: ["--no-ff"],
      extraArgs: [], resolve: nil)
  }

  /// Paths git left unmerged in the index during a conflicted merge.
  public func conflictedPaths() throws -> [String] {
    try git(["diff", "--name-only", "--diff-filter=U"]).split(separator: "\n").map(String.init)
  }

  private func performMerge(
    _ revs: [String], message: String?, author: Person, committer: Person, date: FixtureDate,
    fastForward: [String], extraArgs: [String], resolve: ((FixtureRepo) throws -> Void)?
  ) throws -> String {
    let identity = GitEnvironment.identity(author: author, committer: committer, date: date)
    var args = ["merge", "-q", "--no-edit", "--no-verify"] + fastForward + extraArgs
    if let message { args += ["-m", message] }
    let result = try gitResult(args + ["--end-of-options"] + revs, env: identity)
    if result.succeeded { return try revParse("HEAD") }

    let inProgress = FileManager.default.fileExists(atPath: gitDir.appendingPathComponent("MERGE_HEAD").path)
    guard let resolve, inProgress else {
      // Leave the repository usable for the next step of the test rather than mid-merge.
      if inProgress { try git(["merge", "--abort"]) }
      throw FixtureError.mergeFailed(revs: revs, stderr: result.stderr + result.stdout)
    }
    try resolve(self)
    try git(["add", "-A"])
    // Without -m git reuses MERGE_MSG; stripping drops its commented "Conflicts:" list, which
    // would otherwise make the message depend on how the conflict arose.
    var commitArgs = ["commit", "-q", "--no-edit", "--no-verify"]
    if let message {
      commitArgs += ["--cleanup=whitespace", "-m", message]
    } else {
      commitArgs += ["--cleanup=strip"]
    }
    try git(commitArgs, env: identity)
    return try revParse("HEAD")
  }
}

extension FixtureRepo {
  /// A conflict resolver that keeps both sides of every text conflict (markers removed), and the
  /// work-tree state of anything else (a modify/delete keeps the modified file, a binary keeps ours).
  public func resolveConflictsKeepingBothSides() throws {
    for path in try conflictedPaths() where exists(path) {
      guard let text = try? read(path) else { continue }
      let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter {
        !($0.hasPrefix("<<<<<<< ") || $0 == "=======" || $0.hasPrefix(">>>>>>> "))
      }
      try write(path, kept.joined(separator: "\n"))
    }
  }
}
