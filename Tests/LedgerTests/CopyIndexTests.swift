import OutcomeModel
import TestSupport
import XCTest

@testable import Ledger

/// Copy-pasted lines: hand-built changes whose counts are known by construction, and random edits
/// against a model that recomputes every window of every file from scratch.
final class CopyIndexTests: XCTestCase {
  private let everything: (String) -> Bool = { _ in true }

  // MARK: - Hand-built cases

  func testTwelveLineBlockPastedTwiceCountsTwentyFourLines() {
    var index = CopyIndex()
    XCTAssertEqual(
      index.apply([added("a.c", unique("a", 3) + block("x", 12) + unique("a2", 3))], counts: everything), 0)
    let copies = index.apply(
      [
        added("b.c", unique("b", 2) + block("x", 12) + unique("b2", 2)),
        added("c.c", ["int c(void) {"] + block("x", 12) + ["}"]),
      ], counts: everything)
    XCTAssertEqual(copies, 24)
  }

  func testBlockAndItsCopiesInOneChangeAreNotCopiesOfEarlierCode() {
    var index = CopyIndex()
    let copies = index.apply(
      [added("a.c", block("x", 12)), added("b.c", block("x", 12)), added("c.c", block("x", 12))],
      counts: everything)
    XCTAssertEqual(copies, 0, "the block did not exist at the first parent")
  }

  func testBlocksShorterThanFiveNonBlankLinesDoNotCount() {
    var index = CopyIndex()
    _ = index.apply(
      [added("a.c", unique("a", 3) + block("x", 4) + unique("a2", 3) + block("y", 5))], counts: everything)
    XCTAssertEqual(
      index.apply([added("b.c", unique("b", 2) + block("x", 4) + unique("b2", 2))], counts: everything), 0)
    XCTAssertEqual(
      index.apply([added("c.c", unique("c", 2) + block("y", 5) + unique("c2", 2))], counts: everything), 5)
  }

  func testMovedBlockIsNoCopy() {
    var index = CopyIndex()
    let source = unique("a", 3) + block("x", 12) + unique("a2", 3)
    _ = index.apply([added("a.c", source)], counts: everything)
    let moved = index.apply(
      [modified("a.c", from: source, to: unique("a", 3) + unique("a2", 3)), added("d.c", block("x", 12))],
      counts: everything)
    XCTAssertEqual(moved, 0)
  }

  func testSourceDeletedWhileTheBlockIsPastedTwiceIsNoCopy() {
    var index = CopyIndex()
    let source = unique("a", 3) + block("x", 12) + unique("a2", 3)
    _ = index.apply([added("a.c", source), added("keep.c", unique("k", 8))], counts: everything)
    let copies = index.apply(
      [deleted("a.c", source), added("b.c", block("x", 12)), added("c.c", ["{"] + block("x", 12) + ["}"])],
      counts: everything)
    XCTAssertEqual(copies, 0, "no occurrence of the block is left besides the two this change made")
  }

  func testReindentedPasteStillCounts() {
    var index = CopyIndex()
    _ = index.apply([added("a.c", unique("a", 3) + block("x", 12) + unique("a2", 3))], counts: everything)
    let reindented = block("x", 12).map { "\t\t" + $0.replacingOccurrences(of: " = ", with: "=") + "  " }
    XCTAssertEqual(index.apply([added("b.c", reindented)], counts: everything), 12)
  }

  func testBlankLinesInsideAPasteAreSkippedNotCounted() {
    var index = CopyIndex()
    _ = index.apply([added("a.c", block("x", 12))], counts: everything)
    var spaced: [String] = []
    for (offset, line) in block("x", 12).enumerated() {
      spaced.append(line)
      if offset % 3 == 2 { spaced.append(offset % 2 == 0 ? "" : "   ") }
    }
    XCTAssertEqual(index.apply([added("b.c", spaced)], counts: everything), 12)
  }

  func testBlockPastedIntoExistingFilesAndWithinTheSameFile() {
    var index = CopyIndex()
    let a = unique("a", 3) + block("x", 12) + unique("a2", 3)
    let b = unique("b", 10)
    _ = index.apply([added("a.c", a), added("b.c", b)], counts: everything)
    let intoB = Array(b[0..<5]) + block("x", 12) + Array(b[5...])
    XCTAssertEqual(
      index.apply([modified("b.c", from: b, to: intoB)], counts: everything), 12, "from another file")
    let twiceInA = a + unique("a3", 2) + block("x", 12)
    XCTAssertEqual(index.apply([modified("a.c", from: a, to: twiceInA)], counts: everything), 12, "same file")
  }

  func testExcludedAndBinaryFilesAreNoSources() {
    var index = CopyIndex()
    let counts: (String) -> Bool = { !$0.hasPrefix("vendor/") }
    _ = index.apply([added("vendor/lib.c", block("x", 12)), added("a.c", block("y", 12))], counts: counts)
    XCTAssertEqual(
      index.apply([added("b.c", block("x", 12))], counts: counts), 0, "vendored files are not followed")
    let binary = FileDiff(oldPath: "a.c", newPath: "a.c", kind: .modified, isBinary: true)
    _ = index.apply([binary], counts: counts)
    XCTAssertEqual(index.apply([added("c.c", block("y", 12))], counts: counts), 0, "a.c is binary now")
  }

  func testRenamedFileStaysASource() {
    var index = CopyIndex()
    let a = unique("a", 3) + block("x", 12)
    _ = index.apply([added("a.c", a)], counts: everything)
    _ = index.apply(
      [FileDiff(oldPath: "a.c", newPath: "src/a.c", kind: .renamed, similarity: 100)], counts: everything)
    XCTAssertEqual(index.lines(of: "src/a.c")?.count, a.count)
    XCTAssertNil(index.lines(of: "a.c"))
    XCTAssertEqual(index.apply([added("b.c", block("x", 12))], counts: everything), 12)
  }

  func testSmallEditInALargeFileTouchesOnlyNearbyWindows() {
    var index = CopyIndex()
    var big = (0..<7_000).map { "line \($0);" }
    for blankLine in stride(from: 3, to: 7_000, by: 11) { big[blankLine] = "" }
    _ = index.apply([added("big.c", big)], counts: everything)
    var edited = big
    edited.replaceSubrange(3_500..<3_502, with: ["changed a;", "changed b;", "changed c;"])
    _ = index.apply([modified("big.c", from: big, to: edited)], counts: everything)
    // Two removed lines, three added, and four unchanged non-blank lines on each side.
    XCTAssertLessThanOrEqual(index.touchedWindows, (2 + 8 - 4 + 1) + (3 + 8 - 4 + 1))
    XCTAssertEqual(index.lines(of: "big.c"), edited.map { CopyIndex.value(line($0)) })
    XCTAssertEqual(index.windowCounts, NaiveCopies.windows([edited]))
  }

  // MARK: - Random edits against the model

  func testRandomEditsAgreeWithFullRecomputation() {
    var totalCopied = 0
    var changesWithCopies = 0
    for seed in UInt64(1)...24 {
      var random = SeededRandom(seed: seed)
      var model = NaiveCopies(counts: { !$0.hasPrefix("vendor/") })
      var index = CopyIndex()
      for step in 0..<70 {
        let change = model.randomChange(&random)
        let before = model
        model.apply(change.diffs)
        let expected = NaiveCopies.copied(before: before, after: model, added: change.added)
        let actual = index.apply(change.diffs, counts: model.counts)
        XCTAssertEqual(actual, expected, "seed \(seed) change \(step): copied lines")
        XCTAssertEqual(index.windowCounts, model.windowCounts(), "seed \(seed) change \(step): windows")
        for path in model.files.keys.sorted() {
          XCTAssertEqual(
            index.lines(of: path), model.values(of: path), "seed \(seed) change \(step): \(path)")
        }
        XCTAssertEqual(index.misfitDiffs, 0)
        totalCopied += actual
        if actual > 0 { changesWithCopies += 1 }
        if testRun?.failureCount ?? 0 > 0 { return }
      }
    }
    XCTAssertGreaterThan(changesWithCopies, 50, "the random edits should paste blocks often")
    XCTAssertGreaterThan(totalCopied, 500)
  }

  // MARK: - Diff helpers

  private func added(_ path: String, _ lines: [String]) -> FileDiff {
    FileDiff(
      oldPath: nil, newPath: path, kind: .added, linesAdded: lines.count,
      hunks: lines.isEmpty
        ? [] : [Hunk(oldStart: 0, oldCount: 0, newStart: 1, newCount: lines.count, added: lines.map(line))])
  }

  private func deleted(_ path: String, _ lines: [String]) -> FileDiff {
    FileDiff(
      oldPath: path, newPath: nil, kind: .deleted, linesDeleted: lines.count,
      hunks: lines.isEmpty
        ? [] : [Hunk(oldStart: 1, oldCount: lines.count, newStart: 0, newCount: 0, removed: lines.map(line))])
  }

  /// One hunk between the common prefix and suffix of the two versions.
  private func modified(_ path: String, from old: [String], to new: [String]) -> FileDiff {
    var prefix = 0
    while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < old.count - prefix, suffix < new.count - prefix,
      old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
    {
      suffix += 1
    }
    let removed = Array(old[prefix..<(old.count - suffix)])
    let addedLines = Array(new[prefix..<(new.count - suffix)])
    let hunk = Hunk(
      oldStart: removed.isEmpty ? prefix : prefix + 1, oldCount: removed.count,
      newStart: addedLines.isEmpty ? prefix : prefix + 1, newCount: addedLines.count,
      removed: removed.map(line), added: addedLines.map(line))
    return FileDiff(
      oldPath: path, newPath: path, kind: .modified, linesAdded: addedLines.count,
      linesDeleted: removed.count,
      hunks: [hunk])
  }

  private func block(_ name: String, _ count: Int) -> [String] {
    (1...count).map { "  int \(name)\($0) = compute(\($0), \(name));" }
  }

  private func unique(_ tag: String, _ count: Int) -> [String] {
    (1...count).map { "  log(\"\(tag) \($0)\");" }
  }
}

/// A diff line hashed as the miner hashes it (FNV-1a 64, white space left out of the second hash).
func line(_ text: String) -> DiffLine {
  var full: UInt64 = 0xcbf2_9ce4_8422_2325
  var compact = full
  var blank = true
  for byte in text.utf8 {
    full = (full ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    if byte != 0x20, byte != 0x09, byte != 0x0d, byte != 0x0b, byte != 0x0c {
      compact = (compact ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
      blank = false
    }
  }
  return DiffLine(hash: full, whitespaceFreeHash: compact, isBlank: blank)
}

/// The obvious model: whole files as text, every window of every file recomputed after each change.
struct NaiveCopies {
  var files: [String: [String]] = [:]
  var unknown: Set<String> = []
  let counts: (String) -> Bool
  private var serial = 0

  init(counts: @escaping (String) -> Bool) { self.counts = counts }

  func values(of path: String) -> [UInt64]? {
    guard let lines = files[path], counts(path), !unknown.contains(path) else { return nil }
    return lines.map { CopyIndex.value(line($0)) }
  }

  func windowCounts() -> [UInt64: Int32] {
    Self.windows(files.keys.compactMap(values(of:)).map { $0 })
  }

  static func windows(_ files: [[String]]) -> [UInt64: Int32] {
    windows(files.map { $0.map { CopyIndex.value(line($0)) } })
  }

  static func windows(_ files: [[UInt64]]) -> [UInt64: Int32] {
    var counted: [UInt64: Int32] = [:]
    for values in files {
      let nonBlank = values.filter { $0 != CopyIndex.blank }
      guard nonBlank.count >= CopyIndex.width else { continue }
      for start in 0...(nonBlank.count - CopyIndex.width) {
        counted[CopyIndex.hash(nonBlank, at: start), default: 0] += 1
      }
    }
    return counted
  }

  /// Copied lines by the definition, from the whole repository before and after the change.
  static func copied(before: NaiveCopies, after: NaiveCopies, added: [String: [Bool]]) -> Int {
    let earlier = before.windowCounts()
    let later = after.windowCounts()
    var candidates: [(hash: UInt64, lines: [String])] = []
    for path in after.files.keys.sorted() {
      guard let values = after.values(of: path), let flags = added[path] else { continue }
      let nonBlank = values.indices.filter { values[$0] != CopyIndex.blank }
      let sequence = nonBlank.map { values[$0] }
      guard sequence.count >= CopyIndex.width else { continue }
      for start in 0...(sequence.count - CopyIndex.width) {
        let members = nonBlank[start..<start + CopyIndex.width]
        guard members.allSatisfy({ flags[$0] }) else { continue }
        candidates.append((CopyIndex.hash(sequence, at: start), members.map { "\(path):\($0)" }))
      }
    }
    var made: [UInt64: Int32] = [:]
    for candidate in candidates { made[candidate.hash, default: 0] += 1 }
    var copied = Set<String>()
    for candidate in candidates
    where earlier[candidate.hash, default: 0] > 0 && later[candidate.hash, default: 0] > made[candidate.hash]!
    {
      copied.formUnion(candidate.lines)
    }
    return copied.count
  }

  // MARK: - Applying diffs the slow way

  mutating func apply(_ diffs: [FileDiff]) {
    for diff in diffs {
      let old = diff.oldPath.flatMap { files[$0] } ?? []
      let wasUnknown = diff.oldPath.map { unknown.contains($0) } ?? false
      if diff.kind == .renamed || diff.kind == .deleted, let oldPath = diff.oldPath {
        files.removeValue(forKey: oldPath)
        unknown.remove(oldPath)
      }
      guard let newPath = diff.newPath else { continue }
      unknown.remove(newPath)
      if diff.isBinary {
        files[newPath] = old
        unknown.insert(newPath)
        continue
      }
      var lines = diff.kind == .added ? [] : old
      for hunk in diff.hunks.reversed() {
        let start = CopyIndex.oldIndex(hunk)
        lines.replaceSubrange(start..<start + hunk.oldCount, with: hunk.added.map { Self.text[$0.hash]! })
      }
      files[newPath] = lines
      if wasUnknown, diff.kind != .added { unknown.insert(newPath) }
    }
  }

  /// Text of every line the random changes made, by full hash (the model keeps text, diffs keep hashes).
  nonisolated(unsafe) static var text: [UInt64: String] = [:]

  static func diffLine(_ text: String) -> DiffLine {
    let made = line(text)
    Self.text[made.hash] = text
    return made
  }

  // MARK: - Random changes

  struct RandomChange {
    var diffs: [FileDiff] = []
    /// Per new path, which lines of its new version the change added.
    var added: [String: [Bool]] = [:]
  }

  private static let vocabulary = [
    "x = 1;", "y = x + 1;", "return y;", "if (x) {", "}", "call(a, b);", "i++;", "// note", "z = y * 2;",
  ]

  mutating func randomChange(_ random: inout SeededRandom) -> RandomChange {
    var change = RandomChange()
    var touched = Set<String>()
    for _ in 0..<random.int(in: 1...3) {
      let existing = files.keys.sorted().filter { !touched.contains($0) }
      let roll = random.int(in: 0...99)
      if existing.isEmpty || roll < 20 {
        serial += 1
        let path = (random.chance(0.15) ? "vendor/" : "src/") + "f\(serial).c"
        let lines = randomLines(&random, count: random.int(in: 0...40))
        touched.insert(path)
        change.added[path] = Array(repeating: true, count: lines.count)
        change.diffs.append(
          FileDiff(
            oldPath: nil, newPath: path, kind: .added,
            hunks: lines.isEmpty
              ? []
              : [
                Hunk(
                  oldStart: 0, oldCount: 0, newStart: 1, newCount: lines.count,
                  added: lines.map(Self.diffLine))
              ]
          ))
        continue
      }
      let path = random.pick(existing)
      let old = files[path]!
      touched.insert(path)
      switch roll {
      case 20..<30:
        change.diffs.append(
          FileDiff(
            oldPath: path, newPath: nil, kind: .deleted,
            hunks: old.isEmpty
              ? []
              : [Hunk(oldStart: 1, oldCount: old.count, newStart: 0, newCount: 0, removed: old.map(line))]))
      case 30..<42:
        serial += 1
        let folder = path.hasPrefix("vendor/") ? "vendor/" : "src/"
        let newPath = folder + "f\(serial).c"
        touched.insert(newPath)
        let kind: FileChangeKind = random.chance(0.7) ? .renamed : .copied
        let (hunks, flags) =
          random.chance(0.5) ? randomHunks(&random, old: old) : ([], old.map { _ in false })
        change.added[newPath] = flags
        change.diffs.append(
          FileDiff(oldPath: path, newPath: newPath, kind: kind, similarity: 80, hunks: hunks))
      case 42..<46:
        change.diffs.append(FileDiff(oldPath: path, newPath: path, kind: .modified, isBinary: true))
      default:
        let (hunks, flags) = randomHunks(&random, old: old)
        change.added[path] = flags
        change.diffs.append(FileDiff(oldPath: path, newPath: path, kind: .modified, hunks: hunks))
      }
    }
    return change
  }

  /// Zero-context hunks at random places, with the added-line flags of the new version.
  private mutating func randomHunks(_ random: inout SeededRandom, old: [String]) -> ([Hunk], [Bool]) {
    let positions = (0..<random.int(in: 1...4)).map { _ in random.int(in: 0...old.count) }
    var hunks: [Hunk] = []
    var flags: [Bool] = []
    var cursor = 0
    for position in Set(positions).sorted() where position >= cursor {
      flags += Array(repeating: false, count: position - cursor)
      let removed = random.int(in: 0...min(4, old.count - position))
      var lines = randomLines(&random, count: random.int(in: 0...14))
      if removed == 0, lines.isEmpty { lines = randomLines(&random, count: 1) }
      let newIndex = flags.count
      hunks.append(
        Hunk(
          oldStart: removed == 0 ? position : position + 1, oldCount: removed,
          newStart: lines.isEmpty ? newIndex : newIndex + 1, newCount: lines.count,
          removed: old[position..<position + removed].map(line), added: lines.map(Self.diffLine)))
      flags += Array(repeating: true, count: lines.count)
      cursor = position + removed
    }
    flags += Array(repeating: false, count: old.count - cursor)
    return (hunks, flags)
  }

  /// Lines from a small vocabulary with blank lines and odd indentation, or a block pasted (maybe
  /// reindented) from a file of the repository.
  private func randomLines(_ random: inout SeededRandom, count: Int) -> [String] {
    let sources = files.keys.sorted().compactMap { files[$0] }.filter { $0.count >= 5 }
    if count >= 5, !sources.isEmpty, random.chance(0.4) {
      let source = random.pick(sources)
      let length = random.int(in: 5...min(14, source.count))
      let start = random.int(in: 0...(source.count - length))
      let indent = random.pick(["", "  ", "\t"])
      return source[start..<start + length].map { $0.isEmpty ? $0 : indent + $0 }
    }
    return (0..<count).map { _ in
      if random.chance(0.12) { return random.pick(["", "  "]) }
      return random.pick(["", "  ", "    "]) + random.pick(Self.vocabulary)
    }
  }
}

/// The window multiset's open addressing against a dictionary, through growth and backward-shift deletes.
final class WindowCountsTests: XCTestCase {
  func testRandomAddsAndRemovesMatchADictionary() {
    var random = SeededRandom(seed: 99)
    var table = WindowCounts()
    var model: [UInt64: Int32] = [:]
    let pool = (0..<3_000).map { _ in random.next() | 2 }
    for step in 0..<60_000 {
      let key = random.pick(pool)
      // Adds outnumber removes early (the table grows), then removes empty it again.
      if random.chance(step < 30_000 ? 0.7 : 0.3) {
        table.add(key)
        model[key, default: 0] += 1
      } else {
        let held = model[key] != nil
        XCTAssertEqual(table.remove(key), held)
        if let count = model[key] { model[key] = count > 1 ? count - 1 : nil }
      }
      if step % 1_000 == 0 {
        XCTAssertEqual(table.dictionary, model, "step \(step)")
        XCTAssertEqual(table.distinct, model.count)
      }
    }
    XCTAssertEqual(table.dictionary, model)
    for key in pool.prefix(200) { XCTAssertEqual(table[key], model[key] ?? 0) }
  }
}
