import Foundation

extension FixtureRepo {
  /// Writes UTF-8 text to a path relative to the work tree, creating folders as needed.
  public func write(_ path: String, _ text: String) throws {
    try write(path, data: Data(text.utf8))
  }

  /// Writes raw bytes to a path relative to the work tree, creating folders as needed.
  public func write(_ path: String, data: Data) throws {
    let file = fileURL(path)
    do {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      // A symlink at the path would otherwise be followed and its target overwritten.
      if isSymlink(file) { try FileManager.default.removeItem(at: file) }
      try data.write(to: file)
    } catch {
      throw FixtureError.fileSystem(path: file.path, reason: "\(error)")
    }
  }

  /// Reads a work-tree file as UTF-8 text.
  public func read(_ path: String) throws -> String {
    do {
      return try String(contentsOf: fileURL(path), encoding: .utf8)
    } catch {
      throw FixtureError.fileSystem(path: fileURL(path).path, reason: "\(error)")
    }
  }

  /// True when the work tree has a file, folder or symlink at the path.
  public func exists(_ path: String) -> Bool {
    isSymlink(fileURL(path)) || FileManager.default.fileExists(atPath: fileURL(path).path)
  }

  /// Removes a tracked path (recursively) from the index and the work tree with `git rm`.
  public func remove(_ path: String) throws {
    try git(["rm", "-q", "-r", "--", path])
  }

  /// Renames a tracked path with `git mv`, creating the destination's folders first.
  public func move(_ from: String, _ to: String) throws {
    let destinationFolder = fileURL(to).deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: destinationFolder, withIntermediateDirectories: true)
    } catch {
      throw FixtureError.fileSystem(path: destinationFolder.path, reason: "\(error)")
    }
    try git(["mv", "--", from, to])
  }

  /// Makes `path` a symbolic link to `target`, replacing whatever was there (a type change if tracked).
  public func symlink(_ path: String, to target: String) throws {
    let link = fileURL(path)
    do {
      try FileManager.default.createDirectory(
        at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
      if exists(path) { try FileManager.default.removeItem(at: link) }
      try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target)
    } catch {
      throw FixtureError.fileSystem(path: link.path, reason: "\(error)")
    }
  }

  /// Sets mode 0755 so git records the file as executable (mode 100755).
  public func chmodExecutable(_ path: String) throws {
    let file = fileURL(path)
    do {
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
    } catch {
      throw FixtureError.fileSystem(path: file.path, reason: "\(error)")
    }
  }

  /// The absolute URL of a work-tree path.
  public func fileURL(_ path: String) -> URL {
    url.appendingPathComponent(path, isDirectory: false)
  }

  private func isSymlink(_ file: URL) -> Bool {
    let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
    return attributes?[.type] as? FileAttributeType == .typeSymbolicLink
  }
}
