import Foundation
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
    var line: Int32 = 0
    Self.forEachLine(bytes) { start, end in
      defer { line += 1 }
      guard keys.contains(bytes, start, end) else { return true }
      numbers.append(line)
      hashes.append(Self.hash(bytes, start, end))
      return true
    }
  }

  /// Calls `body` with the byte range of each line, its `\n` included, while it returns true.
  static func forEachLine(_ bytes: UnsafeRawBufferPointer, _ body: (Int, Int) -> Bool) {
    var start = 0
    while start < bytes.count {
      let end = lineEnd(bytes, from: start)
      guard body(start, end) else { return }
      start = end
    }
  }

  /// The end of the line starting at `start` (< `bytes.count`): past its `\n`, or the end of the bytes.
  static func lineEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
    guard let base = bytes.baseAddress, let found = memchr(base + start, 0x0A, bytes.count - start) else {
      return bytes.count
    }
    return base.distance(to: UnsafeRawPointer(found)) + 1
  }

  /// A fast 64-bit hash of `bytes[start..<end]`, eight bytes at a time.
  static func hash(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(end - start)
    var index = start
    while index + 8 <= end {
      h = mix(h ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      index += 8
    }
    return mix(h ^ word(bytes, index, end) ^ 0xFF51_AFD7_ED55_8CCD)
  }

  /// Up to eight bytes `bytes[start..<end]` as a little-endian word, zero above them; never reads past
  /// `end`, which may be the end of the blob.
  static func word(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> UInt64 {
    if end - start >= 8 { return bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self) }
    var value: UInt64 = 0
    for index in start..<end { value |= UInt64(bytes[index]) << UInt64(8 * (index - start)) }
    return value
  }

  private static func mix(_ value: UInt64) -> UInt64 {
    var x = value &* 0xBF58_476D_1CE4_E5B9
    x ^= x >> 31
    x = x &* 0x94D0_49BB_1331_11EB
    return x ^ (x >> 29)
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
  private var bits = [UInt64](repeating: 0, count: Self.words)
  private static let words = 1 << 10
  private static let bitCount = UInt64(words * 64)

  init() {}

  mutating func insert(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) {
    let n = Self.bit(bytes, start, end)
    bits[n >> 6] |= 1 << UInt64(n & 63)
  }

  func contains(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
    let n = Self.bit(bytes, start, end)
    return bits[n >> 6] & (1 << UInt64(n & 63)) != 0
  }

  private static func bit(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int {
    let head = BlobLines.word(bytes, start, min(end, start + 8))
    let mixed = (head ^ (UInt64(end - start) &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
    return Int((mixed >> 40) % bitCount)
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
    guard !wanted.isEmpty else { return }
    var next = 0
    var line = 0
    var current: Block?
    BlobLines.forEachLine(bytes) { start, end in
      defer { line += 1 }
      guard next < wanted.count else { return false }
      let first = wanted[next].newStart - 1
      guard line >= first else { return true }
      if current == nil { current = Block(start: line, hashes: [], alphanumerics: [0]) }
      keys.insert(bytes, start, end)
      current!.hashes.append(BlobLines.hash(bytes, start, end))
      current!.alphanumerics.append(
        current!.alphanumerics.last! + BlobLines.alphanumerics(bytes, start, end))
      if line == first + wanted[next].newCount - 1 {
        blocks.append(current!)
        current = nil
        next += 1
      }
      return true
    }
    // Hunks past the end of the blob cannot be read; the ledger then keeps those lines as the commit's own.
    if let current, !current.hashes.isEmpty { blocks.append(current) }
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
    var candidates: [[Candidate]] = Array(repeating: [], count: queue.count)
    var sequence = 0
    for (index, source) in sources.enumerated() {
      let skip: Set<Int> =
        !skipsOwn ? [] : Set(queue.indices.filter { targets[queue[$0].target].origin == source.path })
      collectRuns(of: queue, targets: targets, starts: starts, source: source.lines, skip: skip) {
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

  /// Calls `found` with every maximal run of an entry's lines that appears in `source` (entry index,
  /// block offsets, 0-based source line), in the order the runs end. Entries in `skip` are not searched.
  static func collectRuns(
    of entries: [Entry], targets: [MoveTarget], starts: StartTable, source: BlobLines, skip: Set<Int>,
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
          let entry = entries[run.entry]
          let offset = run.lower + run.length
          if offset < entry.range.upperBound, targets[entry.target].blocks[entry.block].hashes[offset] == hash
          {
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
        guard !skip.contains(index) else { return }
        // Already covered by a run just extended along the same diagonal.
        if active.contains(where: { $0.entry == index && $0.lower + $0.length - 1 == offset }) { return }
        let entry = entries[index]
        let hashes = targets[entry.target].blocks[entry.block].hashes
        // The table keys hash 0 as 1, so a slot's lines may differ from this one by that alone.
        guard hashes[offset] == hash else { return }
        var lower = offset
        var sourceStart = j
        var before = k - 1
        while lower > entry.range.lowerBound, before >= 0, Int(numbers[before]) == sourceStart - 1,
          hashes[lower - 1] == lines[before]
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
