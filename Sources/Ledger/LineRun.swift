/// Consecutive lines of a file that share an origin commit, a landing change and an AI flag.
struct LineRun: Hashable, Sendable {
  /// Graph position of the commit that wrote these lines (`LineRun.unknown` when it cannot be known).
  var origin: UInt32
  /// Mainline index of the change that brought these lines onto the mainline (`notLanded` on branches).
  var landing: UInt32
  var count: UInt32
  var ai: Bool
  /// Copied from lines that stayed where they were (`git blame -C` gives them the source's origin and
  /// landing): the landing change did not write them, so their removal is not its lines dying.
  var copy = false

  static let unknown = UInt32.max
  static let notLanded = UInt32.max

  func sameKind(as other: LineRun) -> Bool {
    origin == other.origin && landing == other.landing && ai == other.ai && copy == other.copy
  }
}

extension [LineRun] {
  /// Appends `run`, merging it into the last run when they share an origin, landing and AI flag.
  mutating func appendMerging(_ run: LineRun) {
    guard run.count > 0 else { return }
    if let last = self.last, last.sameKind(as: run) {
      self[count - 1].count += run.count
    } else {
      append(run)
    }
  }
}

/// A few dozen runs of one file, never changed once made: file states share chunks by reference, and an
/// edit replaces only the chunks it touches.
final class RunChunk: Sendable {
  let runs: [LineRun]
  let lineCount: Int

  init(_ runs: [LineRun]) {
    self.runs = runs
    lineCount = runs.reduce(0) { $0 + Int($1.count) }
  }
}

/// The origins of one file's lines, run-length encoded in chunks of at most `chunkLimit` runs.
///
/// A 7,000-line file edited thousands of times holds thousands of runs; rebuilding them for every
/// three-line change made the pass quadratic in a file's history. An edit here costs a binary search over
/// the chunk ends plus the runs of the one or two chunks it touches, and two states that differ by one
/// edit share every other chunk.
struct FileLines: Sendable {
  private(set) var chunks: [RunChunk] = []
  /// Line count at the end of each chunk, for binary search by line.
  private var ends: [Int] = []
  /// False for binary files and versions whose blob was missing: their lines cannot be followed.
  var known = true

  static let chunkLimit = 64

  init() {}

  /// A file of `runs` in order (merged where neighbours share a kind).
  init<S: Sequence<LineRun>>(runs: S) {
    var merged: [LineRun] = []
    for run in runs { merged.appendMerging(run) }
    replaceChunks(0..<0, with: merged)
  }

  static let unknown: FileLines = {
    var lines = FileLines()
    lines.known = false
    return lines
  }()

  var lineCount: Int { ends.last ?? 0 }

  /// Every run in order. Runs meeting at a chunk boundary may share a kind; `mergedRuns` joins them.
  var runs: some Sequence<LineRun> { chunks.lazy.flatMap(\.runs) }

  /// The runs with neighbours of the same kind joined: one canonical form whatever the chunking.
  var mergedRuns: [LineRun] {
    var result: [LineRun] = []
    for run in runs { result.appendMerging(run) }
    return result
  }

  /// The run holding 0-based `line`.
  func run(at line: Int) -> LineRun? {
    guard line >= 0, line < lineCount else { return nil }
    let index = chunkIndex(holding: line)
    var offset = index > 0 ? ends[index - 1] : 0
    for run in chunks[index].runs {
      offset += Int(run.count)
      if line < offset { return run }
    }
    return nil
  }

  /// The first chunk whose end is past `line` (the last chunk when `line` is the end of the file).
  private func chunkIndex(holding line: Int) -> Int {
    var low = 0
    var high = ends.count - 1
    while low < high {
      let mid = (low + high) / 2
      if ends[mid] > line { high = mid } else { low = mid + 1 }
    }
    return low
  }

  /// Replaces `removing` lines from 0-based `line` with `inserted`, handing each removed piece to
  /// `visit` in order. The caller checks that the range lies inside the file.
  mutating func replace(
    at line: Int, removing: Int, with inserted: [LineRun], visit: (LineRun) -> Void
  ) {
    guard !chunks.isEmpty else {
      replaceChunks(0..<0, with: inserted)
      return
    }
    let first = chunkIndex(holding: line)
    let last = removing > 0 ? chunkIndex(holding: line + removing - 1) : first
    let base = first > 0 ? ends[first - 1] : 0
    var out: [LineRun] = []
    out.reserveCapacity((last - first + 1) * Self.chunkLimit + inserted.count)
    var toSkip = line - base
    var toDrop = removing
    var insertedYet = false
    for index in first...last {
      for var run in chunks[index].runs {
        if toSkip > 0 {
          var head = run
          head.count = UInt32(min(Int(run.count), toSkip))
          out.appendMerging(head)
          toSkip -= Int(head.count)
          run.count -= head.count
          if run.count == 0 { continue }
        }
        if toDrop > 0 {
          var piece = run
          piece.count = UInt32(min(Int(run.count), toDrop))
          visit(piece)
          toDrop -= Int(piece.count)
          run.count -= piece.count
          if run.count == 0 { continue }
        }
        if !insertedYet {
          for new in inserted { out.appendMerging(new) }
          insertedYet = true
        }
        out.appendMerging(run)
      }
    }
    if !insertedYet {
      for new in inserted { out.appendMerging(new) }
    }
    replaceChunks(first..<(last + 1), with: out)
  }

  /// Puts `runs` in place of the chunks in `range`, cut into chunks of at most `chunkLimit` runs.
  private mutating func replaceChunks(_ range: Range<Int>, with runs: [LineRun]) {
    var made: [RunChunk] = []
    if !runs.isEmpty {
      let pieces = (runs.count + Self.chunkLimit - 1) / Self.chunkLimit
      // Even pieces, so an edit right after a split has room on both sides.
      let size = (runs.count + pieces - 1) / pieces
      var start = 0
      while start < runs.count {
        let end = Swift.min(start + size, runs.count)
        made.append(RunChunk(Array(runs[start..<end])))
        start = end
      }
    }
    chunks.replaceSubrange(range, with: made)
    ends.removeSubrange(range.lowerBound...)
    var total = ends.last ?? 0
    for index in range.lowerBound..<chunks.count {
      total += chunks[index].lineCount
      ends.append(total)
    }
  }
}
