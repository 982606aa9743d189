internal import Clibgit2
import Foundation

/// Blob pairs cut down to what a zero-context diff of them needs, for libgit2 to diff.
///
/// git never hands xdiff the common tail of two files when it wants no context lines (blame does this
/// for every diff): `trim_common_tail` in git's xdiff-interface.c drops equal 1 KiB blocks from the ends,
/// then gives back bytes up to the first line end among them. libgit2 has no such step, and hashing the
/// lines of both whole files was a fifth of the pass on git/git, where most edits touch a few lines of a
/// long file. The cut is git's own, so hunks stay the ones `git blame` works from.
///
/// libgit2 diffs only blobs it looks up (its buffer diff SHA-1s both buffers first, which costs more than
/// the cut saves), so the cut versions are served by an object backend of this handle's own, under ids
/// that begin with a fixed 12-byte mark no real object id is expected to have. The handle is confined to
/// one thread, so the backend needs no lock: it answers only while `blob(_:)` is looking the id up.
final class TrimmedBlobs {
  /// git's block size for the cut.
  static let block = 1024
  /// libgit2 looks for a NUL in this many leading bytes to call a blob binary.
  static let binaryProbe = 8000
  private static let mark: [UInt8] = Array("outcomes-cut".utf8)

  private let repository: OpaquePointer
  /// nil until the backend is first needed; false when libgit2 would not take it (pairs are then whole).
  private var attached: Bool?
  private var serial: UInt64 = 0
  /// The bytes the backend should serve, only while `blob(_:)` runs.
  private var pending: (serial: UInt64, bytes: UnsafeRawBufferPointer)?

  init(repository: OpaquePointer) {
    self.repository = repository
  }

  /// How many trailing bytes two texts share that git's cut would drop (0: diff them whole).
  static func commonTail(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    guard let aBase = a.baseAddress, let bBase = b.baseAddress else { return 0 }
    let smaller = min(a.count, b.count)
    var trimmed = 0
    while trimmed + block <= smaller,
      memcmp(aBase + a.count - trimmed - block, bBase + b.count - trimmed - block, block) == 0
    {
      trimmed += block
    }
    guard trimmed > 0 else { return 0 }
    // Give back the bytes up to and including the first line end of the dropped part, as git does.
    let dropped = UnsafeRawBufferPointer(start: aBase + a.count - trimmed, count: trimmed)
    guard let end = dropped.firstIndex(of: UInt8(ascii: "\n")) else { return 0 }
    return trimmed - (end + 1)
  }

  /// True when libgit2 would call these bytes binary (a NUL among the leading ones): cutting such a
  /// blob could change that verdict, so it is diffed whole.
  static func looksBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    return memchr(base, 0, min(bytes.count, binaryProbe)) != nil
  }

  /// `bytes` (copied) as a blob of this repository under a fresh made-up id; nil if libgit2 refuses.
  func blob(_ bytes: UnsafeRawBufferPointer) -> OpaquePointer? {
    guard attach() else { return nil }
    serial += 1
    var oid = Self.oid(serial)
    pending = (serial, bytes)
    defer { pending = nil }
    var blob: OpaquePointer?
    guard git_blob_lookup(&blob, repository, &oid) == 0 else {
      git_error_clear()
      return nil
    }
    return blob
  }

  private static func oid(_ serial: UInt64) -> git_oid {
    var oid = git_oid()
    withUnsafeMutableBytes(of: &oid.id) { raw in
      raw.copyBytes(from: mark)
      raw.storeBytes(of: serial.littleEndian, toByteOffset: mark.count, as: UInt64.self)
    }
    return oid
  }

  /// The served bytes for `oid`, nil for any id that is not this run's current made-up one.
  fileprivate func served(_ oid: UnsafePointer<git_oid>) -> UnsafeRawBufferPointer? {
    guard let pending else { return nil }
    return withUnsafeBytes(of: oid.pointee.id) { raw in
      guard memcmp(raw.baseAddress!, Self.mark, Self.mark.count) == 0,
        raw.loadUnaligned(fromByteOffset: Self.mark.count, as: UInt64.self) == pending.serial.littleEndian
      else { return nil }
      return pending.bytes
    }
  }

  /// Above `PackBackend`, so made-up ids never reach a pack index; a real id costs one 12-byte compare.
  private static let priority: Int32 = 11

  /// Adds the backend to the handle's object database on first use.
  private func attach() -> Bool {
    if let attached { return attached }
    let added = ObjectBackend.add(owner: self, to: repository, priority: Self.priority) { backend in
      backend.pointee.read = { data, length, type, backend, oid in
        guard let backend, let oid, let bytes = TrimmedBlobs.owner(of: backend).served(oid) else {
          return GIT_ENOTFOUND.rawValue
        }
        guard let buffer = PackObjectData.libgit2Copy(of: bytes) else { return -1 }
        data?.pointee = buffer
        length?.pointee = bytes.count
        type?.pointee = GIT_OBJECT_BLOB
        return 0
      }
      backend.pointee.read_header = { length, type, backend, oid in
        guard let backend, let oid, let bytes = TrimmedBlobs.owner(of: backend).served(oid) else {
          return GIT_ENOTFOUND.rawValue
        }
        length?.pointee = bytes.count
        type?.pointee = GIT_OBJECT_BLOB
        return 0
      }
      backend.pointee.exists = { backend, oid in
        guard let backend, let oid else { return 0 }
        return TrimmedBlobs.owner(of: backend).served(oid) == nil ? 0 : 1
      }
    }
    attached = added
    return added
  }

  private static func owner(of backend: UnsafeMutablePointer<git_odb_backend>) -> TrimmedBlobs {
    ObjectBackend.owner(of: backend, as: TrimmedBlobs.self)
  }
}

extension DiffReader {
  /// Hands `body` what libgit2 should diff for `old` → `new` at `path` (`oldPath` when renamed): with no
  /// `diff` attribute on either path, empty paths (libgit2 then skips its own attribute lookups), and for
  /// text the pair with git's common tail cut. Hunk positions count from the start of the files, so the
  /// cut leaves them as they are.
  func withDiffInputs<T>(
    old: OpaquePointer?, new: OpaquePointer?, path: String, oldPath: String? = nil,
    _ body: (
      _ old: OpaquePointer?, _ new: OpaquePointer?, _ oldName: UnsafePointer<CChar>,
      _ newName: UnsafePointer<CChar>
    ) -> T
  ) -> T {
    let newAttribute = repository.diffAttribute(path)
    let attribute =
      oldPath.map { repository.diffAttribute($0) == newAttribute ? newAttribute : .other } ?? newAttribute
    let plain = attribute == .unspecified
    return (plain ? "" : oldPath ?? path).withCString { oldName in
      (plain ? "" : path).withCString { newName in
        guard attribute != .other, let old, let new else { return body(old, new, oldName, newName) }
        let a = LibGit2.bytes(of: old)
        let b = LibGit2.bytes(of: new)
        let cut = TrimmedBlobs.commonTail(a, b)
        // A NUL makes the default driver call the pair binary; cut, the NUL could fall outside its probe.
        guard cut > 0,
          attribute == .text || !(TrimmedBlobs.looksBinary(a) || TrimmedBlobs.looksBinary(b)),
          let shortOld = repository.trimmedBlobs.blob(UnsafeRawBufferPointer(rebasing: a.dropLast(cut)))
        else { return body(old, new, oldName, newName) }
        defer { git_blob_free(shortOld) }
        guard let shortNew = repository.trimmedBlobs.blob(UnsafeRawBufferPointer(rebasing: b.dropLast(cut)))
        else { return body(old, new, oldName, newName) }
        defer { git_blob_free(shortNew) }
        return body(shortOld, shortNew, oldName, newName)
      }
    }
  }
}
