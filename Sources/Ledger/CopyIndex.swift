import OutcomeModel

/// Copy-pasted lines on the mainline (GitClear's metric): added lines that repeat, after white space is
/// removed, a block of at least `width` non-blank lines that existed elsewhere at the first parent and
/// still exists after the change.
///
/// It keeps the whitespace-free hash of every line of every followed file of the mainline's newest state
/// and a multiset of the hashes of every window of `width` consecutive non-blank lines of a file: memory in
/// proportion to the live code, not to history. A change updates only the windows around its hunks (the
/// `width - 1` non-blank lines on either side); the rest of a file is neither read nor hashed.
public struct CopyIndex: Sendable {
  /// Non-blank lines a block must have to count as a copy.
  public static let width = 5

  /// Per followed file, one value per line: its whitespace-free hash, `blank` for blank lines.
  fileprivate var files: [String: [UInt64]] = [:]
  /// Files whose lines cannot be followed (binary, missing blob, a diff that did not fit).
  fileprivate var unknown: Set<String> = []
  /// How often each window hash occurs in the live code.
  private var windows = WindowCounts()
  /// Diffs whose hunks did not fit the lines the index knew; those files are left out from there on.
  public fileprivate(set) var misfitDiffs = 0

  // Scratch of one change, kept between changes for their capacity.
  private var addedWindows: [UInt64] = []
  private var removedWindows: [UInt64] = []
  /// Windows made only of lines the change added: their hash and the id of their first line.
  private var candidates: [(hash: UInt64, first: Int32)] = []
  private var nextLineID: Int32 = 0
  private var sequence: [UInt64] = []
  /// Per element of `sequence`: the id of a line the change added, or -1 for a line it kept.
  private var sequenceIDs: [Int32] = []

  static let blank: UInt64 = 0

  public init() {}

  /// Applies one mainline change's diff against its first parent and returns how many lines it added are
  /// copies. `counts` is the ledger's path decision; files it rejects are left out, as the ledger does.
  public mutating func apply(_ diffs: [FileDiff], counts: (String) -> Bool) -> Int {
    addedWindows.removeAll(keepingCapacity: true)
    removedWindows.removeAll(keepingCapacity: true)
    candidates.removeAll(keepingCapacity: true)
    nextLineID = 0
    for file in diffs {
      apply(file, counts: counts)
    }
    return copiedLines()
  }

  /// Windows the last change took out of or put into the index, for tests of locality.
  var touchedWindows: Int { addedWindows.count + removedWindows.count }

  /// Window hashes with how often each occurs, for tests.
  var windowCounts: [UInt64: Int32] { windows.dictionary }

  /// The stored lines of a file, for tests.
  func lines(of path: String) -> [UInt64]? { files[path] }

  // MARK: - Files

  private mutating func apply(_ file: FileDiff, counts: (String) -> Bool) {
    // Take the old version: it leaves its path when renamed or deleted, and when modified in place it
    // comes back under the same path. Its windows are in the index unless it is the source of a copy.
    var base: [UInt64]?
    var baseIndexed = false
    var baseUnknown = false
    if let oldPath = file.oldPath {
      if file.kind == .renamed || file.kind == .deleted || oldPath == file.newPath {
        base = files.removeValue(forKey: oldPath)
        baseIndexed = base != nil
        baseUnknown = unknown.remove(oldPath) != nil
      } else {
        base = files[oldPath]
        baseUnknown = unknown.contains(oldPath)
      }
    }
    if file.kind == .added {
      if baseIndexed, let base { remove(all: base) }
      base = nil
      baseIndexed = false
      baseUnknown = false
    }
    guard let newPath = file.newPath else {
      if baseIndexed, let base { remove(all: base) }
      return
    }
    if let replaced = files.removeValue(forKey: newPath) { remove(all: replaced) }
    unknown.remove(newPath)
    guard counts(newPath), LineLedger.holdsLines(file.newMode) else {
      if baseIndexed, let base { remove(all: base) }
      return
    }
    guard !file.isBinary, !file.isMissing, !baseUnknown else {
      if baseIndexed, let base { remove(all: base) }
      unknown.insert(newPath)
      return
    }
    var lines = base ?? []
    // One owner, so the edits below change the lines in place instead of copying the file.
    base = nil
    if !baseIndexed { add(all: lines) }
    let hunks = file.hunks.count > 1 ? file.hunks.sorted { $0.oldStart < $1.oldStart } : file.hunks
    guard fits(hunks, lines: lines) else {
      remove(all: lines)
      unknown.insert(newPath)
      misfitDiffs += 1
      return
    }
    update(&lines, hunks: hunks)
    files[newPath] = lines
  }

  /// Whether the hunks fit `lines` and carry the hashes of their added lines; removed
  /// lines, when their hashes came along, must be the lines the index holds there.
  private func fits(_ hunks: [Hunk], lines: [UInt64]) -> Bool {
    let lineCount = lines.count
    var settled = 0
    for hunk in hunks {
      let start = Self.oldIndex(hunk)
      guard start >= settled, start + hunk.oldCount <= lineCount, hunk.added.count == hunk.newCount else {
        return false
      }
      if hunk.removed.count == hunk.oldCount {
        for (offset, line) in hunk.removed.enumerated() where lines[start + offset] != Self.value(line) {
          return false
        }
      }
      settled = start + hunk.oldCount
    }
    return true
  }

  /// 0-based index of the first old line a hunk replaces (or of the line its insertion goes before).
  static func oldIndex(_ hunk: Hunk) -> Int { hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart - 1 }

  static func value(_ line: DiffLine) -> UInt64 {
    guard !line.isBlank else { return blank }
    // 0 marks blank lines; a real line hashing to 0 shares a value with one other hash instead.
    return line.whitespaceFreeHash == blank ? 1 : line.whitespaceFreeHash
  }

  // MARK: - Local updates

  /// Replaces the windows around each group of hunks and then the lines themselves. Hunks closer than
  /// `width - 1` non-blank lines share windows, so they are handled as one group.
  private mutating func update(_ lines: inout [UInt64], hunks: [Hunk]) {
    guard !hunks.isEmpty else { return }
    let context = Self.width - 1
    var first = 0
    while first < hunks.count {
      var last = first
      while last + 1 < hunks.count {
        let gapStart = Self.oldIndex(hunks[last]) + hunks[last].oldCount
        let gapEnd = Self.oldIndex(hunks[last + 1])
        guard Self.nonBlank(lines, gapStart..<gapEnd, atMost: context) < context else { break }
        last += 1
      }
      replaceWindows(in: lines, hunks: hunks[first...last])
      first = last + 1
    }
    if hunks.count == 1, let hunk = hunks.first {
      let start = Self.oldIndex(hunk)
      lines.replaceSubrange(start..<start + hunk.oldCount, with: hunk.added.lazy.map(Self.value))
      return
    }
    var rebuilt: [UInt64] = []
    rebuilt.reserveCapacity(lines.count + hunks.reduce(0) { $0 + $1.newCount - $1.oldCount })
    var settled = 0
    for hunk in hunks {
      let start = Self.oldIndex(hunk)
      rebuilt.append(contentsOf: lines[settled..<start])
      rebuilt.append(contentsOf: hunk.added.lazy.map(Self.value))
      settled = start + hunk.oldCount
    }
    rebuilt.append(contentsOf: lines[settled...])
    lines = rebuilt
  }

  private static func nonBlank(_ lines: [UInt64], _ range: Range<Int>, atMost limit: Int) -> Int {
    var found = 0
    for index in range where lines[index] != blank {
      found += 1
      if found == limit { break }
    }
    return found
  }

  /// Takes out the windows of the old lines around a group of hunks and puts in those of the new lines.
  private mutating func replaceWindows(in lines: [UInt64], hunks: ArraySlice<Hunk>) {
    let context = Self.width - 1
    let start = Self.oldIndex(hunks.first!)
    let end = Self.oldIndex(hunks.last!) + hunks.last!.oldCount
    // Up to `context` non-blank lines on each side, which no hunk of the group touches.
    var from = start
    var found = 0
    while from > 0, found < context {
      from -= 1
      if lines[from] != Self.blank { found += 1 }
    }
    var to = end
    found = 0
    while to < lines.count, found < context {
      if lines[to] != Self.blank { found += 1 }
      to += 1
    }

    sequence.removeAll(keepingCapacity: true)
    for index in from..<to where lines[index] != Self.blank { sequence.append(lines[index]) }
    for offset in windowOffsets { removeWindow(Self.hash(sequence, at: offset)) }

    sequence.removeAll(keepingCapacity: true)
    sequenceIDs.removeAll(keepingCapacity: true)
    func keep(_ range: Range<Int>) {
      for index in range where lines[index] != Self.blank {
        sequence.append(lines[index])
        sequenceIDs.append(-1)
      }
    }
    keep(from..<start)
    var settled = start
    for hunk in hunks {
      keep(settled..<Self.oldIndex(hunk))
      for line in hunk.added where !line.isBlank {
        sequence.append(Self.value(line))
        sequenceIDs.append(nextLineID)
        nextLineID += 1
      }
      settled = Self.oldIndex(hunk) + hunk.oldCount
    }
    keep(end..<to)
    for offset in windowOffsets {
      let hash = Self.hash(sequence, at: offset)
      addWindow(hash)
      if sequenceIDs[offset] >= 0, sequenceIDs[offset + Self.width - 1] >= 0 {
        // Ids grow by one along added lines, so first and last added means all added.
        if sequenceIDs[offset + Self.width - 1] - sequenceIDs[offset] == Int32(Self.width - 1) {
          candidates.append((hash, sequenceIDs[offset]))
        }
      }
    }
  }

  /// Start offsets of the windows of `sequence`.
  private var windowOffsets: Range<Int> { 0..<max(0, sequence.count - Self.width + 1) }

  static func hash(_ values: [UInt64], at offset: Int) -> UInt64 {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
    for index in offset..<offset + width {
      hash = (hash ^ values[index]) &* 0xBF58_476D_1CE4_E5B9
      hash ^= hash >> 31
    }
    return hash
  }

  // MARK: - Whole files

  fileprivate mutating func add(all lines: [UInt64]) {
    load(nonBlank: lines)
    for offset in windowOffsets { addWindow(Self.hash(sequence, at: offset)) }
  }

  private mutating func remove(all lines: [UInt64]) {
    load(nonBlank: lines)
    for offset in windowOffsets { removeWindow(Self.hash(sequence, at: offset)) }
  }

  private mutating func load(nonBlank lines: [UInt64]) {
    sequence.removeAll(keepingCapacity: true)
    for value in lines where value != Self.blank { sequence.append(value) }
  }

  // MARK: - The multiset

  private mutating func addWindow(_ hash: UInt64) {
    windows.add(hash)
    addedWindows.append(hash)
  }

  private mutating func removeWindow(_ hash: UInt64) {
    if windows.remove(hash) { removedWindows.append(hash) }
  }

  /// Lines in candidate windows whose block existed at the first parent and still exists beyond the copies
  /// this change made.
  private func copiedLines() -> Int {
    // Most new code is unique: a window that occurs once now is the one the change put there.
    let repeated = candidates.filter { windows[$0.hash] > 1 }
    guard !repeated.isEmpty else { return 0 }
    var madeHere: [UInt64: Int32] = [:]
    for candidate in repeated { madeHere[candidate.hash, default: 0] += 1 }
    var survivors: [UInt64: Int32] = [:]
    for (hash, made) in madeHere where windows[hash] > made {
      survivors[hash] = 0
    }
    guard !survivors.isEmpty else { return 0 }
    // Net windows this change added per surviving hash: the count at the first parent is the rest.
    for hash in addedWindows where survivors[hash] != nil { survivors[hash]! += 1 }
    for hash in removedWindows where survivors[hash] != nil { survivors[hash]! -= 1 }
    var copied = [Bool](repeating: false, count: Int(nextLineID))
    for candidate in repeated {
      guard let net = survivors[candidate.hash], windows[candidate.hash] - net > 0 else { continue }
      for id in candidate.first..<candidate.first + Int32(Self.width) { copied[Int(id)] = true }
    }
    return copied.reduce(0) { $0 + ($1 ? 1 : 0) }
  }
}

// MARK: - Bytes

extension CopyIndex {
  /// The lines of every file, for the incremental cache; the windows are rebuilt from them.
  func encode(to writer: inout BinaryWriter) {
    writer.write(UInt64(files.count))
    for (path, lines) in files.sorted(by: { $0.key < $1.key }) {
      writer.write(path)
      writer.write(UInt64(lines.count))
      // Hashes are random bits, so fixed eight bytes beat the writer's variable-length integers.
      lines.withUnsafeBytes { writer.write(raw: Array($0)) }
    }
    writer.write(UInt64(unknown.count))
    for path in unknown.sorted() { writer.write(path) }
    writer.write(misfitDiffs)
  }

  init(from reader: inout BinaryReader) throws(BinaryReader.Truncated) {
    self.init()
    for _ in 0..<(try reader.readCount()) {
      let path = try reader.readString()
      let count = try reader.readCount()
      let raw = try reader.readRaw(count * 8)
      let lines = raw.withUnsafeBytes { buffer in
        (0..<count).map {
          UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))
        }
      }
      add(all: lines)
      files[path] = lines
    }
    for _ in 0..<(try reader.readCount()) { unknown.insert(try reader.readString()) }
    misfitDiffs = try reader.readInt()
  }
}
