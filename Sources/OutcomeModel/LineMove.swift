/// How far line origins follow moved and copied code, as `git blame`'s options do.
public enum MoveDetection: String, Sendable, Hashable, Codable, CaseIterable {
  /// Plain `git blame`: a line's origin is the commit that last added it.
  case off
  /// `git blame -M`: blocks moved or copied within a file keep their origin.
  case file
  /// `git blame -M -C`: also blocks moved or copied from other files the same commit modifies.
  case commit
}

/// Lines of a file's new version that a commit moved or copied from its first parent's version of
/// `sourcePath` (which may be the same file), so they keep the origin of the lines they repeat.
public struct LineMove: Hashable, Sendable, Codable {
  /// 1-based first line in the new version of the file.
  public var newStart: Int
  public var count: Int
  /// The path in the first parent the lines come from.
  public var sourcePath: String
  /// 1-based first line in the first parent's version of `sourcePath`.
  public var sourceStart: Int

  public init(newStart: Int, count: Int, sourcePath: String, sourceStart: Int) {
    self.newStart = newStart
    self.count = count
    self.sourcePath = sourcePath
    self.sourceStart = sourceStart
  }
}
