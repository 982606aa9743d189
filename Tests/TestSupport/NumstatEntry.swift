/// One commit's per-file line counts as `git log --numstat` reports them; the test oracle for diffs.
public struct NumstatEntry: Sendable, Equatable {
  /// One file's counts; nil counts mean git considered the file binary (`-` in numstat).
  public struct File: Sendable, Equatable {
    /// The path's raw bytes, which need not be UTF-8.
    public var pathBytes: [UInt8]
    /// The pre-rename path's raw bytes, when rename detection paired two paths.
    public var oldPathBytes: [UInt8]?
    public var added: Int?
    public var deleted: Int?

    public init(pathBytes: [UInt8], oldPathBytes: [UInt8]? = nil, added: Int?, deleted: Int?) {
      self.pathBytes = pathBytes
      self.oldPathBytes = oldPathBytes
      self.added = added
      self.deleted = deleted
    }

    /// The path decoded as UTF-8, with invalid bytes replaced.
    public var path: String { String(decoding: pathBytes, as: UTF8.self) }
    public var oldPath: String? { oldPathBytes.map { String(decoding: $0, as: UTF8.self) } }
    public var isBinary: Bool { added == nil || deleted == nil }
  }

  public var files: [File]

  public init(files: [File] = []) {
    self.files = files
  }

  /// Lines added over the text files.
  public var added: Int { files.reduce(0) { $0 + ($1.added ?? 0) } }
  /// Lines deleted over the text files.
  public var deleted: Int { files.reduce(0) { $0 + ($1.deleted ?? 0) } }
  /// Files git reported as binary.
  public var binaryFiles: Int { files.filter(\.isBinary).count }

  /// The entry for a path, matched on its UTF-8 spelling.
  public func file(_ path: String) -> File? {
    files.first { $0.pathBytes == Array(path.utf8) }
  }
}
