/// One mainline commit with its diff against the first parent.
///
/// A merge change also carries its contributing commits: those reachable from its other parents and not
/// from its first parent, depth first from the side branch's tip along first parents.
public struct Change: Hashable, Sendable, Codable {
  public var commit: CommitInfo
  public var files: [FileDiff]
  public var contributing: [ContributingCommit]
  /// Position on the mainline, 0 for the oldest change walked.
  public var index: Int
  /// The first parent is missing because the clone is shallow; the diff is against the empty tree.
  public var isShallowBoundary: Bool
  /// Rename detection was skipped for this change because it touched too many files.
  public var renameDetectionSkipped: Bool

  public init(
    commit: CommitInfo, files: [FileDiff], contributing: [ContributingCommit] = [], index: Int = 0,
    isShallowBoundary: Bool = false, renameDetectionSkipped: Bool = false
  ) {
    self.commit = commit
    self.files = files
    self.contributing = contributing
    self.index = index
    self.isShallowBoundary = isShallowBoundary
    self.renameDetectionSkipped = renameDetectionSkipped
  }

  public var id: CommitID { commit.id }
  public var linesAdded: Int { files.reduce(0) { $0 + $1.linesAdded } }
  public var linesDeleted: Int { files.reduce(0) { $0 + $1.linesDeleted } }
  /// Blobs this change could not read.
  public var missingBlobs: Int { files.reduce(0) { $0 + ($1.isMissing ? 1 : 0) } }
}

/// A commit a merge change brought into the mainline.
public struct ContributingCommit: Hashable, Sendable, Codable {
  public var commit: CommitInfo
  /// Lines it added against its own first parent; nil unless the miner was asked for contributing stats
  /// (they cost a diff per branch commit).
  public var linesAdded: Int?

  public init(commit: CommitInfo, linesAdded: Int? = nil) {
    self.commit = commit
    self.linesAdded = linesAdded
  }
}
