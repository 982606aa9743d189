import OutcomeModel

// Over 400 lines on purpose: the per-commit step (first parent, other parents, renames, deaths) is one
// algorithm whose invariants are easier to check when read in one place.

/// Follows the origin of every line over the whole commit graph in one pass, as `git blame` would give it.
///
/// Feed it every commit parents-first (`HistoryMiner.mine(_: GraphPlan)`). A commit starts from its first
/// parent's file states and applies its diff; a merge's lines that are new against the first parent take
/// their origin from the first other parent that has them unchanged (blame's rule), so only lines truly
/// new in the merge originate there. A commit's state is dropped once its last child has used it; files
/// are copy-on-write, so commits share unchanged files.
///
/// On the mainline it also keeps what the outcomes need: which change landed each line, when each landed
/// line left the mainline and whether its own author removed it, and for fix changes which changes own
/// the lines they removed (SZZ).
public final class LineLedger {
  struct TreeState {
    var files: FileTable
    var remaining: Int
  }

  public let configuration: LedgerConfiguration
  var states: [Int: TreeState] = [:]
  private var kept: [Int: FileTable] = [:]
  /// Path numbers shared by every file table of this ledger.
  let pathNumbers = PathNumbers()
  var persons: [Int32] = []
  var mergeCommits: [Bool] = []
  /// By mainline index.
  public internal(set) var changes: [ChangeLines] = []
  /// The newest mainline change's files and, for the last changes, what each one replaced: a later run
  /// rebuilds from these the state of any recent mainline commit a new branch starts from.
  lazy var tipFiles = FileTable(numbers: pathNumbers)
  var undo: [UndoStep] = []
  /// The last branch commit that removed lines of an origin: who reworked them before a merge landed.
  var sideRemovers: [UInt32: Int32] = [:]
  private let releaseIndex: [Int: Int]
  public private(set) var releases: [ReleaseCount]
  /// File versions whose lines cannot be followed: binary, or their blob is missing.
  public internal(set) var unknownFileVersions = 0
  /// Diffs whose hunks did not fit the file's known lines; the file's lines are unknown from there on.
  /// Should stay 0; anything else is worth a bug report.
  public internal(set) var misfitDiffs = 0
  /// The mainline's lines as hashes, for copy-pasted lines (`LedgerConfiguration.copies`).
  var copyIndex = CopyIndex()

  public init(configuration: LedgerConfiguration = LedgerConfiguration()) {
    self.configuration = configuration
    pathDecisions = PathDecisions(configuration.paths)
    releases = configuration.releases.map { ReleaseCount(position: $0.position) }
    releaseIndex = Dictionary(
      configuration.releases.enumerated().map { ($1.position, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// Applies the next commit of the graph. Commits must arrive in graph order, parents first.
  public func apply(_ commit: CommitDiffs, facts: CommitFacts) {
    let position = commit.position
    precondition(position == persons.count, "commits must arrive in graph order")
    persons.append(Int32(truncatingIfNeeded: facts.person))
    mergeCommits.append(commit.parentPositions.count > 1)
    if let mainline = commit.mainlineIndex {
      precondition(mainline == changes.count, "mainline changes must arrive in order")
      var lines = ChangeLines(time: commit.change.commit.committer.time, person: facts.person)
      lines.filesChanged = commit.change.files.count
      changes.append(lines)
    }

    var files = takeFiles(of: commit.parentPositions.first ?? -1)
    var context = CommitContext(
      position: UInt32(position), mainline: commit.mainlineIndex, time: commit.change.commit.committer.time,
      facts: facts)
    if commit.change.files.contains(where: { !$0.moves.isEmpty }) {
      // Moved lines take their origins from the first parent's files as they were before this commit.
      context.parentFiles = files
      let removals = SourceRemovals(commit.change.files)
      context.removals = removals
      if facts.isFix {
        for file in commit.change.files {
          for move in file.moves {
            for line in move.sourceStart..<(move.sourceStart + move.count)
            where removals.removes(path: move.sourcePath, line: line) {
              context.movedAway[move.sourcePath, default: []].insert(line)
            }
          }
        }
      }
    }
    if commit.parentPositions.count > 1 {
      context.others = zip(commit.parentPositions.dropFirst(), commit.otherParentDiffs).map { parent, diffs in
        OtherParent(files: parent >= 0 ? states[parent]?.files : nil, diffs: diffs)
      }
    }
    if commit.mainlineIndex != nil, configuration.undoDepth > 0 {
      remember(commit, replacing: files)
    }
    for file in commit.change.files {
      apply(file, to: &files, context: &context)
    }
    if commit.mainlineIndex != nil, !context.cancelled.isEmpty {
      dropEmptyDeaths(of: context.cancelled)
    }
    if commit.mainlineIndex != nil, configuration.undoDepth > 0 {
      tipFiles = files
    }
    for parent in commit.parentPositions.dropFirst() where parent >= 0 {
      releaseState(of: parent)
    }
    if let release = releaseIndex[position] {
      count(release: release, in: files)
    }
    if configuration.keptStates.contains(position) {
      kept[position] = files
    }
    if commit.childCount > 0 {
      states[position] = TreeState(files: files, remaining: commit.childCount)
    }
    if configuration.copies, let mainline = commit.mainlineIndex {
      changes[mainline].linesCopied = copyIndex.apply(commit.change.files) { counts($0) }
    }
  }

  /// One line's origin as `git blame` would give it, and the mainline change that landed it.
  public struct LineOrigin: Hashable, Sendable {
    /// Graph position of the commit that wrote the line.
    public var origin: Int
    /// Mainline index of the change that landed it; nil while it is only on a branch.
    public var landing: Int?
    public var ai: Bool
  }

  /// Every line of every followed file at a kept commit (see `LedgerConfiguration.keptStates`); files whose
  /// lines are unknown (binary, missing blob) are left out.
  public func lines(at position: Int) -> [String: [LineOrigin]]? {
    kept[position].map(Self.origins)
  }

  /// One origin per line of each known file of a state.
  static func origins(_ files: FileTable) -> [String: [LineOrigin]] {
    files.dictionary.compactMapValues { lines in
      guard lines.known else { return nil }
      return lines.runs.flatMap { run in
        repeatElement(
          LineOrigin(
            origin: run.origin == LineRun.unknown ? -1 : Int(run.origin),
            landing: run.landing == LineRun.notLanded ? nil : Int(run.landing), ai: run.ai),
          count: Int(run.count))
      }
    }
  }

  // MARK: - States

  /// The first parent's files; the state itself is dropped (not copied) when this is its last child.
  private func takeFiles(of parent: Int) -> FileTable {
    guard parent >= 0, var state = states[parent] else { return FileTable(numbers: pathNumbers) }
    state.remaining -= 1
    if state.remaining == 0 {
      return states.removeValue(forKey: parent)?.files ?? FileTable(numbers: pathNumbers)
    }
    states[parent]!.remaining = state.remaining
    return state.files
  }

  private func releaseState(of parent: Int) {
    guard let remaining = states[parent]?.remaining else { return }
    if remaining <= 1 {
      states.removeValue(forKey: parent)
    } else {
      states[parent]!.remaining = remaining - 1
    }
  }

  private func count(release: Int, in files: FileTable) {
    let inRange = configuration.releases[release].inRange
    var counted = releases[release]
    files.forEach { _, lines in
      guard lines.known else { return }
      for run in lines.runs where run.origin != LineRun.unknown && Int(run.origin) < inRange.count {
        guard inRange[Int(run.origin)] else { continue }
        counted.lines += Int(run.count)
        if run.ai { counted.aiLines += Int(run.count) }
      }
    }
    releases[release] = counted
  }

  // MARK: - Files

  struct OtherParent {
    var files: FileTable?
    var diffs: [FileDiff]
    /// Lazily built: this parent's diff entries by new path.
    var byNewPath: [String: FileDiff]?
  }

  struct CommitContext {
    var position: UInt32
    var mainline: Int?
    var time: Int64
    var facts: CommitFacts
    var others: [OtherParent] = []
    /// The first parent's files, kept only when the diff has moves to look their sources up in.
    var parentFiles: FileTable?
    var removals: SourceRemovals?
    /// Landing changes whose deaths a move cancelled in this commit.
    var cancelled: Set<Int> = []
    /// For fixes: old lines by first-parent path that this commit moved elsewhere (not bug-inducing).
    var movedAway: [String: Set<Int>] = [:]

    var landing: UInt32 { mainline.map { UInt32($0) } ?? LineRun.notLanded }
  }

  private func apply(_ file: FileDiff, to files: inout FileTable, context: inout CommitContext) {
    let old = file.oldPath.flatMap { files[$0] }
    if file.kind == .renamed || file.kind == .deleted, let oldPath = file.oldPath {
      files.removeValue(forKey: oldPath)
    }
    // A file a merge off the mainline has exactly as another parent has it (or lacks, as that parent
    // does): blame hands that parent the whole file, and the merge itself wrote and removed nothing.
    let donor = file.takenFromParent
    guard let newPath = file.newPath else {
      if donor == nil, let old, old.known { remove(all: old, file: file, context: context) }
      return
    }
    guard counts(newPath), Self.holdsLines(file.newMode) else {
      files.removeValue(forKey: newPath)
      return
    }
    if let donor {
      let donorFiles = donor - 1 < context.others.count ? context.others[donor - 1].files : nil
      files[newPath] = donorFiles?[newPath] ?? .unknown
      return
    }
    if file.isBinary || file.isMissing {
      // A text file replaced by a binary one lost its lines; a missing blob says nothing either way.
      if file.isBinary, let old, old.known { remove(all: old, file: file, context: context) }
      files[newPath] = .unknown
      unknownFileVersions += 1
      return
    }
    let base: FileLines
    if let old, file.kind != .added {
      guard old.known else {
        files[newPath] = .unknown
        return
      }
      base = old
    } else {
      base = FileLines()
    }
    if let applied = applyHunks(of: file, to: base, path: newPath, context: &context) {
      files[newPath] = applied
    } else {
      files[newPath] = .unknown
      misfitDiffs += 1
    }
  }

  /// Which paths it follows, cached: the same paths come back commit after commit, and the miner's
  /// workers ask the same cache which files to search for moves.
  public let pathDecisions: PathDecisions

  private func counts(_ path: String) -> Bool { pathDecisions.includes(path) }

  /// Regular files and symlinks hold lines; submodules and trees do not.
  static func holdsLines(_ mode: UInt32) -> Bool {
    let type = mode & 0o170000
    return type == 0o100000 || type == 0o120000
  }

  private func remove(all old: FileLines, file: FileDiff, context: CommitContext) {
    let removed = file.hunks.flatMap(\.removed)
    var tracker = RemovalTracker(
      lines: removed, addedWhitespaceFree: [], movedAway: file.oldPath.flatMap { context.movedAway[$0] } ?? []
    )
    for piece in old.runs { died(piece, context: context, tracker: &tracker) }
  }

  /// Builds the new version of a file from its old version and zero-context hunks; nil when the hunks do
  /// not fit the old version (the file's lines are then unknown from here on).
  private func applyHunks(
    of file: FileDiff, to base: FileLines, path: String, context: inout CommitContext
  ) -> FileLines? {
    var out = base
    let sources = LineSources(path: path, moves: file.moves, context: &context, ledger: self)
    var origins = sources
    let addedWhitespaceFree =
      context.facts.isFix
      ? Set(file.hunks.flatMap { $0.added.lazy.filter { !$0.isBlank }.map(\.whitespaceFreeHash) }) : []
    // Old lines before `settled` are already placed; `shift` is new minus old line number past them.
    var settled = 0
    var shift = 0
    var inserted: [LineRun] = []
    for hunk in file.hunks.sorted(by: { $0.oldStart < $1.oldStart }) {
      let oldIndex = hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart - 1
      guard oldIndex >= settled, oldIndex + hunk.oldCount <= base.lineCount else { return nil }
      inserted.removeAll(keepingCapacity: true)
      for offset in 0..<hunk.newCount {
        let run = origins.run(forAddedLine: hunk.newStart + offset)
        inserted.appendMerging(run)
        if let mainline = context.mainline {
          if run.landing == context.landing {
            changes[mainline].owned += 1
            if run.ai { changes[mainline].aiOwned += 1 }
          } else {
            changes[mainline].linesMoved += 1
            // A moved line did not die where it was removed: it lives on here.
            if !run.copy, let source = origins.movedSourceRun { cancelDeath(of: source, context: &context) }
          }
        }
      }
      var tracker = RemovalTracker(
        lines: hunk.removed, addedWhitespaceFree: addedWhitespaceFree, oldStart: hunk.oldStart,
        movedAway: file.oldPath.flatMap { context.movedAway[$0] } ?? [])
      out.replace(at: oldIndex + shift, removing: hunk.oldCount, with: inserted) { piece in
        died(piece, context: context, tracker: &tracker)
      }
      settled = oldIndex + hunk.oldCount
      shift += hunk.newCount - hunk.oldCount
    }
    if let identical = origins.identicalParentLines {
      // Blame gives the whole file to a parent whose version is identical; landings stay the mainline's.
      return Self.overlay(landings: out, origins: identical)
    }
    return out
  }

  /// Lines of `landings` with origins and AI flags taken line by line from `origins` (same length).
  static func overlay(landings: FileLines, origins: FileLines) -> FileLines {
    guard landings.lineCount == origins.lineCount else { return landings }
    // Usually both parents agree on every origin (the lines predate the fork); then the first parent's
    // file stands as is and keeps sharing its chunks, instead of a fresh copy per merge.
    if sameOrigins(landings, origins) { return landings }
    var out: [LineRun] = []
    alignRuns(landings, origins) { x, y, step in
      out.appendMerging(LineRun(origin: y.origin, landing: x.landing, count: step, ai: y.ai, copy: x.copy))
      return true
    }
    return FileLines(runs: out)
  }

  /// Whether two files of the same length give every line the same origin and AI flag.
  static func sameOrigins(_ first: FileLines, _ second: FileLines) -> Bool {
    alignRuns(first, second) { x, y, _ in x.origin == y.origin && x.ai == y.ai }
  }

  /// Walks the runs of two files of the same length side by side: `body` gets each stretch of lines where
  /// neither run changes, with its length, and stops the walk by returning false (then so does this).
  @discardableResult
  static func alignRuns(
    _ first: FileLines, _ second: FileLines, _ body: (LineRun, LineRun, UInt32) -> Bool
  ) -> Bool {
    var left = first.runs.makeIterator()
    var right = second.runs.makeIterator()
    var a = left.next()
    var b = right.next()
    while var x = a, var y = b {
      let step = min(x.count, y.count)
      guard body(x, y, step) else { return false }
      x.count -= step
      y.count -= step
      a = x.count == 0 ? left.next() : x
      b = y.count == 0 ? right.next() : y
    }
    return true
  }

  // MARK: - Deaths

  /// Follows the removed lines of one hunk so SZZ can skip blank, comment and whitespace-only lines.
  struct RemovalTracker {
    let lines: [DiffLine]
    let addedWhitespaceFree: Set<UInt64>
    /// 1-based old line number of the first removed line, and the old lines this commit moved elsewhere
    /// (a fix that moves code did not remove it).
    var oldStart = 1
    var movedAway: Set<Int> = []
    var next = 0

    /// Whether the next removed line is one SZZ may blame; advances by one line.
    mutating func nextIsBlameable() -> Bool {
      defer { next += 1 }
      if movedAway.contains(oldStart + next) { return false }
      guard next < lines.count else { return true }
      let line = lines[next]
      return !line.isBlank && !line.isComment && !addedWhitespaceFree.contains(line.whitespaceFreeHash)
    }
  }

  private func died(_ piece: LineRun, context: CommitContext, tracker: inout RemovalTracker) {
    guard let mainline = context.mainline else {
      if piece.origin != LineRun.unknown {
        sideRemovers[piece.origin] = persons[Int(context.position)]
      }
      return
    }
    if context.facts.isFix {
      changes[mainline].removedLines += Int(piece.count)
      for _ in 0..<piece.count where tracker.nextIsBlameable() {
        // MA-SZZ: lines written by a merge (conflict resolutions) are not bug-inducing candidates.
        guard piece.landing != LineRun.notLanded, piece.origin != LineRun.unknown,
          !mergeCommits[Int(piece.origin)]
        else { continue }
        changes[mainline].blamed[Int(piece.landing), default: 0] += 1
      }
    }
    guard piece.landing != LineRun.notLanded, Int(piece.landing) < changes.count, !piece.copy else { return }
    record(deaths: Int(piece.count), of: piece, context: context)
  }

  /// Adds `count` deaths (negative: takes them back) of lines like `piece` removed by this commit.
  private func record(deaths count: Int, of piece: LineRun, context: CommitContext) {
    let landing = Int(piece.landing)
    if piece.ai { changes[landing].aiDeaths += count }
    let days = Int(max(0, context.time - changes[landing].time) / 86_400)
    let writer = piece.origin == LineRun.unknown ? -1 : persons[Int(piece.origin)]
    let remover =
      context.others.isEmpty
      ? persons[Int(context.position)] : sideRemovers[piece.origin] ?? persons[Int(context.position)]
    if writer == remover {
      changes[landing].deaths[days, default: DeathCount()].own += count
    } else {
      changes[landing].deaths[days, default: DeathCount()].others += count
    }
  }

  /// Takes back the death this commit recorded (or will record) for the source line of a moved line.
  private func cancelDeath(of run: LineRun, context: inout CommitContext) {
    guard run.landing != LineRun.notLanded, Int(run.landing) < changes.count else { return }
    record(deaths: -1, of: run, context: context)
    context.cancelled.insert(Int(run.landing))
  }

  /// A death and its cancellation leave an empty day behind; the outputs list only days with deaths.
  private func dropEmptyDeaths(of landings: Set<Int>) {
    for landing in landings {
      for (day, count) in changes[landing].deaths where count.own == 0 && count.others == 0 {
        changes[landing].deaths[day] = nil
      }
    }
  }

  // MARK: - Origins of merge lines

  /// Where the added lines of one file come from: this commit, or (in a merge) another parent.
  struct LineSources {
    let path: String
    let own: UInt32
    let landing: UInt32
    let isAI: Bool
    /// A mainline merge with AI evidence of its own: every line it lands counts as AI.
    let marksLandedLines: Bool
    let aiRanges: [ClosedRange<Int>]?
    var parents: [ParentLines] = []
    var identicalParentLines: FileLines?
    /// Moves into this file (sorted by new line) with the first parent's files they come from.
    let moves: [LineMove]
    var nextMove = 0
    let parentFiles: FileTable?
    let removals: SourceRemovals?

    struct ParentLines {
      var lines: FileLines
      var mapper: LineMapper
    }

    init(path: String, moves: [LineMove], context: inout CommitContext, ledger: LineLedger) {
      self.path = path
      own = context.position
      landing = context.landing
      isAI = context.facts.isAI
      marksLandedLines = context.mainline != nil && context.facts.isAI
      aiRanges = context.facts.aiLines.map { $0[path] ?? [] }
      self.moves = context.parentFiles == nil ? [] : moves
      parentFiles = context.parentFiles
      removals = context.removals
      for index in context.others.indices {
        if context.others[index].byNewPath == nil {
          context.others[index].byNewPath = Dictionary(
            context.others[index].diffs.compactMap { diff in diff.newPath.map { ($0, diff) } },
            uniquingKeysWith: { first, _ in first })
        }
        guard let files = context.others[index].files else { continue }
        guard let entry = context.others[index].byNewPath?[path] else {
          // Unchanged against this parent: blame hands it the whole file.
          if let lines = files[path], lines.known, identicalParentLines == nil {
            identicalParentLines = lines
          }
          continue
        }
        guard entry.kind != .added, !entry.isBinary, !entry.isMissing, let oldPath = entry.oldPath,
          let lines = files[oldPath], lines.known
        else { continue }
        parents.append(ParentLines(lines: lines, mapper: LineMapper(entry.hunks)))
      }
    }

    /// The run for 1-based new line `line`, which the first-parent diff adds.
    ///
    /// A line moved or copied from the first parent keeps that line's landing (`git blame --first-parent
    /// -M -C`); its origin is another parent's when one has the line unchanged (blame asks every parent
    /// before looking for moves), else the moved line's.
    mutating func run(forAddedLine line: Int) -> LineRun {
      let moved = movedSource(of: line)
      var landing = landing
      var copy = false
      movedSourceRun = nil
      if let moved, moved.run.landing != LineRun.notLanded || !marksLanding {
        landing = moved.run.landing
        // A copy moved on stays a copy: its source's removal was never a death, so nothing is cancelled.
        copy = !moved.removed || moved.run.copy
        movedSourceRun = moved.run
      }
      // A merge whose own message marks the pull request as AI work marks the lines it lands.
      let marks = marksLandedLines && landing == self.landing
      if let identical = identicalParentLines,
        let found = identical.run(at: line - 1)
      {
        return LineRun(origin: found.origin, landing: landing, count: 1, ai: found.ai || marks, copy: copy)
      }
      for index in parents.indices {
        if let old = parents[index].mapper.oldLine(forUnchanged: line),
          let found = parents[index].lines.run(at: old - 1)
        {
          return LineRun(origin: found.origin, landing: landing, count: 1, ai: found.ai || marks, copy: copy)
        }
      }
      if let moved {
        return LineRun(origin: moved.run.origin, landing: landing, count: 1, ai: moved.run.ai, copy: copy)
      }
      let ai = aiRanges.map { ranges in ranges.contains { $0.contains(line) } } ?? isAI
      return LineRun(origin: own, landing: landing, count: 1, ai: ai)
    }

    /// The first parent's run of the last added line's moved source: the line whose death a move
    /// cancels, with that line's origin (a merge may give the added line another parent's origin).
    private(set) var movedSourceRun: LineRun?

    /// Whether this commit lands lines on the mainline (a mainline change).
    var marksLanding: Bool { landing != LineRun.notLanded }

    private var sourceName: String?
    private var sourceLines: FileLines?

    /// The first parent's run for the source of a moved line, and whether this commit removed that line.
    /// Queries come in ascending order.
    private mutating func movedSource(of line: Int) -> (run: LineRun, removed: Bool)? {
      while nextMove < moves.count, moves[nextMove].newStart + moves[nextMove].count <= line { nextMove += 1 }
      guard nextMove < moves.count, moves[nextMove].newStart <= line, let parentFiles else { return nil }
      let move = moves[nextMove]
      if sourceName != move.sourcePath {
        sourceName = move.sourcePath
        sourceLines = parentFiles[move.sourcePath]
      }
      let source = move.sourceStart + (line - move.newStart)
      guard let lines = sourceLines, lines.known, let run = lines.run(at: source - 1),
        run.origin != LineRun.unknown
      else { return nil }
      return (run, removals?.takes(path: move.sourcePath, line: source) ?? false)
    }
  }
}

/// Maps a new line number to the old one across zero-context hunks, for lines no hunk touched.
/// Queries must come in ascending order.
struct LineMapper {
  private let hunks: [Hunk]
  private var index = 0
  /// Old minus new line number after the hunks passed so far.
  private var shift = 0

  init(_ hunks: [Hunk]) {
    self.hunks = hunks.sorted { $0.newStart < $1.newStart }
  }

  mutating func oldLine(forUnchanged line: Int) -> Int? {
    while index < hunks.count {
      let hunk = hunks[index]
      // A pure deletion (newCount 0) sits after new line `newStart`.
      let lastNew = hunk.newCount > 0 ? hunk.newStart + hunk.newCount - 1 : hunk.newStart
      if lastNew < line {
        shift += hunk.oldCount - hunk.newCount
        index += 1
        continue
      }
      if hunk.newCount > 0, line >= hunk.newStart { return nil }
      break
    }
    return line + shift
  }
}

/// Which lines of the first parent's files a commit removes: a moved line whose source stays is a copy.
final class SourceRemovals {
  private var deleted: Set<String> = []
  /// 1-based old line ranges of each file's hunks, in order.
  private var removed: [String: [Range<Int>]] = [:]
  /// Removed lines a moved line already took: a source lands in one place; any other is a copy.
  private var taken: Set<PathLine> = []

  private struct PathLine: Hashable {
    var path: String
    var line: Int
  }

  init(_ files: [FileDiff]) {
    for file in files {
      guard let old = file.oldPath else { continue }
      if file.newPath == nil || file.isBinary {
        deleted.insert(old)
        continue
      }
      let ranges = file.hunks.filter { $0.oldCount > 0 }.map { $0.oldStart..<($0.oldStart + $0.oldCount) }
      if !ranges.isEmpty { removed[old] = ranges.sorted { $0.lowerBound < $1.lowerBound } }
    }
  }

  /// Whether this commit removes the line and no earlier moved line of the commit took it; takes it.
  func takes(path: String, line: Int) -> Bool {
    removes(path: path, line: line) && taken.insert(PathLine(path: path, line: line)).inserted
  }

  func removes(path: String, line: Int) -> Bool {
    if deleted.contains(path) { return true }
    guard let ranges = removed[path] else { return false }
    var low = 0
    var high = ranges.count
    while low < high {
      let middle = (low + high) / 2
      if ranges[middle].upperBound <= line { low = middle + 1 } else { high = middle }
    }
    return low < ranges.count && ranges[low].contains(line)
  }
}
