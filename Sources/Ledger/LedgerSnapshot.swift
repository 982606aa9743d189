import OutcomeModel

/// What one mainline change replaced: each path it touched, with the file before it (nil: absent).
struct UndoStep: Sendable {
  var mainline: Int
  var files: [(path: String, lines: FileLines?)]
}

extension LineLedger {
  /// The ledger after a pass, as the incremental cache keeps it: enough to go on with new commits as if
  /// the whole history had been read again.
  public struct Snapshot: Sendable {
    var persons: [Int32]
    var mergeCommits: [Bool]
    var changes: [ChangeLines]
    var sideRemovers: [UInt32: Int32]
    var tipFiles: [String: FileLines]
    /// Oldest first; contiguous mainline indexes ending at the newest change.
    var undo: [UndoStep]
    var unknownFileVersions: Int
    var misfitDiffs: Int
    /// The mainline's line hashes when the ledger counts copy-pasted lines.
    var copies: CopyIndex?

    /// Commits of the graph the snapshot has seen.
    public var commitCount: Int { persons.count }
    public var changeCount: Int { changes.count }
  }

  /// Why a snapshot cannot go on with the new commits; the caller rebuilds from scratch.
  public struct ResumeError: Error, CustomStringConvertible {
    public let description: String
  }

  /// Commits applied so far, counting those of the snapshot it resumed from.
  public var commitCount: Int { persons.count }

  func remember(_ commit: CommitDiffs, replacing files: FileTable) {
    var touched: [(path: String, lines: FileLines?)] = []
    var seen = Set<String>()
    for file in commit.change.files {
      for path in [file.oldPath, file.newPath].compactMap({ $0 }) where seen.insert(path).inserted {
        touched.append((path, files[path]))
      }
    }
    undo.append(UndoStep(mainline: commit.mainlineIndex!, files: touched))
    // Trimmed in bulk: removing one step per change would move the whole array every time.
    if undo.count >= 2 * configuration.undoDepth {
      undo.removeFirst(undo.count - configuration.undoDepth)
    }
  }

  /// The state to keep; needs `undoDepth > 0` in the configuration.
  public func snapshot() -> Snapshot {
    Snapshot(
      persons: persons, mergeCommits: mergeCommits, changes: changes, sideRemovers: sideRemovers,
      tipFiles: tipFiles.dictionary, undo: Array(undo.suffix(configuration.undoDepth)),
      unknownFileVersions: unknownFileVersions, misfitDiffs: misfitDiffs,
      copies: configuration.copies ? copyIndex : nil)
  }

  /// A ledger that goes on from `snapshot`. `needed` maps each earlier graph position that new commits
  /// start from to how many of them do; `mainlineIndex` says which mainline change a position is.
  public convenience init(
    configuration: LedgerConfiguration, resuming snapshot: Snapshot, needed: [Int: Int],
    mainlineIndex: (Int) -> Int?
  ) throws(ResumeError) {
    self.init(configuration: configuration)
    persons = snapshot.persons
    mergeCommits = snapshot.mergeCommits
    changes = snapshot.changes
    sideRemovers = snapshot.sideRemovers
    tipFiles = FileTable(numbers: pathNumbers, snapshot.tipFiles)
    undo = snapshot.undo
    unknownFileVersions = snapshot.unknownFileVersions
    misfitDiffs = snapshot.misfitDiffs
    if configuration.copies {
      guard let copies = snapshot.copies else {
        throw ResumeError(description: "the cached ledger did not count copy-pasted lines")
      }
      copyIndex = copies
    }
    let oldest = snapshot.undo.first?.mainline ?? snapshot.changes.count
    for (position, children) in needed {
      guard let index = mainlineIndex(position) else {
        throw ResumeError(
          description: "new commits build on a branch commit merged earlier, whose line state is not kept")
      }
      // Undoing change k gives the state of change k - 1, so steps down to index + 1 must be kept.
      guard index + 1 >= oldest else {
        throw ResumeError(
          description:
            "a new branch starts from a change \(snapshot.changes.count - 1 - index) changes back; the cache keeps line states for the last \(snapshot.undo.count)"
        )
      }
      var files = tipFiles
      for step in snapshot.undo.reversed() where step.mainline > index {
        for (path, lines) in step.files { files[path] = lines }
      }
      states[position] = TreeState(files: files, remaining: children)
    }
  }
}

// MARK: - Bytes

extension LineLedger.Snapshot {
  public func encoded() -> [UInt8] {
    var writer = BinaryWriter(capacity: persons.count * 4 + changes.count * 32 + tipFiles.count * 64)
    writer.write(UInt64(persons.count))
    for (person, merge) in zip(persons, mergeCommits) {
      writer.write(Int(person))
      writer.write(merge)
    }
    writer.write(UInt64(changes.count))
    for change in changes { change.encode(to: &writer) }
    writer.write(UInt64(sideRemovers.count))
    for (origin, person) in sideRemovers.sorted(by: { $0.key < $1.key }) {
      writer.write(UInt64(origin))
      writer.write(Int(person))
    }
    writer.write(UInt64(tipFiles.count))
    for (path, lines) in tipFiles.sorted(by: { $0.key < $1.key }) {
      writer.write(path)
      lines.encode(to: &writer)
    }
    writer.write(UInt64(undo.count))
    for step in undo {
      writer.write(step.mainline)
      writer.write(UInt64(step.files.count))
      for (path, lines) in step.files {
        writer.write(path)
        writer.write(lines != nil)
        lines?.encode(to: &writer)
      }
    }
    writer.write(unknownFileVersions)
    writer.write(misfitDiffs)
    writer.write(copies != nil)
    copies?.encode(to: &writer)
    return writer.bytes
  }

  public init(decoding bytes: [UInt8]) throws(BinaryReader.Truncated) {
    var reader = BinaryReader(bytes)
    let commitCount = try reader.readCount()
    persons = []
    mergeCommits = []
    persons.reserveCapacity(commitCount)
    mergeCommits.reserveCapacity(commitCount)
    for _ in 0..<commitCount {
      persons.append(Int32(truncatingIfNeeded: try reader.readInt()))
      mergeCommits.append(try reader.readBool())
    }
    let changeCount = try reader.readCount()
    changes = []
    changes.reserveCapacity(changeCount)
    for _ in 0..<changeCount { changes.append(try ChangeLines(from: &reader)) }
    sideRemovers = [:]
    for _ in 0..<(try reader.readCount()) {
      let origin = UInt32(truncatingIfNeeded: try reader.readUInt64())
      sideRemovers[origin] = Int32(truncatingIfNeeded: try reader.readInt())
    }
    tipFiles = [:]
    let fileCount = try reader.readCount()
    tipFiles.reserveCapacity(fileCount)
    for _ in 0..<fileCount {
      let path = try reader.readString()
      tipFiles[path] = try FileLines(from: &reader)
    }
    undo = []
    for _ in 0..<(try reader.readCount()) {
      let mainline = try reader.readInt()
      var files: [(path: String, lines: FileLines?)] = []
      for _ in 0..<(try reader.readCount()) {
        let path = try reader.readString()
        files.append((path, try reader.readBool() ? try FileLines(from: &reader) : nil))
      }
      undo.append(UndoStep(mainline: mainline, files: files))
    }
    unknownFileVersions = try reader.readInt()
    misfitDiffs = try reader.readInt()
    copies = try reader.readBool() ? try CopyIndex(from: &reader) : nil
  }
}

extension FileLines {
  func encode(to writer: inout BinaryWriter) {
    writer.write(known)
    let runs = mergedRuns
    writer.write(UInt64(runs.count))
    for run in runs {
      // Stored plus one, so the "unknown" and "not landed" markers (UInt32.max) become a single zero byte.
      writer.write(UInt64(run.origin &+ 1))
      writer.write(UInt64(run.landing &+ 1))
      writer.write(UInt64(run.count))
      // A varint of flags: older caches wrote the AI flag alone as one 0/1 byte, which reads the same.
      writer.write(UInt64((run.ai ? 1 : 0) | (run.copy ? 2 : 0)))
    }
  }

  init(from reader: inout BinaryReader) throws(BinaryReader.Truncated) {
    let known = try reader.readBool()
    let count = try reader.readCount()
    var runs: [LineRun] = []
    runs.reserveCapacity(min(count, 1 << 20))
    for _ in 0..<count {
      let origin = UInt32(truncatingIfNeeded: try reader.readUInt64()) &- 1
      let landing = UInt32(truncatingIfNeeded: try reader.readUInt64()) &- 1
      let lines = UInt32(truncatingIfNeeded: try reader.readUInt64())
      let flags = try reader.readUInt64()
      runs.append(
        LineRun(origin: origin, landing: landing, count: lines, ai: flags & 1 != 0, copy: flags & 2 != 0))
    }
    self.init(runs: runs)
    self.known = known
  }
}

extension ChangeLines {
  func encode(to writer: inout BinaryWriter) {
    writer.write(time)
    writer.write(person)
    writer.write(owned)
    writer.write(aiOwned)
    writer.write(UInt64(deaths.count))
    for (day, count) in deaths.sorted(by: { $0.key < $1.key }) {
      writer.write(day)
      writer.write(count.own)
      writer.write(count.others)
    }
    writer.write(aiDeaths)
    writer.write(filesChanged)
    writer.write(UInt64(blamed.count))
    for (index, lines) in blamed.sorted(by: { $0.key < $1.key }) {
      writer.write(index)
      writer.write(lines)
    }
    writer.write(removedLines)
    // A resumed run must give earlier changes the moved and copied lines a full reading finds.
    writer.write(linesMoved)
    writer.write(linesCopied)
  }

  init(from reader: inout BinaryReader) throws(BinaryReader.Truncated) {
    self.init(time: try reader.readInt64(), person: try reader.readInt())
    owned = try reader.readInt()
    aiOwned = try reader.readInt()
    for _ in 0..<(try reader.readCount()) {
      let day = try reader.readInt()
      deaths[day] = DeathCount(own: try reader.readInt(), others: try reader.readInt())
    }
    aiDeaths = try reader.readInt()
    filesChanged = try reader.readInt()
    for _ in 0..<(try reader.readCount()) {
      let index = try reader.readInt()
      blamed[index] = try reader.readInt()
    }
    removedLines = try reader.readInt()
    linesMoved = try reader.readInt()
    linesCopied = try reader.readInt()
  }
}
