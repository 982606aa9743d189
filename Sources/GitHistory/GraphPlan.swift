import OutcomeModel

/// Every commit reachable from the branch tip, parents before children: the order the line ledger needs.
///
/// Built from a whole `MainlinePlan`: each mainline change is preceded by its contributing commits, sorted
/// so that a branch's commits come right before the merge that lands them. That keeps few commit states
/// alive at once, because a branch is finished soon after it starts.
public struct GraphPlan: Sendable {
  struct Node: Sendable {
    var oid: OID
    /// Graph positions of the parents, in parent order; -1 for a parent missing from the database.
    var parents: [Int]
    /// Position on the mainline when this commit is a mainline change.
    var mainlineIndex: Int?
    /// Children within the graph: how many later commits start from this commit's state.
    var childCount: Int
  }

  public let branch: BranchTip
  var nodes: [Node]
  /// Mainline positions in graph order, so the miner can attach contributing commits to merges.
  let mainline: MainlinePlan

  public var count: Int { nodes.count }
  public var ids: [CommitID] { nodes.map { $0.oid.commitID } }
  /// One commit's id, without building `ids` (82,000 strings on git/git) for it.
  public func id(at position: Int) -> CommitID { nodes[position].oid.commitID }

  /// The graph of an unfiltered plan; a filtered plan would leave holes in the history.
  public init(_ plan: MainlinePlan) {
    branch = plan.branch
    mainline = plan
    var position: [OID: Int] = [:]
    var nodes: [Node] = []
    nodes.reserveCapacity(plan.entries.reduce(0) { $0 + 1 + $1.contributing.count })
    position.reserveCapacity(nodes.capacity)

    func add(_ oid: OID, parents: [OID], mainlineIndex: Int?) {
      let parentPositions = parents.map { position[$0] ?? -1 }
      for parent in parentPositions where parent >= 0 { nodes[parent].childCount += 1 }
      position[oid] = nodes.count
      nodes.append(Node(oid: oid, parents: parentPositions, mainlineIndex: mainlineIndex, childCount: 0))
    }

    for (index, entry) in plan.entries.enumerated() {
      // Contributing commits only have parents that are earlier in the graph or in this same set.
      var pending: [OID: [OID]] = [:]
      for (oid, parents) in zip(entry.contributing, entry.contributingParents) { pending[oid] = parents }
      for start in entry.contributing where pending[start] != nil {
        // Iterative post-order: a commit is added once all its pending parents are.
        var stack: [(oid: OID, next: Int)] = [(start, 0)]
        while let top = stack.last {
          let parents = pending[top.oid] ?? []
          if top.next < parents.count {
            stack[stack.count - 1].next += 1
            let parent = parents[top.next]
            // A pending parent cannot already be on the stack: that would be a cycle.
            if pending[parent] != nil {
              stack.append((parent, 0))
            }
          } else {
            stack.removeLast()
            if let parents = pending.removeValue(forKey: top.oid) {
              add(top.oid, parents: parents, mainlineIndex: nil)
            }
          }
        }
      }
      add(entry.oid, parents: entry.parents, mainlineIndex: index)
    }
    self.nodes = nodes
  }

  /// The graph position of a commit, nil when it is not reachable from the tip.
  public func position(of id: CommitID) -> Int? {
    guard let oid = OID(id) else { return nil }
    return nodes.firstIndex { $0.oid == oid }
  }

  /// Position on the mainline of the commit at graph position `position`, if it is a mainline change.
  public func mainlineIndex(at position: Int) -> Int? { nodes[position].mainlineIndex }

  /// Commits before `start` that commits from `start` on use as parents, with how many use each: the
  /// line states a resumed ledger must have.
  public func statesNeeded(from start: Int) -> [Int: Int] {
    var needed: [Int: Int] = [:]
    for node in nodes[min(start, nodes.count)...] {
      for parent in node.parents where parent >= 0 && parent < start { needed[parent, default: 0] += 1 }
    }
    return needed
  }

  /// Commits reachable from `tip` (inclusive) as a bit per graph position: git's `A..B` needs two of these.
  public func ancestors(of tip: Int) -> [Bool] {
    var seen = [Bool](repeating: false, count: nodes.count)
    var stack = [tip]
    while let next = stack.popLast() {
      guard next >= 0, !seen[next] else { continue }
      seen[next] = true
      stack.append(contentsOf: nodes[next].parents)
    }
    return seen
  }
}
