/// Consecutive lines of a file that share an origin commit, a landing change and an AI flag.
struct LineRun: Hashable, Sendable {
  /// Graph position of the commit that wrote these lines (`LineRun.unknown` when it cannot be known).
  var origin: UInt32
  /// Mainline index of the change that brought these lines onto the mainline (`notLanded` on branches).
  var landing: UInt32
  var count: UInt32
  var ai: Bool

  static let unknown = UInt32.max
  static let notLanded = UInt32.max

  func sameKind(as other: LineRun) -> Bool {
    origin == other.origin && landing == other.landing && ai == other.ai
  }
}

/// The origins of one file's lines, run-length encoded. Copy-on-write, so commits share unchanged files.
struct FileLines: Sendable {
  var runs: [LineRun] = []
  var lineCount = 0
  /// False for binary files and versions whose blob was missing: their lines cannot be followed.
  var known = true

  init() {}

  static let unknown: FileLines = {
    var lines = FileLines()
    lines.known = false
    return lines
  }()

  mutating func append(_ run: LineRun) {
    guard run.count > 0 else { return }
    lineCount += Int(run.count)
    if let last = runs.last, last.sameKind(as: run) {
      runs[runs.count - 1].count += run.count
    } else {
      runs.append(run)
    }
  }

  /// The run holding 0-based `line`, by binary search over cumulative starts built on demand.
  func run(at line: Int, starts: [Int]) -> LineRun? {
    guard line >= 0, line < lineCount else { return nil }
    var low = 0
    var high = runs.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if starts[mid] <= line { low = mid } else { high = mid - 1 }
    }
    return runs[low]
  }

  var starts: [Int] {
    var result: [Int] = []
    result.reserveCapacity(runs.count)
    var offset = 0
    for run in runs {
      result.append(offset)
      offset += Int(run.count)
    }
    return result
  }
}

/// Reads a file's runs front to back, copying or dropping line ranges as hunks are applied.
struct RunCursor {
  let runs: [LineRun]
  private var index = 0
  /// Lines of `runs[index]` already consumed.
  private var used: UInt32 = 0
  private(set) var line = 0

  init(_ lines: FileLines) { runs = lines.runs }

  /// Copies the next `count` lines (fewer at the end of the file) to `out`.
  mutating func copy(_ count: Int, into out: inout FileLines) {
    advance(count) { out.append($0) }
  }

  /// Skips the next `count` lines, handing each piece to `visit` (the lines a hunk removes).
  mutating func drop(_ count: Int, visit: (LineRun) -> Void) {
    advance(count, visit)
  }

  private mutating func advance(_ count: Int, _ body: (LineRun) -> Void) {
    var remaining = UInt32(max(0, count))
    while remaining > 0, index < runs.count {
      var piece = runs[index]
      let step = min(piece.count - used, remaining)
      piece.count = step
      body(piece)
      used += step
      remaining -= step
      line += Int(step)
      if used == runs[index].count {
        index += 1
        used = 0
      }
    }
  }
}
