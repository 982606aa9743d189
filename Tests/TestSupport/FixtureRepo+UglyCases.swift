import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Helpers for the histories real repositories contain and naive diff code trips over.
extension FixtureRepo {
  /// Commits with no change to the tree.
  @discardableResult
  public func commitEmpty(_ message: String, author: Person = .alice, day: Int, seconds: Int = 0) throws
    -> String
  {
    try commit(message, author: author, day: day, seconds: seconds, allowEmpty: true)
  }

  /// Writes lines joined and terminated by CRLF; stored verbatim because `core.autocrlf` is off.
  public func writeCRLF(_ path: String, lines: [String]) throws {
    try write(path, lines.map { $0 + "\r\n" }.joined())
  }

  /// Writes bytes that git's binary heuristic must catch: a NUL in the first few bytes.
  public func writeBinary(_ path: String, byteCount: Int = 64, seed: UInt8 = 0) throws {
    let bytes = (0..<max(byteCount, 2)).map {
      $0 % 7 == 0 ? 0 : UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed))
    }
    try write(path, data: Data(bytes))
  }

  /// Writes a `.gitattributes` that marks each pattern `binary`, so even text files report `-` counts.
  public func markBinary(_ patterns: [String] = ["*.dat"]) throws {
    try write(".gitattributes", patterns.map { "\($0) binary\n" }.joined())
  }

  /// Replaces a tracked file with a symlink to `target`; the next commit records a type change.
  public func replaceWithSymlink(_ path: String, to target: String) throws {
    try symlink(path, to: target)
  }

  /// Creates a file whose name is raw, possibly non-UTF-8 bytes (e.g. Latin-1 `caf\u{E9}`), returning
  /// the work-tree relative path bytes git will record.
  ///
  /// Foundation only accepts `String` paths and would re-encode them as UTF-8, so the name is created
  /// with `open(2)` directly. Linux file systems store any bytes; APFS rejects invalid UTF-8.
  @discardableResult
  public func writeRawName(_ nameBytes: [UInt8], in folder: String = "", contents: String) throws
    -> [UInt8]
  {
    let latin1Name = String(nameBytes.map { Character(Unicode.Scalar($0)) })
    guard !nameBytes.isEmpty, !nameBytes.contains(0), !nameBytes.contains(UInt8(ascii: "/")) else {
      throw FixtureError.fileSystem(path: latin1Name, reason: "not a single non-empty path component")
    }
    let folderURL = folder.isEmpty ? url : url.appendingPathComponent(folder, isDirectory: true)
    do {
      try FileManager.default.createDirectory(at: folderURL, withIntermediateDirectories: true)
    } catch {
      throw FixtureError.fileSystem(path: folderURL.path, reason: "\(error)")
    }
    let fullPath = Array(folderURL.path.utf8) + [UInt8(ascii: "/")] + nameBytes + [0]
    let descriptor = fullPath.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) {
        open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      }
    }
    guard descriptor >= 0 else {
      let code = errno
      throw FixtureError.fileSystem(path: latin1Name, reason: String(cString: strerror(code)))
    }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    do {
      try handle.write(contentsOf: Data(contents.utf8))
      try handle.close()
    } catch {
      throw FixtureError.fileSystem(path: latin1Name, reason: "\(error)")
    }
    return folder.isEmpty ? nameBytes : Array(folder.utf8) + [UInt8(ascii: "/")] + nameBytes
  }
}
