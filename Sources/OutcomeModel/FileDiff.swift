/// How a file changed between a commit and its first parent.
public enum FileChangeKind: String, Hashable, Sendable, Codable {
  case added, deleted, modified, renamed, copied, typeChange
}

/// One line of a hunk: content hashes always, the text only when asked for.
public struct DiffLine: Hashable, Sendable, Codable {
  /// FNV-1a 64 of the line's bytes without its line terminator.
  public var hash: UInt64
  /// The same hash with all white space removed, for whitespace-insensitive comparisons (SZZ filters).
  public var whitespaceFreeHash: UInt64
  /// True when the line holds only white space.
  public var isBlank: Bool
  /// True when the line is only a comment (`//`, `/*`, `#␠`, `--␠`, `<!--`, `;;`): SZZ does not blame it.
  public var isComment: Bool
  public var text: String?

  public init(
    hash: UInt64, whitespaceFreeHash: UInt64, isBlank: Bool, isComment: Bool = false, text: String? = nil
  ) {
    self.hash = hash
    self.whitespaceFreeHash = whitespaceFreeHash
    self.isBlank = isBlank
    self.isComment = isComment
    self.text = text
  }
}

/// A zero-context hunk: `oldCount` lines at `oldStart` were replaced by `newCount` lines at `newStart`.
///
/// Starts are 1-based as in unified diffs; a count of 0 means the start names the line before the gap.
public struct Hunk: Hashable, Sendable, Codable {
  public var oldStart: Int
  public var oldCount: Int
  public var newStart: Int
  public var newCount: Int
  public var removed: [DiffLine]
  public var added: [DiffLine]

  public init(
    oldStart: Int, oldCount: Int, newStart: Int, newCount: Int, removed: [DiffLine] = [],
    added: [DiffLine] = []
  ) {
    self.oldStart = oldStart
    self.oldCount = oldCount
    self.newStart = newStart
    self.newCount = newCount
    self.removed = removed
    self.added = added
  }
}

/// The diff of one file in a change.
public struct FileDiff: Hashable, Sendable, Codable {
  /// The path before the change; nil when the file was added.
  public var oldPath: String?
  /// The path after the change; nil when the file was deleted.
  public var newPath: String?
  public var kind: FileChangeKind
  public var oldMode: UInt32
  public var newMode: UInt32
  /// Binary by content or by `.gitattributes`; binary files count no lines, as in `git log --numstat`.
  public var isBinary: Bool
  /// A blob of this file was missing from the object database (partial or filtered clone).
  public var isMissing: Bool
  /// Rename or copy similarity in percent (0 for other kinds).
  public var similarity: Int
  public var linesAdded: Int
  public var linesDeleted: Int
  /// Zero-context hunks; empty unless the miner was asked for hunks.
  public var hunks: [Hunk]
  /// Added lines that repeat lines of the first parent (`git blame -M`/`-C`); empty unless the miner was
  /// asked to detect moves. Sorted by `newStart`, never overlapping.
  public var moves: [LineMove] = []
  /// In a merge off the mainline: the other parent (index from 1) whose version this file is, kept or
  /// deleted as it was there. Such files carry no hunks; their lines are that parent's, whole.
  public var takenFromParent: Int?

  public init(
    oldPath: String?, newPath: String?, kind: FileChangeKind, oldMode: UInt32 = 0o100644,
    newMode: UInt32 = 0o100644, isBinary: Bool = false, isMissing: Bool = false, similarity: Int = 0,
    linesAdded: Int = 0, linesDeleted: Int = 0, hunks: [Hunk] = []
  ) {
    self.oldPath = oldPath
    self.newPath = newPath
    self.kind = kind
    self.oldMode = oldMode
    self.newMode = newMode
    self.isBinary = isBinary
    self.isMissing = isMissing
    self.similarity = similarity
    self.linesAdded = linesAdded
    self.linesDeleted = linesDeleted
    self.hunks = hunks
  }

  /// The path the file has after the change, or had before it was deleted.
  public var path: String { newPath ?? oldPath ?? "" }
}
