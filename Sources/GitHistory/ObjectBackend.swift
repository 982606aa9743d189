internal import Clibgit2

/// The plumbing of our `git_odb_backend`s (libgit2's public extension point for object databases):
/// the struct, a retained reference to the Swift object that answers for it stored right after it, and
/// a `free` that releases that object. Callers set `read`, `read_header` and `exists`.
enum ObjectBackend {
  private static let ownerOffset = MemoryLayout<git_odb_backend>.stride

  /// A backend holding `owner` until libgit2 frees it; `configure` sets its callbacks.
  static func add(
    owner: AnyObject, to repository: OpaquePointer, priority: Int32,
    configure: (UnsafeMutablePointer<git_odb_backend>) -> Void
  ) -> Bool {
    var odb: OpaquePointer?
    guard git_repository_odb(&odb, repository) == 0 else {
      git_error_clear()
      return false
    }
    defer { git_odb_free(odb) }
    let memory = UnsafeMutableRawPointer.allocate(
      byteCount: ownerOffset + MemoryLayout<UnsafeMutableRawPointer>.size, alignment: 16)
    let backend = memory.bindMemory(to: git_odb_backend.self, capacity: 1)
    backend.initialize(to: git_odb_backend())
    git_odb_init_backend(backend, UInt32(GIT_ODB_BACKEND_VERSION))
    memory.storeBytes(
      of: Unmanaged.passRetained(owner).toOpaque(), toByteOffset: ownerOffset,
      as: UnsafeMutableRawPointer.self)
    // Another backend lists the same objects; listing here too would repeat each one.
    backend.pointee.foreach = { _, _, _ in 0 }
    backend.pointee.free = { backend in
      guard let backend else { return }
      Unmanaged<AnyObject>.fromOpaque(ObjectBackend.ownerPointer(backend)).release()
      backend.deinitialize(count: 1)
      UnsafeMutableRawPointer(backend).deallocate()
    }
    configure(backend)
    guard git_odb_add_backend(odb, backend, priority) == 0 else {
      git_error_clear()
      backend.pointee.free(backend)
      return false
    }
    return true
  }

  /// The object a backend was made for.
  static func owner<Owner: AnyObject>(of backend: UnsafeMutablePointer<git_odb_backend>, as: Owner.Type)
    -> Owner
  {
    Unmanaged<Owner>.fromOpaque(ownerPointer(backend)).takeUnretainedValue()
  }

  private static func ownerPointer(_ backend: UnsafeMutablePointer<git_odb_backend>)
    -> UnsafeMutableRawPointer
  {
    UnsafeRawPointer(backend).load(fromByteOffset: ownerOffset, as: UnsafeMutableRawPointer.self)
  }
}
