internal import Clibgit2
import OutcomeModel

extension Repository {
  /// Lists the mainline of `branch` oldest first, with each merge's contributing commits.
  public func mainlinePlan(for branch: BranchTip) throws(HistoryError) -> MainlinePlan {
    guard let tip = OID(branch.tip) else { throw .unknownRevision(branch.tip.hex) }
    do {
      var chain: [(oid: OID, parents: [OID], time: Int64)] = []
      var missing = 0
      var cursor: OID? = tip
      while let oid = cursor {
        let (parents, time) = try withCommit(oid) { commit in
          (
            (0..<git_commit_parentcount(commit)).map { OID(git_commit_parent_id(commit, $0)) },
            git_commit_time(commit)
          )
        }
        chain.append((oid, parents, time))
        cursor = nil
        if let first = parents.first {
          if exists(first) {
            cursor = first
          } else {
            missing += 1
          }
        }
      }
      chain.reverse()

      var seen = Set<OID>()
      seen.reserveCapacity(chain.count * 2)
      var entries: [MainlinePlan.Entry] = []
      entries.reserveCapacity(chain.count)
      for link in chain {
        seen.insert(link.oid)
        var contributing: [OID] = []
        var stack = Array(link.parents.dropFirst().reversed())
        while let next = stack.popLast() {
          guard seen.insert(next).inserted else { continue }
          guard exists(next) else {
            missing += 1
            continue
          }
          contributing.append(next)
          stack.append(contentsOf: try parents(of: next).reversed())
        }
        entries.append(.init(oid: link.oid, contributing: contributing, committedAt: link.time))
      }
      return MainlinePlan(
        branch: branch, entries: entries, missingCommits: missing, totalMainline: entries.count)
    } catch {
      throw .git(error)
    }
  }

  func exists(_ oid: OID) -> Bool {
    var odb: OpaquePointer?
    guard git_repository_odb(&odb, handle) == 0 else {
      git_error_clear()
      return false
    }
    defer { git_odb_free(odb) }
    var raw = oid.gitOID
    return git_odb_exists(odb, &raw) == 1
  }
}
