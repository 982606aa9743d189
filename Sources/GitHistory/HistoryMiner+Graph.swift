internal import Clibgit2
import OutcomeModel

extension HistoryMiner {
  /// Mines every commit of `graph`, parents first, and calls `body` with each on the calling thread.
  ///
  /// Mainline changes come with their contributing commits as in `mine(_: MainlinePlan)`; merges also come
  /// with their diffs against every other parent, which the ledger needs to give lines to branch commits.
  /// `start` skips the commits an earlier run already mined (the incremental cache resumes there).
  public func mine(_ graph: GraphPlan, from start: Int = 0, body: (CommitDiffs) throws -> Void) throws
    -> MiningSummary
  {
    var summary = MiningSummary()
    let nodes = graph.nodes
    let entries = graph.mainline.entries
    try runWorkers(count: max(0, nodes.count - start)) { offset, worker throws(GitError) in
      let position = start + offset
      let node = nodes[position]
      var change: Change
      if let index = node.mainlineIndex {
        change = try self.change(entries[index], index: index, worker: worker)
      } else {
        change = try self.diffed(node.oid, worker: worker, side: true, sideMerge: node.parents.count > 1)
        change.index = -1
      }
      var others: [[FileDiff]] = []
      if node.parents.count > 1 {
        others = try worker.repository.withCommit(node.oid) { commit throws(GitError) in
          var diffs: [[FileDiff]] = []
          for parent in 1..<node.parents.count {
            // A parent beyond a shallow boundary has no state to take lines from.
            diffs.append(
              node.parents[parent] < 0
                ? []
                : try worker.reader.otherParentDiff(
                  commit: commit, parentIndex: UInt32(parent), firstParentFiles: change.files))
          }
          return diffs
        }
      }
      return CommitDiffs(
        change: change, position: position, parentPositions: node.parents, mainlineIndex: node.mainlineIndex,
        otherParentDiffs: others, childCount: node.childCount)
    } consume: { commit in
      if commit.mainlineIndex != nil {
        summary.count(commit.change)
      } else {
        summary.missingBlobs += commit.change.missingBlobs
      }
      try body(commit)
    }
    return summary
  }
}
