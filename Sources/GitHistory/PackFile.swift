internal import Clibgit2
import Foundation

/// One pack and its version-2 index, mapped read-only, with the primitives to read an entry: its header,
/// its zlib data and git's delta format. Everything is bounds-checked; a malformed pack yields nil and the
/// caller leaves the object to libgit2, which reports the damage in its own words.
final class PackFile: @unchecked Sendable {
  /// The index and the pack never change once mapped, so any thread may read them.
  private let index: UnsafeRawBufferPointer
  let pack: UnsafeRawBufferPointer
  let count: Int

  private static let headerBytes = 1032  // magic, version, 256-entry fan-out
  private static let oidBytes = 20

  init?(indexPath: String, packPath: String) {
    guard let index = Self.map(indexPath) else { return nil }
    guard let pack = Self.map(packPath) else {
      Self.unmap(index)
      return nil
    }
    self.index = index
    self.pack = pack
    // A version-2 index; version 1 (git before 1.5.2) and SHA-256 repositories are left to libgit2.
    let magic: [UInt8] = [0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2]
    let count = index.count >= Self.headerBytes ? Int(Self.u32(index, 8 + 255 * 4)) : -1
    let tables = Self.headerBytes + max(count, 0) * (Self.oidBytes + 8) + 40
    guard count >= 0, index.count >= tables, magic.indices.allSatisfy({ index[$0] == magic[$0] }),
      pack.count >= 32, pack[0] == 0x50, pack[1] == 0x41, pack[2] == 0x43, pack[3] == 0x4b,
      Int(Self.u32(pack, 8)) == count
    else {
      Self.unmap(index)
      Self.unmap(pack)
      return nil
    }
    self.count = count
  }

  deinit {
    Self.unmap(index)
    Self.unmap(pack)
  }

  /// Where `oid`'s entry starts in the pack, by the fan-out and a binary search of the sorted names.
  func offset(of oid: UnsafePointer<git_oid>) -> Int? {
    let first = Int(oid.pointer(to: \.id)!.withMemoryRebound(to: UInt8.self, capacity: 1) { $0.pointee })
    var low = first == 0 ? 0 : Int(Self.u32(index, 8 + (first - 1) * 4))
    var high = Int(Self.u32(index, 8 + first * 4))
    let names = index.baseAddress! + Self.headerBytes
    while low < high {
      let middle = (low + high) / 2
      let order = memcmp(names + middle * Self.oidBytes, oid, Self.oidBytes)
      if order == 0 { return entryOffset(middle) }
      if order < 0 { low = middle + 1 } else { high = middle }
    }
    return nil
  }

  private func entryOffset(_ position: Int) -> Int? {
    let table32 = Self.headerBytes + count * (Self.oidBytes + 4)
    let small = Self.u32(index, table32 + position * 4)
    guard small & 0x8000_0000 != 0 else { return Int(small) }
    // Packs over 2 GiB keep large offsets in a separate 64-bit table.
    let at = table32 + count * 4 + Int(small & 0x7fff_ffff) * 8
    guard at + 8 <= index.count - 40 else { return nil }
    return Int(UInt64(Self.u32(index, at)) << 32 | UInt64(Self.u32(index, at + 4)))
  }

  /// An entry's header: its type (1–4 objects, 6 offset delta, 7 reference delta), its inflated size, where
  /// its zlib data starts and, for a delta, the offset of its base.
  struct Entry {
    var type: Int
    var size: Int
    var dataStart: Int
    var baseOffset: Int
  }

  func entry(at offset: Int) -> Entry? {
    let end = pack.count - Self.oidBytes
    guard offset >= 12, offset < end else { return nil }
    var at = offset
    var byte = pack[at]
    at += 1
    let type = Int(byte >> 4) & 7
    var size = Int(byte & 0x0f)
    var shift = 4
    while byte & 0x80 != 0 {
      guard at < end, shift < 57 else { return nil }
      byte = pack[at]
      at += 1
      size |= Int(byte & 0x7f) << shift
      shift += 7
    }
    switch type {
    case 1...4:
      return Entry(type: type, size: size, dataStart: at, baseOffset: 0)
    case 6:
      guard at < end else { return nil }
      byte = pack[at]
      at += 1
      var distance = Int(byte & 0x7f)
      while byte & 0x80 != 0 {
        guard at < end, distance < Int.max >> 8 else { return nil }
        byte = pack[at]
        at += 1
        distance = ((distance + 1) << 7) | Int(byte & 0x7f)
      }
      guard distance > 0, distance <= offset else { return nil }
      return Entry(type: type, size: size, dataStart: at, baseOffset: offset - distance)
    case 7:
      guard at + Self.oidBytes <= end else { return nil }
      let base = (pack.baseAddress! + at).withMemoryRebound(to: git_oid.self, capacity: 1) {
        self.offset(of: $0)
      }
      guard let base else { return nil }
      return Entry(type: type, size: size, dataStart: at + Self.oidBytes, baseOffset: base)
    default:
      return nil
    }
  }

  /// Inflates `size` bytes of zlib data starting at `start` into `output`; returns the compressed bytes
  /// read, or nil when the data does not inflate to exactly `size` bytes (or fails its checksum).
  ///
  /// libdeflate, not zlib: the size is known from the entry header, so the whole object inflates in one
  /// call, about twice as fast as zlib's streaming inflate (which was 14% of a pass over git/git).
  func inflate(
    from start: Int, size: Int, into output: UnsafeMutableRawPointer,
    with decompressor: OpaquePointer
  ) -> Int? {
    let available = pack.count - Self.oidBytes - start
    guard available > 0 else { return nil }
    var consumed = 0
    var produced = 0
    let result = libdeflate_zlib_decompress_ex(
      decompressor, pack.baseAddress! + start, available, output, size, &consumed, &produced)
    return result == LIBDEFLATE_SUCCESS && produced == size ? consumed : nil
  }

  /// The object a delta makes from `base`, or nil when the delta does not fit it.
  static func apply(
    delta: UnsafeRawBufferPointer, to base: UnsafeRawBufferPointer, forLibgit2: Bool
  ) -> PackObjectData? {
    var at = 0
    func size() -> Int? {
      var value = 0
      var shift = 0
      while at < delta.count, shift < 57 {
        let byte = delta[at]
        at += 1
        value |= Int(byte & 0x7f) << shift
        shift += 7
        if byte & 0x80 == 0 { return value }
      }
      return nil
    }
    guard let sourceSize = size(), sourceSize == base.count, let targetSize = size() else { return nil }
    guard let target = PackObjectData(count: targetSize, forLibgit2: forLibgit2) else { return nil }
    let out = target.bytes.baseAddress!
    var written = 0
    while at < delta.count {
      let op = delta[at]
      at += 1
      if op & 0x80 != 0 {
        // Copy from the base: bits 0–3 say which offset bytes follow, bits 4–6 which size bytes.
        var copyOffset = 0
        var copySize = 0
        for bit in 0..<7 where op & (1 << bit) != 0 {
          guard at < delta.count else { return nil }
          let byte = Int(delta[at])
          at += 1
          if bit < 4 { copyOffset |= byte << (8 * bit) } else { copySize |= byte << (8 * (bit - 4)) }
        }
        if copySize == 0 { copySize = 0x10000 }
        guard copyOffset + copySize <= base.count, written + copySize <= targetSize else { return nil }
        memcpy(out + written, base.baseAddress! + copyOffset, copySize)
        written += copySize
      } else if op != 0 {
        let insert = Int(op)
        guard at + insert <= delta.count, written + insert <= targetSize else { return nil }
        memcpy(out + written, delta.baseAddress! + at, insert)
        at += insert
        written += insert
      } else {
        return nil
      }
    }
    return written == targetSize ? target : nil
  }

  /// Drops the pages read so far from this process's resident set; the kernel keeps them in its page
  /// cache, so a later read maps them again without touching the disk.
  func releasePages() {
    madvise(UnsafeMutableRawPointer(mutating: pack.baseAddress!), pack.count, MADV_DONTNEED)
  }

  private static func u32(_ buffer: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
    UInt32(bigEndian: buffer.loadUnaligned(fromByteOffset: at, as: UInt32.self))
  }

  private static func map(_ path: String) -> UnsafeRawBufferPointer? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
    let size = Int(status.st_size)
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
      return nil
    }
    return UnsafeRawBufferPointer(start: address, count: size)
  }

  private static func unmap(_ buffer: UnsafeRawBufferPointer) {
    munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress!), buffer.count)
  }
}

/// The bytes of one object read from a pack, with its git type. Shared by the cache and its readers, never
/// written after it is made.
final class PackObjectData: @unchecked Sendable {
  let bytes: UnsafeMutableRawBufferPointer
  private var storage: UnsafeMutableRawPointer?
  /// Allocated by libgit2's object allocator, so libgit2 may take the buffer as an object's own.
  private let forLibgit2: Bool
  var type: git_object_t = GIT_OBJECT_INVALID
  /// When the cache last handed it out (guarded by the cache's lock).
  var lastUse = 0

  init?(count: Int, forLibgit2: Bool) {
    // One spare byte: libgit2's own readers end every object with a NUL and some of its parsers rely on
    // it; it also gives an empty object an address.
    let storage =
      forLibgit2
      ? git_odb_backend_data_alloc(nil, count + 1)
      : UnsafeMutableRawPointer.allocate(byteCount: count + 1, alignment: 16)
    guard let storage else { return nil }
    storage.storeBytes(of: 0, toByteOffset: count, as: UInt8.self)
    self.storage = storage
    self.forLibgit2 = forLibgit2
    bytes = UnsafeMutableRawBufferPointer(start: storage, count: count)
  }

  /// A buffer for libgit2 to free with the object it makes, handed out once: this one when it was
  /// allocated for libgit2, else a copy (a cached object stays the cache's); nil when memory runs out.
  func libgit2Buffer() -> UnsafeMutableRawPointer? {
    guard forLibgit2 else { return Self.libgit2Copy(of: UnsafeRawBufferPointer(bytes)) }
    defer { storage = nil }
    return storage
  }

  /// `bytes` in a new buffer libgit2 may take as an object's own (with the spare NUL); nil when memory
  /// runs out.
  static func libgit2Copy(of bytes: UnsafeRawBufferPointer) -> UnsafeMutableRawPointer? {
    guard let copy = PackObjectData(count: bytes.count, forLibgit2: true) else { return nil }
    copy.bytes.copyMemory(from: bytes)
    return copy.libgit2Buffer()
  }

  deinit {
    guard let storage else { return }
    if forLibgit2 { git_odb_backend_data_free(nil, storage) } else { storage.deallocate() }
  }
}
