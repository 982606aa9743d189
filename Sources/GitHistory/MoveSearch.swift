import Foundation
import OutcomeModel

/// Line hashes of one version of a file, for matching blocks of lines between files.
///
/// Lines end at `\n`; a last line without one hashes differently, as xdiff compares them.
struct BlobLines: Sendable {
  var hashes: [UInt64] = []

  init(hashes: [UInt64]) { self.hashes = hashes }

  /// Every line of `bytes`.
  init(_ bytes: UnsafeRawBufferPointer) {
    hashes.reserveCapacity(bytes.count / 32 + 1)
    Self.forEachLine(bytes) { start, end in hashes.append(Self.hash(bytes, start, end)) }
  }

  /// Calls `body` with the byte range of each line, its `\n` included.
  static func forEachLine(_ bytes: UnsafeRawBufferPointer, _ body: (Int, Int) -> Void) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    var start = 0
    while start < bytes.count {
      let rest = bytes.count - start
      if let found = memchr(base + start, 0x0A, rest) {
        let end = base.distance(to: UnsafeRawPointer(found)) + 1
        body(start, end)
        start = end
      } else {
        body(start, bytes.count)
        start = bytes.count
      }
    }
  }

  /// A fast 64-bit hash of `bytes[start..<end]`, eight bytes at a time.
  static func hash(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(end - start)
    var index = start
    while index + 8 <= end {
      h = mix(h ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      index += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while index < end {
      tail |= UInt64(bytes[index]) << shift
      shift += 8
      index += 1
    }
    return mix(h ^ tail ^ 0xFF51_AFD7_ED55_8CCD)
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

  /// The added lines of `hunks` read from the new version's `bytes`.
  init(path: String, origin: String?, hunks: [Hunk], bytes: UnsafeRawBufferPointer) {
    self.init(path: path, origin: origin)
    let wanted = hunks.filter { $0.newCount > 0 }.sorted { $0.newStart < $1.newStart }
    guard !wanted.isEmpty else { return }
    var next = 0
    var line = 0
    var current: Block?
    BlobLines.forEachLine(bytes) { start, end in
      defer { line += 1 }
      guard next < wanted.count else { return }
      let first = wanted[next].newStart - 1
      guard line >= first else { return }
      if current == nil { current = Block(start: line, hashes: [], alphanumerics: [0]) }
      current!.hashes.append(BlobLines.hash(bytes, start, end))
      current!.alphanumerics.append(
        current!.alphanumerics.last! + BlobLines.alphanumerics(bytes, start, end))
      if line == first + wanted[next].newCount - 1 {
        blocks.append(current!)
        current = nil
        next += 1
      }
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

  /// Lines blame still gives the commit: `range` of block `block` of a target.
  struct Entry {
    var block: Int
    var range: Range<Int>
  }

  /// A run of lines of an entry found in a source.
  struct Match {
    var entry: Int
    /// Block offsets.
    var range: Range<Int>
    var sourceStart: Int
    var score: Int32
  }

  /// The moves of every target, by target path; `sources` are the parent versions of the changed files, in
  /// diff order, by path.
  static func moves(
    targets: [MoveTarget], sources: [(path: String, lines: BlobLines)], mode: MoveDetection
  ) -> [String: [LineMove]] {
    guard mode != .off else { return [:] }
    var result: [String: [LineMove]] = [:]
    let byPath = Dictionary(sources.map { ($0.path, $0.lines) }, uniquingKeysWith: { first, _ in first })
    for target in targets where !target.blocks.isEmpty {
      var found: [LineMove] = []
      var entries = target.blocks.indices.map { Entry(block: $0, range: 0..<target.blocks[$0].hashes.count) }
      if let origin = target.origin, let source = byPath[origin] {
        entries = search(
          entries, in: target, sources: [(origin, source)], threshold: moveScore, into: &found)
      }
      if mode == .commit {
        let others = sources.filter { $0.path != target.origin }
        entries = entries.filter { target.blocks[$0.block].score($0.range) > copyScore }
        if !others.isEmpty {
          _ = search(entries, in: target, sources: others, threshold: copyScore, into: &found)
        }
      }
      if !found.isEmpty {
        result[target.path] = found.sorted { $0.newStart < $1.newStart }
      }
    }
    return result
  }

  /// Rounds of blame's search over `sources` until no entry above `threshold` finds a run; returns the
  /// entries left (those at or below the threshold are dropped, as blame sets them aside).
  private static func search(
    _ start: [Entry], in target: MoveTarget, sources: [(path: String, lines: BlobLines)], threshold: Int32,
    into found: inout [LineMove]
  ) -> [Entry] {
    var queue = start.filter { target.blocks[$0.block].score($0.range) > threshold }
    var leftover: [Entry] = []
    while !queue.isEmpty {
      var best: [(match: Match, source: Int)?] = Array(repeating: nil, count: queue.count)
      let starts = runStarts(of: queue, in: target)
      for (index, source) in sources.enumerated() {
        for match in bestRuns(of: queue, in: target, starts: starts, source: source.lines) {
          // Ties go to the later source, as blame's copy_split_if_better keeps the later one.
          if let current = best[match.entry], current.match.score > match.score { continue }
          best[match.entry] = (match, index)
        }
      }
      var next: [Entry] = []
      for (index, entry) in queue.enumerated() {
        guard let (match, source) = best[index], match.score > threshold else {
          leftover.append(entry)
          continue
        }
        let block = target.blocks[entry.block]
        found.append(
          LineMove(
            newStart: block.start + match.range.lowerBound + 1, count: match.range.count,
            sourcePath: sources[source].path, sourceStart: match.sourceStart + 1))
        for rest in [
          entry.range.lowerBound..<match.range.lowerBound, match.range.upperBound..<entry.range.upperBound,
        ]
        where !rest.isEmpty && block.score(rest) > threshold {
          next.append(Entry(block: entry.block, range: rest))
        }
      }
      queue = next
    }
    return leftover
  }

  /// Lines shared by more entry lines than this start no run (blank lines, lone braces); they still
  /// extend runs that reach them.
  static let commonLine = 8

  /// Entry lines by hash: where a run through a source line may start.
  typealias RunStarts = [UInt64: [(entry: Int32, offset: Int32)]]

  static func runStarts(of entries: [Entry], in target: MoveTarget) -> RunStarts {
    var starts: RunStarts = [:]
    for (index, entry) in entries.enumerated() {
      let hashes = target.blocks[entry.block].hashes
      for offset in entry.range {
        starts[hashes[offset], default: []].append((Int32(index), Int32(offset)))
      }
    }
    return starts
  }

  /// For each entry, its best-scoring maximal run of lines that appears in `source` (one per entry at
  /// most; ties go to the later run).
  static func bestRuns(
    of entries: [Entry], in target: MoveTarget, starts: RunStarts, source: BlobLines
  ) -> [Match] {
    var best: [Match?] = Array(repeating: nil, count: entries.count)
    struct Run {
      var entry: Int
      var lower: Int
      var sourceStart: Int
      var length: Int
    }
    var active: [Run] = []
    var kept: [Run] = []
    func close(_ run: Run) {
      let range = run.lower..<(run.lower + run.length)
      let score = target.blocks[entries[run.entry].block].score(range)
      if let current = best[run.entry], current.score > score { return }
      best[run.entry] = Match(entry: run.entry, range: range, sourceStart: run.sourceStart, score: score)
    }
    let lines = source.hashes
    for (j, hash) in lines.enumerated() {
      kept.removeAll(keepingCapacity: true)
      for var run in active {
        let entry = entries[run.entry]
        let offset = run.lower + run.length
        if offset < entry.range.upperBound, target.blocks[entry.block].hashes[offset] == hash {
          run.length += 1
          kept.append(run)
        } else {
          close(run)
        }
      }
      swap(&active, &kept)
      guard let candidates = starts[hash], candidates.count <= commonLine else { continue }
      for candidate in candidates {
        let index = Int(candidate.entry)
        let offset = Int(candidate.offset)
        // Already covered by a run just extended along the same diagonal.
        if active.contains(where: { $0.entry == index && $0.lower + $0.length - 1 == offset }) { continue }
        let entry = entries[index]
        let hashes = target.blocks[entry.block].hashes
        var lower = offset
        var sourceStart = j
        while lower > entry.range.lowerBound, sourceStart > 0, hashes[lower - 1] == lines[sourceStart - 1] {
          lower -= 1
          sourceStart -= 1
        }
        active.append(Run(entry: index, lower: lower, sourceStart: sourceStart, length: offset - lower + 1))
      }
    }
    for run in active { close(run) }
    return best.compactMap { $0 }
  }
}
