/// One commit of the whole graph, parents before children, with its diff against every parent.
///
/// The line ledger consumes these in order. `change.files` is the diff against the first parent (the
/// empty tree for a root); `otherParentDiffs[k]` is the diff against parent `k + 1` of a merge.
public struct CommitDiffs: Sendable {
  public var change: Change
  /// Position in the graph order.
  public var position: Int
  /// Graph positions of the parents; -1 for a parent missing from the object database.
  public var parentPositions: [Int]
  /// Position on the mainline when this commit is a mainline change.
  public var mainlineIndex: Int?
  public var otherParentDiffs: [[FileDiff]]
  /// How many later commits in the graph have this one as a parent.
  public var childCount: Int

  public init(
    change: Change, position: Int, parentPositions: [Int], mainlineIndex: Int?,
    otherParentDiffs: [[FileDiff]] = [], childCount: Int
  ) {
    self.change = change
    self.position = position
    self.parentPositions = parentPositions
    self.mainlineIndex = mainlineIndex
    self.otherParentDiffs = otherParentDiffs
    self.childCount = childCount
  }
}
