/// A multiset of window hashes for `CopyIndex`: open addressing with linear probing, keyed by the hash
/// itself (already well mixed), so there is no second hashing and no allocation per entry. Key and
/// count share a slot: the table is tens of megabytes on an old history, and each probe is a cache miss.
struct WindowCounts: Sendable {
  private struct Slot {
    /// 0 marks an empty slot; a key of 0 is stored as 1.
    var key: UInt64
    var count: Int32
  }
  private var slots: [Slot]
  private var shift: UInt64
  /// Distinct keys held.
  private(set) var distinct = 0

  init() {
    slots = Array(repeating: Slot(key: 0, count: 0), count: 1 << 10)
    shift = 64 - 10
  }

  private var mask: Int { slots.count - 1 }

  /// Fibonacci hashing: the top bits of the key times the golden ratio.
  private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

  /// The slot holding `key`, or the empty slot where it would go.
  private func slot(_ key: UInt64) -> Int {
    var index = home(key)
    while slots[index].key != 0, slots[index].key != key { index = (index + 1) & mask }
    return index
  }

  subscript(_ hash: UInt64) -> Int32 {
    let key = hash == 0 ? 1 : hash
    let index = slot(key)
    return slots[index].key == key ? slots[index].count : 0
  }

  mutating func add(_ hash: UInt64) {
    let key = hash == 0 ? 1 : hash
    var index = slot(key)
    if slots[index].key == key {
      slots[index].count += 1
      return
    }
    if (distinct + 1) * 10 > slots.count * 7 {
      grow()
      index = slot(key)
    }
    slots[index] = Slot(key: key, count: 1)
    distinct += 1
  }

  /// Takes one occurrence out; false when the key is not held.
  @discardableResult
  mutating func remove(_ hash: UInt64) -> Bool {
    let key = hash == 0 ? 1 : hash
    var hole = slot(key)
    guard slots[hole].key == key else { return false }
    if slots[hole].count > 1 {
      slots[hole].count -= 1
      return true
    }
    distinct -= 1
    // Backward-shift deletion: entries after the hole whose home is not between it and them move back,
    // so every probe still finds its key without tombstones.
    var next = hole
    while true {
      next = (next + 1) & mask
      guard slots[next].key != 0 else { break }
      let wanted = home(slots[next].key)
      let stays = hole <= next ? (wanted > hole && wanted <= next) : (wanted > hole || wanted <= next)
      if !stays {
        slots[hole] = slots[next]
        hole = next
      }
    }
    slots[hole] = Slot(key: 0, count: 0)
    return true
  }

  private mutating func grow() {
    let old = slots
    slots = Array(repeating: Slot(key: 0, count: 0), count: old.count * 2)
    shift -= 1
    for entry in old where entry.key != 0 { slots[slot(entry.key)] = entry }
  }

  /// Every key with its count, for tests.
  var dictionary: [UInt64: Int32] {
    var result: [UInt64: Int32] = [:]
    for entry in slots where entry.key != 0 { result[entry.key] = entry.count }
    return result
  }
}
