import Foundation

extension FixtureRepo {
  /// Deletes a loose object's file, simulating the missing blobs of partial clones and broken mirrors.
  ///
  /// Fixtures write loose objects (automatic gc is off), but objects that arrived by clone or fetch
  /// are packed and cannot be removed this way: that throws `FixtureError.objectNotLoose`.
  public func deleteObject(_ sha: String) throws {
    guard sha.count >= 3 else { throw FixtureError.objectNotLoose(sha: sha, path: sha) }
    let objects = gitDir.appendingPathComponent("objects", isDirectory: true)
    let file = objects.appendingPathComponent(String(sha.prefix(2)), isDirectory: true)
      .appendingPathComponent(String(sha.dropFirst(2)), isDirectory: false)
    guard FileManager.default.fileExists(atPath: file.path) else {
      throw FixtureError.objectNotLoose(sha: sha, path: file.path)
    }
    do {
      try FileManager.default.removeItem(at: file)
    } catch {
      throw FixtureError.fileSystem(path: file.path, reason: "\(error)")
    }
  }

  /// True when the object database has `sha` (`git cat-file -e`).
  ///
  /// In a partial clone git 2.45+ honours `GIT_NO_LAZY_FETCH`; older git fetches a promised object.
  public func hasObject(_ sha: String) throws -> Bool {
    try gitResult(["cat-file", "-e", sha], env: ["GIT_NO_LAZY_FETCH": "1"]).succeeded
  }
}
