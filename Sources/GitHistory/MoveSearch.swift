import Foundation
internal import LineScan
import OutcomeModel

/// Line hashes of one version of a file, for matching blocks of lines between files.
///
/// Lines end at `\n`; a last line without one hashes differently, as xdiff compares them.
struct BlobLines: Sendable {
  /// 0-based line numbers of the lines kept, ascending.
  var numbers: [Int32] = []
  /// Their hashes.
  var hashes: [UInt64] = []

  /// The lines of `bytes` whose key is in `keys`; the others cannot equal any added line, so the search
  /// skips them without hashing (a skipped line ends a run as an unequal one would).
  init(_ bytes: UnsafeRawBufferPointer, keys: LineKeys) {
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
    var cursor = ls_cursor(offset: 0, line: 0)
    let chunk = 512
    keys.withWords { words in
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: chunk) { numbers in
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: chunk) { hashes in
          while cursor.offset < bytes.count {
            let before = cursor.offset
            let found = ls_filtered_lines(
              base, bytes.count, &cursor, words, numbers.baseAddress, hashes.baseAddress, chunk)
            self.numbers.append(contentsOf: numbers.prefix(found))
            self.hashes.append(contentsOf: hashes.prefix(found))
            precondition(cursor.offset > before, "line scan made no progress")
          }
        }
      }
    }
  }

  /// The end of the line starting at `start` (< `bytes.count`): past its `\n`, or the end of the bytes.
  static func lineEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
    guard let base = bytes.baseAddress, let found = memchr(base + start, 0x0A, bytes.count - start) else {
      return bytes.count
    }
    return base.distance(to: UnsafeRawPointer(found)) + 1
  }

  /// The offset `lines` lines after `from`, or `bytes.count` when the bytes end first.
  static func skip(_ lines: Int, in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
    guard lines > 0 else { return start }
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return bytes.count }
    return ls_skip_lines(base, bytes.count, start, lines)
  }

  /// A fast 64-bit hash of `bytes[start..<end]`, the one the parent lines are hashed with.
  static func hash(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> UInt64 {
    ls_hash(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), bytes.count, start, end)
  }

  /// Alphanumeric bytes of a line, as `git blame` scores a block (C locale: ASCII only).
  static func alphanumerics(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int32 {
    var count: Int32 = 0
    for index in start..<end {
      let byte = bytes[index] | 0x20
      if (byte >= 0x61 && byte <= 0x7A) || (bytes[index] >= 0x30 && bytes[index] <= 0x39) { count += 1 }
    }
    return count
  }
}

/// A filter over a commit's added lines by length and first eight bytes: a parent line whose key is not
/// in it cannot equal any added line, so it is neither hashed nor searched. Most lines of a long file
/// fail it for a commit that adds a few; by length alone half of git/git's parent lines passed.
struct LineKeys: Sendable {
  private var bits = [UInt64](repeating: 0, count: Int(LS_KEY_WORDS))

  init() {}

  mutating func insert(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) {
    let n = Int(ls_key_bit(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), bytes.count, start, end))
    bits[n >> 6] |= 1 << UInt64(n & 63)
  }

  func contains(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
    withWords {
      ls_keys_contain($0, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), bytes.count, start, end)
        != 0
    }
  }

  func withWords<R>(_ body: (UnsafePointer<UInt64>) -> R) -> R {
    bits.withUnsafeBufferPointer { body($0.baseAddress!) }
  }
}

/// The lines one file's first-parent diff adds: the blocks `git blame -M -C` tries to find in the parent.
struct MoveTarget: Sendable {
  /// The file's path in the new tree.
  var path: String
  /// Its path in the first parent (the same, or where a rename came from); nil for an added file.
  var origin: String?
  var blocks: [Block] = []

  /// One hunk's added lines: hashes and alphanumeric counts, from 0-based new line `start`.
  struct Block: Sendable {
    var start: Int
    var hashes: [UInt64]
    /// Alphanumerics before each line and after the last (`count + 1` prefix sums).
    var alphanumerics: [Int32]

    /// `git blame`'s score of lines `range` (block offsets): one plus their alphanumerics.
    func score(_ range: Range<Int>) -> Int32 {
      1 + alphanumerics[range.upperBound] - alphanumerics[range.lowerBound]
    }
  }

  init(path: String, origin: String?) {
    self.path = path
    self.origin = origin
  }

  /// The added lines of `hunks` read from the new version's `bytes`; their keys go into `keys`.
  init(
    path: String, origin: String?, hunks: [Hunk], bytes: UnsafeRawBufferPointer, keys: inout LineKeys
  ) {
    self.init(path: path, origin: origin)
    let wanted = hunks.filter { $0.newCount > 0 }.sorted { $0.newStart < $1.newStart }
    var offset = 0
    var line = 0
    for hunk in wanted where hunk.newStart - 1 >= line {
      offset = BlobLines.skip(hunk.newStart - 1 - line, in: bytes, from: offset)
      line = hunk.newStart - 1
      var block = Block(start: line, hashes: [], alphanumerics: [0])
      block.hashes.reserveCapacity(hunk.newCount)
      block.alphanumerics.reserveCapacity(hunk.newCount + 1)
      while block.hashes.count < hunk.newCount, offset < bytes.count {
        let end = BlobLines.lineEnd(bytes, from: offset)
        keys.insert(bytes, offset, end)
        block.hashes.append(BlobLines.hash(bytes, offset, end))
        block.alphanumerics.append(block.alphanumerics.last! + BlobLines.alphanumerics(bytes, offset, end))
        offset = end
        line += 1
      }
      if !block.hashes.isEmpty { blocks.append(block) }
      // Hunks past the end of the blob cannot be read; the ledger then keeps those lines as the commit's own.
      if offset >= bytes.count { break }
    }
  }
}

/// Finds, as `git blame -M` and `-C` do, the added lines of a commit that repeat lines of its first parent.
///
/// Blame tries each block of lines still blamed on a commit against the parent's version of the same file
/// (`-M`, score above 20: at least 20 alphanumerics), then against the parent's versions of the other
/// files the commit changes (`-C`, score above 40). Each round takes, per block, the best-scoring run of
/// lines that appears in one source, hands those lines to the parent, and searches the rest of the block
/// again. Blame finds runs through a diff of the source against the block; here a run is found directly
/// as a maximal stretch of equal line hashes on one diagonal, which agrees with it except where a block
/// repeats in several places of the source.
enum MoveSearch {
  static let moveScore: Int32 = 20
  static let copyScore: Int32 = 40

  /// Lines blame still gives the commit: `range` of block `block` of target `target`.
  struct Entry {
    var target: Int
    var block: Int
    var range: Range<Int>
  }

  /// The moves of every target, by target path; `sources` are the parent versions of the changed files, in
  /// diff order, by path.
  static func moves(
    targets: [MoveTarget], sources: [(path: String, lines: BlobLines)], mode: MoveDetection
  ) -> [String: [LineMove]] {
    guard mode != .off else { return [:] }
    var found: [[LineMove]] = Array(repeating: [], count: targets.count)
    let byPath = Dictionary(sources.map { ($0.path, $0.lines) }, uniquingKeysWith: { first, _ in first })
    var left: [Entry] = []
    for (index, target) in targets.enumerated() {
      let entries = target.blocks.indices.map {
        Entry(target: index, block: $0, range: 0..<target.blocks[$0].hashes.count)
      }
      // -M: each file against its own parent version.
      if let origin = target.origin, let source = byPath[origin] {
        left += search(
          entries, targets: targets, sources: [(origin, source)], threshold: moveScore, skipsOwn: false,
          into: &found)
      } else {
        left += entries
      }
    }
    // -C: what is left of every file at once against the other changed files, so each source is read
    // once per round rather than once per file.
    if mode == .commit, !left.isEmpty, !sources.isEmpty {
      _ = search(left, targets: targets, sources: sources, threshold: copyScore, skipsOwn: true, into: &found)
    }
    var result: [String: [LineMove]] = [:]
    for (index, moves) in found.enumerated() where !moves.isEmpty {
      result[targets[index].path] = moves.sorted { $0.newStart < $1.newStart }
    }
    return result
  }

  private static func score(_ entry: Entry, _ targets: [MoveTarget]) -> Int32 {
    targets[entry.target].blocks[entry.block].score(entry.range)
  }

  /// Blame's rounds over `sources` until no entry above `threshold` finds a run; returns the entries
  /// left (those at or below the threshold are dropped, as blame sets them aside). With `skipsOwn` (-C)
  /// a file is not searched in its own parent version, which -M already did.
  ///
  /// Blame diffs every source against every piece again after each split. Here each source is read once:
  /// every maximal run above the threshold is kept per entry, and a piece's best run is the best of those
  /// runs cut to the piece (a run cut at the piece's edge is still maximal within it).
  private static func search(
    _ start: [Entry], targets: [MoveTarget], sources: [(path: String, lines: BlobLines)], threshold: Int32,
    skipsOwn: Bool, into found: inout [[LineMove]]
  ) -> [Entry] {
    let queue = start.filter { score($0, targets) > threshold }
    guard !queue.isEmpty else { return [] }
    let starts = StartTable(queue, targets: targets)
    let lines = EntryLines(queue, targets: targets)
    var candidates: [[Candidate]] = Array(repeating: [], count: queue.count)
    var sequence = 0
    var skip = [Bool](repeating: false, count: queue.count)
    for (index, source) in sources.enumerated() {
      if skipsOwn {
        for entry in queue.indices { skip[entry] = targets[queue[entry].target].origin == source.path }
      }
      collectRuns(of: lines, starts: starts, source: source.lines, skip: skip) {
        entry, range, sourceStart in
        let block = targets[queue[entry].target].blocks[queue[entry].block]
        // Cutting a run only lowers its score, so one at or under the threshold can never be taken.
        guard block.score(range) > threshold else { return }
        candidates[entry].append(
          Candidate(range: range, sourceStart: sourceStart, source: index, sequence: sequence))
        sequence += 1
      }
    }
    var leftover: [Entry] = []
    for (index, entry) in queue.enumerated() {
      let block = targets[entry.target].blocks[entry.block]
      var pieces = [entry.range]
      while let piece = pieces.popLast() {
        // The best run cut to this piece; ties go to the later one (blame's copy_split_if_better).
        var best: (range: Range<Int>, sourceStart: Int, source: Int, score: Int32, sequence: Int)?
        for candidate in candidates[index] {
          let lower = max(candidate.range.lowerBound, piece.lowerBound)
          let upper = min(candidate.range.upperBound, piece.upperBound)
          guard lower < upper else { continue }
          let cut = lower..<upper
          let score = block.score(cut)
          if let current = best,
            current.score > score || (current.score == score && current.sequence > candidate.sequence)
          {
            continue
          }
          best = (
            cut, candidate.sourceStart + lower - candidate.range.lowerBound, candidate.source, score,
            candidate.sequence
          )
        }
        guard let best, best.score > threshold else {
          leftover.append(Entry(target: entry.target, block: entry.block, range: piece))
          continue
        }
        found[entry.target].append(
          LineMove(
            newStart: block.start + best.range.lowerBound + 1, count: best.range.count,
            sourcePath: sources[best.source].path, sourceStart: best.sourceStart + 1))
        for rest in [piece.lowerBound..<best.range.lowerBound, best.range.upperBound..<piece.upperBound]
        where !rest.isEmpty && block.score(rest) > threshold {
          pieces.append(rest)
        }
      }
    }
    return leftover
  }

  /// A maximal run of an entry's lines found in one source.
  struct Candidate {
    var range: Range<Int>
    var sourceStart: Int
    var source: Int
    /// Order of finding: sources in diff order, runs in the order they end.
    var sequence: Int
  }

  /// Lines shared by more entry lines than this start no run (blank lines, lone braces); they still
  /// extend runs that reach them.
  static let commonLine = 8

  /// Entry lines by hash, where a run through a source line may start: open addressing on the line
  /// hashes themselves (already well mixed), since a source line is looked up here for every line of
  /// every changed file and most are not found.
  struct StartTable {
    private var keys: [UInt64]
    /// First item of each slot's list in `items`, or -1.
    private var heads: [Int32]
    /// (entry, offset, next item or -1).
    private var items: [(entry: Int32, offset: Int32, next: Int32)] = []
    private var counts: [Int32]
    private let mask: Int

    init(_ entries: [Entry], targets: [MoveTarget]) {
      let lines = entries.reduce(0) { $0 + $1.range.count }
      var capacity = 16
      while capacity < lines * 2 { capacity <<= 1 }
      mask = capacity - 1
      keys = Array(repeating: 0, count: capacity)
      heads = Array(repeating: -1, count: capacity)
      counts = Array(repeating: 0, count: capacity)
      items.reserveCapacity(lines)
      for (index, entry) in entries.enumerated() {
        let hashes = targets[entry.target].blocks[entry.block].hashes
        for offset in entry.range {
          let slot = find(Self.key(hashes[offset]))
          keys[slot] = Self.key(hashes[offset])
          items.append((Int32(index), Int32(offset), heads[slot]))
          heads[slot] = Int32(items.count - 1)
          counts[slot] += 1
        }
      }
    }

    /// 0 marks an empty slot.
    private static func key(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }

    private func find(_ key: UInt64) -> Int {
      var slot = Int(truncatingIfNeeded: key) & mask
      while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
      return slot
    }

    /// The slot of `hash` when it starts runs (present and not too common), else nil.
    func slot(of hash: UInt64) -> Int? {
      let slot = find(Self.key(hash))
      guard keys[slot] != 0, counts[slot] <= Int32(MoveSearch.commonLine) else { return nil }
      return slot
    }

    func forEach(in slot: Int, _ body: (Int, Int) -> Void) {
      var item = heads[slot]
      while item >= 0 {
        let found = items[Int(item)]
        body(Int(found.entry), Int(found.offset))
        item = found.next
      }
    }
  }

  /// The lines of the entries searched in one round, side by side in one array: a run is extended for
  /// every source line, so this is read far more often than anything else.
  struct EntryLines {
    var hashes: [UInt64] = []
    /// Where each entry's block starts in `hashes` (the block's offset 0, not the entry's range).
    var base: [Int] = []
    var lower: [Int] = []
    var upper: [Int] = []

    init(_ entries: [Entry], targets: [MoveTarget]) {
      for entry in entries {
        let block = targets[entry.target].blocks[entry.block].hashes
        base.append(hashes.count - entry.range.lowerBound)
        lower.append(entry.range.lowerBound)
        upper.append(entry.range.upperBound)
        hashes += block[entry.range]
      }
    }

    /// Line `offset` (a block offset within the entry's range) of entry `entry`.
    func hash(_ entry: Int, _ offset: Int) -> UInt64 { hashes[base[entry] + offset] }
  }

  /// Calls `found` with every maximal run of an entry's lines that appears in `source` (entry index,
  /// block offsets, 0-based source line), in the order the runs end. Entries marked in `skip` are not
  /// searched.
  static func collectRuns(
    of entries: EntryLines, starts: StartTable, source: BlobLines, skip: [Bool],
    found: (Int, Range<Int>, Int) -> Void
  ) {
    struct Run {
      var entry: Int
      var lower: Int
      var sourceStart: Int
      var length: Int
    }
    var active: [Run] = []
    var kept: [Run] = []
    func close(_ run: Run) {
      found(run.entry, run.lower..<(run.lower + run.length), run.sourceStart)
    }
    let lines = source.hashes
    let numbers = source.numbers
    for k in lines.indices {
      let hash = lines[k]
      let j = Int(numbers[k])
      if k > 0, numbers[k - 1] != numbers[k] - 1, !active.isEmpty {
        // Lines skipped in between match no added line: every run ends there.
        for run in active { close(run) }
        active.removeAll(keepingCapacity: true)
      }
      if !active.isEmpty {
        kept.removeAll(keepingCapacity: true)
        for var run in active {
          let offset = run.lower + run.length
          if offset < entries.upper[run.entry], entries.hash(run.entry, offset) == hash {
            run.length += 1
            kept.append(run)
          } else {
            close(run)
          }
        }
        swap(&active, &kept)
      }
      guard let slot = starts.slot(of: hash) else { continue }
      starts.forEach(in: slot) { index, offset in
        guard !skip[index] else { return }
        // Already covered by a run just extended along the same diagonal.
        if active.contains(where: { $0.entry == index && $0.lower + $0.length - 1 == offset }) { return }
        // The table keys hash 0 as 1, so a slot's lines may differ from this one by that alone.
        guard entries.hash(index, offset) == hash else { return }
        var lower = offset
        var sourceStart = j
        var before = k - 1
        let first = entries.lower[index]
        while lower > first, before >= 0, Int(numbers[before]) == sourceStart - 1,
          entries.hash(index, lower - 1) == lines[before]
        {
          lower -= 1
          sourceStart -= 1
          before -= 1
        }
        active.append(Run(entry: index, lower: lower, sourceStart: sourceStart, length: offset - lower + 1))
      }
    }
    for run in active { close(run) }
  }
}
