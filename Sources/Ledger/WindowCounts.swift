/// A multiset of window hashes for `CopyIndex`: open addressing with linear probing, keyed by the hash
/// itself (already well mixed), so there is no second hashing and no allocation per entry.
struct WindowCounts: Sendable {
  /// 0 marks an empty slot; a key of 0 is stored as 1.
  private var keys: [UInt64]
  private var counts: [Int32]
  private var shift: UInt64
  /// Distinct keys held.
  private(set) var distinct = 0

  init() {
    keys = Array(repeating: 0, count: 1 << 10)
    counts = Array(repeating: 0, count: 1 << 10)
    shift = 64 - 10
  }

  private var mask: Int { keys.count - 1 }

  /// Fibonacci hashing: the top bits of the key times the golden ratio.
  private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

  /// The slot holding `key`, or the empty slot where it would go.
  private func slot(_ key: UInt64) -> Int {
    var index = home(key)
    while keys[index] != 0, keys[index] != key { index = (index + 1) & mask }
    return index
  }

  subscript(_ hash: UInt64) -> Int32 {
    let key = hash == 0 ? 1 : hash
    let index = slot(key)
    return keys[index] == key ? counts[index] : 0
  }

  mutating func add(_ hash: UInt64) {
    let key = hash == 0 ? 1 : hash
    var index = slot(key)
    if keys[index] == key {
      counts[index] += 1
      return
    }
    if (distinct + 1) * 10 > keys.count * 7 {
      grow()
      index = slot(key)
    }
    keys[index] = key
    counts[index] = 1
    distinct += 1
  }

  /// Takes one occurrence out; false when the key is not held.
  @discardableResult
  mutating func remove(_ hash: UInt64) -> Bool {
    let key = hash == 0 ? 1 : hash
    var hole = slot(key)
    guard keys[hole] == key else { return false }
    if counts[hole] > 1 {
      counts[hole] -= 1
      return true
    }
    distinct -= 1
    // Backward-shift deletion: entries after the hole whose home is not between it and them move back,
    // so every probe still finds its key without tombstones.
    var next = hole
    while true {
      next = (next + 1) & mask
      guard keys[next] != 0 else { break }
      let wanted = home(keys[next])
      let stays = hole <= next ? (wanted > hole && wanted <= next) : (wanted > hole || wanted <= next)
      if !stays {
        keys[hole] = keys[next]
        counts[hole] = counts[next]
        hole = next
      }
    }
    keys[hole] = 0
    counts[hole] = 0
    return true
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldCounts = counts
    keys = Array(repeating: 0, count: oldKeys.count * 2)
    counts = Array(repeating: 0, count: oldKeys.count * 2)
    shift -= 1
    for (key, count) in zip(oldKeys, oldCounts) where key != 0 {
      let index = slot(key)
      keys[index] = key
      counts[index] = count
    }
  }

  /// Every key with its count, for tests.
  var dictionary: [UInt64: Int32] {
    var result: [UInt64: Int32] = [:]
    for (key, count) in zip(keys, counts) where key != 0 { result[key] = count }
    return result
  }
}
