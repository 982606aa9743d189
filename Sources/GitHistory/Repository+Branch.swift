internal import Clibgit2
import OutcomeModel

/// The branch whose first-parent chain is the mainline, and the commit at its tip.
public struct BranchTip: Sendable, Hashable {
  /// The name as the user would write it (`main`, `origin/main`, `HEAD`).
  public var name: String
  public var tip: CommitID
}

extension Repository {
  /// Finds the mainline branch: the one named, else origin/HEAD, main, master, then HEAD.
  public func mainlineBranch(named name: String? = nil) throws(HistoryError) -> BranchTip {
    if let name {
      for candidate in ["refs/heads/\(name)", "refs/remotes/\(name)", "refs/remotes/origin/\(name)", name] {
        if let oid = peelToCommit(candidate) { return BranchTip(name: name, tip: oid.commitID) }
      }
      if isEmpty { throw .emptyRepository(path: displayPath) }
      throw .unknownBranch(name: name, path: displayPath)
    }
    if isEmpty { throw .emptyRepository(path: displayPath) }
    if let remoteHead = symbolicTarget("refs/remotes/origin/HEAD"), let oid = peelToCommit(remoteHead) {
      return BranchTip(
        name: remoteHead.replacingOccurrences(of: "refs/remotes/", with: ""), tip: oid.commitID)
    }
    let fallbacks = ["main", "master"]
    for candidate in fallbacks {
      for reference in ["refs/heads/\(candidate)", "refs/remotes/origin/\(candidate)"] {
        if let oid = peelToCommit(reference) {
          let shown = reference.hasPrefix("refs/heads/") ? candidate : "origin/\(candidate)"
          return BranchTip(name: shown, tip: oid.commitID)
        }
      }
    }
    if let oid = peelToCommit("HEAD") { return BranchTip(name: "HEAD", tip: oid.commitID) }
    throw .noDefaultBranch(tried: ["origin/HEAD"] + fallbacks + ["HEAD"], path: displayPath)
  }

  private func symbolicTarget(_ name: String) -> String? {
    var reference: OpaquePointer?
    guard git_reference_lookup(&reference, handle, name) == 0, let reference else {
      git_error_clear()
      return nil
    }
    defer { git_reference_free(reference) }
    guard git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC,
      let target = git_reference_symbolic_target(reference)
    else { return nil }
    return String(cString: target)
  }
}
