internal import Clibgit2
import Foundation

/// Puts a `PackStore` in front of libgit2's own object backends for one repository handle, so every read
/// (commits, trees, the blobs diffs load) goes through the store's cache first.
///
/// Anything the store does not hold is answered "not found", and libgit2 asks its loose and packed
/// backends next, as before.
enum PackBackend {
  /// libgit2 gives its loose and packed backends priorities 1 and 2 and asks the highest first.
  private static let priority: Int32 = 10

  /// Cache size: git's own delta-base cache is 96 MiB; `OUTCOMES_PACK_CACHE_MB` overrides it and 0
  /// turns the reader off (libgit2 reads everything, as before).
  static let cacheLimit: Int = {
    let value = ProcessInfo.processInfo.environment["OUTCOMES_PACK_CACHE_MB"].flatMap(Int.init)
    return max(0, value ?? 96) << 20
  }()

  static func attach(to repository: OpaquePointer) {
    guard cacheLimit > 0, let common = git_repository_commondir(repository) else { return }
    var directory = String(cString: common)
    if !directory.hasSuffix("/") { directory += "/" }
    guard let store = PackStore.shared(packDirectory: directory + "objects/pack", limit: cacheLimit) else {
      return
    }
    _ = ObjectBackend.add(owner: store, to: repository, priority: priority) { backend in
      backend.pointee.read = { data, length, type, backend, oid in
        guard let backend, let oid, let object = PackBackend.store(of: backend).read(oid) else {
          return GIT_ENOTFOUND.rawValue
        }
        guard let buffer = object.libgit2Buffer() else { return -1 }
        data?.pointee = buffer
        length?.pointee = object.bytes.count
        type?.pointee = object.type
        return 0
      }
      backend.pointee.read_header = { length, type, backend, oid in
        guard let backend, let oid, let object = PackBackend.store(of: backend).read(oid) else {
          return GIT_ENOTFOUND.rawValue
        }
        length?.pointee = object.bytes.count
        type?.pointee = object.type
        return 0
      }
      backend.pointee.exists = { backend, oid in
        guard let backend, let oid else { return 0 }
        return PackBackend.store(of: backend).contains(oid) ? 1 : 0
      }
    }
  }

  private static func store(of backend: UnsafeMutablePointer<git_odb_backend>) -> PackStore {
    ObjectBackend.owner(of: backend, as: PackStore.self)
  }
}
