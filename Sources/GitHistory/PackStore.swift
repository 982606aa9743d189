internal import Clibgit2
import Foundation

/// Reads objects out of a repository's packs with a cache of resolved objects, shared by every handle
/// (every worker) on the same packs.
///
/// libgit2 1.5 resolves a delta chain from its root every time unless the root is in its base cache, which
/// holds only chain roots, is a fixed 16 MiB, and is emptied whole when full. A blob deep in a chain of 50
/// therefore costs 50 inflates and delta applications, where git keeps every base it walked through (96
/// MiB, least recently used first out) and reads the next version with one. This store does what git does:
/// every base resolved on the way stays in the cache, so a file's next version costs one delta. Objects it
/// cannot read (loose ones, packs that appeared later, anything malformed) it leaves to libgit2's own
/// backends.
final class PackStore: @unchecked Sendable {
  let packs: [PackFile]
  private let limit: Int
  private let lock = NSLock()
  // Guarded by `lock`.
  private var cache: [Key: PackObjectData] = [:]
  private var cachedBytes = 0
  private var clock = 0
  private var decompressors: [OpaquePointer] = []
  private var inflatedSinceRelease = 0

  private struct Key: Hashable {
    var pack: Int
    var offset: Int
  }

  /// Resident pack pages are given back after this many compressed bytes, so the mapping of a 500 MB pack
  /// does not count whole in the peak memory.
  private static let releaseEvery = 64 << 20

  private init(packs: [PackFile], limit: Int) {
    self.packs = packs
    self.limit = limit
  }

  deinit {
    for decompressor in decompressors { libdeflate_free_decompressor(decompressor) }
  }

  /// The object's bytes and type, or nil when no pack of this store holds it in a form read here.
  func read(_ oid: UnsafePointer<git_oid>) -> PackObjectData? {
    for (number, pack) in packs.enumerated() {
      if let offset = pack.offset(of: oid) { return resolve(pack: number, offset: offset) }
    }
    return nil
  }

  /// An object's type as git names it and its bytes, for checks against `git cat-file`.
  func object(_ id: OID) -> (type: String, bytes: [UInt8])? {
    var raw = id.gitOID
    guard let object = read(&raw) else { return nil }
    return (String(cString: git_object_type2string(object.type)), Array(object.bytes))
  }

  func contains(_ oid: UnsafePointer<git_oid>) -> Bool {
    packs.contains { $0.offset(of: oid) != nil }
  }

  /// Walks down the delta chain to a cached object or a whole one, then applies the deltas back up,
  /// caching each base made on the way. The object asked for is not cached (it is read again through its
  /// base, one delta away) and is built in a buffer libgit2 can take without a copy.
  private func resolve(pack number: Int, offset: Int) -> PackObjectData? {
    let pack = packs[number]
    var chain: [(offset: Int, entry: PackFile.Entry)] = []
    var current = offset
    var object: PackObjectData
    while true {
      if let hit = cached(Key(pack: number, offset: current)) {
        object = hit
        break
      }
      // A chain longer than any git writes means a loop in a damaged pack.
      guard let entry = pack.entry(at: current), chain.count < 100_000 else { return nil }
      if entry.type >= 6 {
        chain.append((current, entry))
        current = entry.baseOffset
        continue
      }
      guard let whole = inflate(entry, in: pack, forLibgit2: chain.isEmpty) else { return nil }
      whole.type = git_object_t(rawValue: Int32(entry.type))
      if !chain.isEmpty { store(whole, at: Key(pack: number, offset: current)) }
      object = whole
      break
    }
    for (at, entry) in chain.reversed() {
      guard let delta = inflate(entry, in: pack, forLibgit2: false) else { return nil }
      guard
        let next = PackFile.apply(
          delta: UnsafeRawBufferPointer(delta.bytes), to: UnsafeRawBufferPointer(object.bytes),
          forLibgit2: at == offset)
      else { return nil }
      next.type = object.type
      if at != offset { store(next, at: Key(pack: number, offset: at)) }
      object = next
    }
    return object
  }

  private func inflate(_ entry: PackFile.Entry, in pack: PackFile, forLibgit2: Bool) -> PackObjectData? {
    guard let data = PackObjectData(count: entry.size, forLibgit2: forLibgit2) else { return nil }
    guard let decompressor = takeDecompressor() else { return nil }
    let consumed = pack.inflate(
      from: entry.dataStart, size: entry.size, into: data.bytes.baseAddress!, with: decompressor)
    lock.lock()
    decompressors.append(decompressor)
    inflatedSinceRelease += consumed ?? 0
    let release = inflatedSinceRelease > Self.releaseEvery
    if release { inflatedSinceRelease = 0 }
    lock.unlock()
    if release {
      for pack in packs { pack.releasePages() }
    }
    return consumed != nil ? data : nil
  }

  private func takeDecompressor() -> OpaquePointer? {
    lock.lock()
    let reused = decompressors.popLast()
    lock.unlock()
    return reused ?? libdeflate_alloc_decompressor()
  }

  private func cached(_ key: Key) -> PackObjectData? {
    lock.lock()
    defer { lock.unlock() }
    guard let hit = cache[key] else { return nil }
    clock += 1
    hit.lastUse = clock
    return hit
  }

  private func store(_ object: PackObjectData, at key: Key) {
    // One huge object would push out everything else for a single use.
    guard object.bytes.count <= limit / 8 else { return }
    lock.lock()
    defer { lock.unlock() }
    guard cache[key] == nil else { return }
    clock += 1
    object.lastUse = clock
    cache[key] = object
    cachedBytes += object.bytes.count
    if cachedBytes > limit { evict() }
  }

  /// Drops the least recently used objects down to three quarters of the limit, in one sort, so eviction
  /// is paid once per quarter of the cache rather than once per insertion.
  private func evict() {
    let oldestFirst = cache.sorted { $0.value.lastUse < $1.value.lastUse }
    for (key, object) in oldestFirst where cachedBytes > limit / 4 * 3 {
      cache[key] = nil
      cachedBytes -= object.bytes.count
    }
  }

  // MARK: One store per set of packs

  private final class WeakStore {
    weak var store: PackStore?
    init(_ store: PackStore) { self.store = store }
  }

  private static let registryLock = NSLock()
  nonisolated(unsafe) private static var registry: [String: WeakStore] = [:]

  /// The store for the packs now in `directory`, shared with every open handle that found the same set;
  /// nil when there is no pack this reader understands.
  static func shared(packDirectory directory: String, limit: Int) -> PackStore? {
    // Objects handed to libgit2 are allocated by its allocator, which fails every allocation until
    // libgit2 is initialised (a store used before any repository was opened read nothing).
    LibGit2.ensureInitialised()
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
    let indexes = names.filter { $0.hasPrefix("pack-") && $0.hasSuffix(".idx") }.sorted()
    guard !indexes.isEmpty else { return nil }
    let key = directory + "\n" + indexes.joined(separator: "\n")
    registryLock.lock()
    defer { registryLock.unlock() }
    if let store = registry[key]?.store { return store }
    let packs = indexes.compactMap { name in
      PackFile(
        indexPath: directory + "/" + name, packPath: directory + "/" + name.dropLast(4) + ".pack")
    }
    guard !packs.isEmpty else { return nil }
    let store = PackStore(packs: packs, limit: limit)
    registry = registry.filter { $0.value.store != nil }
    registry[key] = WeakStore(store)
    return store
  }
}
