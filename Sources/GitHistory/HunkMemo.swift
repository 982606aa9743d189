import Foundation
import OutcomeModel

/// Hunk positions of blob pairs diffed lately, shared by the miner's workers.
///
/// A mainline merge's diff against its first parent repeats, file by file, diffs its branch commits
/// made moments earlier: whenever one branch commit was the only change to a file, the merge compares
/// the same two blobs (git/git: 43,034 of its merges' 80,147 file diffs). xdiff gives the same hunks
/// for the same blobs, path and options, so the merge takes them from here and only reads the lines
/// it hashes. Entries leave oldest first.
public final class HunkMemo: @unchecked Sendable {
  struct Key: Hashable {
    var old: OID
    var new: OID
    /// `.gitattributes` may make the same bytes binary at one path and text at another.
    var path: Int
  }

  /// Hunk positions flat, four numbers a hunk, so a remembered pair costs a few dozen bytes.
  struct Entry {
    var positions: [UInt32]
    var binary: Bool

    var hunks: [Hunk] {
      stride(from: 0, to: positions.count, by: 4).map { index in
        Hunk(
          oldStart: Int(positions[index]), oldCount: Int(positions[index + 1]),
          newStart: Int(positions[index + 2]), newCount: Int(positions[index + 3]))
      }
    }
  }

  private let lock = NSLock()
  private var entries: [Key: Entry] = [:]
  private var order: [Key] = []
  private var oldest = 0
  private var found = 0
  let capacity: Int

  /// How many lookups found their pair (tests check the memo is used at all).
  public var hits: Int {
    lock.lock()
    defer { lock.unlock() }
    return found
  }

  init(capacity: Int = 1 << 16) {
    self.capacity = max(1, capacity)
  }

  func hunks(old: OID, new: OID, path: String) -> (hunks: [Hunk], binary: Bool)? {
    let key = Key(old: old, new: new, path: path.hashValue)
    lock.lock()
    let entry = entries[key]
    if entry != nil { found += 1 }
    lock.unlock()
    return entry.map { ($0.hunks, $0.binary) }
  }

  /// Keeps positions only: the lines' hashes are cheap to take again from the blobs.
  func remember(old: OID, new: OID, path: String, hunks: [Hunk], binary: Bool) {
    let key = Key(old: old, new: new, path: path.hashValue)
    var positions: [UInt32] = []
    positions.reserveCapacity(hunks.count * 4)
    for hunk in hunks {
      // A file beyond 4 billion lines cannot be remembered; it is diffed again instead.
      guard let oldStart = UInt32(exactly: hunk.oldStart), let oldCount = UInt32(exactly: hunk.oldCount),
        let newStart = UInt32(exactly: hunk.newStart), let newCount = UInt32(exactly: hunk.newCount)
      else { return }
      positions.append(oldStart)
      positions.append(oldCount)
      positions.append(newStart)
      positions.append(newCount)
    }
    lock.lock()
    defer { lock.unlock() }
    guard entries.updateValue(Entry(positions: positions, binary: binary), forKey: key) == nil else { return }
    order.append(key)
    if order.count - oldest > capacity {
      entries[order[oldest]] = nil
      oldest += 1
      if oldest >= capacity {
        order.removeFirst(oldest)
        oldest = 0
      }
    }
  }
}

/// Reads lines of one blob front to back, for hunks that come in line order.
struct LineCursor {
  private let bytes: UnsafeRawBufferPointer
  private var offset = 0
  /// 1-based number of the line starting at `offset`.
  private var line = 1

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  /// Lines `start..<start + count` (1-based), each with its newline when it has one, as xdiff gives them.
  mutating func lines(from start: Int, count: Int, _ body: (UnsafeRawBufferPointer) -> Void) {
    if line < start {
      offset = BlobLines.skip(start - line, in: bytes, from: offset)
      line = start
    }
    for _ in 0..<count {
      guard let range = skipLine() else { return }
      body(UnsafeRawBufferPointer(rebasing: bytes[range]))
    }
  }

  private mutating func skipLine() -> Range<Int>? {
    guard offset < bytes.count else { return nil }
    let start = offset
    offset = BlobLines.lineEnd(bytes, from: start)
    line += 1
    return start..<offset
  }
}
