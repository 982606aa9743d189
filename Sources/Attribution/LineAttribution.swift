/// Who wrote a range of lines, as a git-ai note or an Agent Trace record says.
public enum LineContributor: Sendable, Hashable {
  /// `tool` is the name the record uses (`claude`, `cursor`); `Attributor` maps it to a catalogue id.
  case ai(tool: String, model: String?)
  /// Agent Trace's `mixed`: AI and a person together. Not counted as AI lines.
  case mixed(tool: String, model: String?)
  case human(String?)
  case unknown
}

/// Lines `lines` (1-based, inclusive, in the file as of the annotated commit) and who wrote them.
public struct AttributedRange: Sendable, Hashable {
  public var lines: ClosedRange<Int>
  public var contributor: LineContributor

  public init(lines: ClosedRange<Int>, contributor: LineContributor) {
    self.lines = lines
    self.contributor = contributor
  }
}

/// Line-level authorship of one commit's files: what git-ai notes and Agent Trace records both reduce to.
public struct LineAttribution: Sendable, Hashable {
  /// Where the attribution came from, e.g. `git-ai authorship/3.0.0` or `agent-trace 0.1.0`.
  public var source: String
  /// Ranges per file path, in the order the record lists them.
  public var files: [String: [AttributedRange]]

  public init(source: String, files: [String: [AttributedRange]] = [:]) {
    self.source = source
    self.files = files
  }

  /// True when the record attributes no line at all (a git-ai note that starts with `---`).
  public var isEmpty: Bool { files.values.allSatisfy(\.isEmpty) }

  /// The AI-written lines of `path` as sorted, disjoint ranges.
  public func aiLines(in path: String) -> [ClosedRange<Int>] {
    Self.union(
      (files[path] ?? []).compactMap { range in
        if case .ai = range.contributor { return range.lines }
        return nil
      })
  }

  /// Distinct AI-written lines over all files.
  public var aiLineCount: Int {
    files.keys.reduce(0) { total, path in total + aiLines(in: path).reduce(0) { $0 + $1.count } }
  }

  /// AI-written line counts per tool name as the record spells it.
  public var aiLinesByTool: [String: Int] {
    var counts: [String: Int] = [:]
    for ranges in files.values {
      for range in ranges {
        if case .ai(let tool, _) = range.contributor { counts[tool, default: 0] += range.lines.count }
      }
    }
    return counts
  }

  /// Models named by AI ranges, sorted.
  public var aiModels: [String] {
    var models: Set<String> = []
    for ranges in files.values {
      for range in ranges {
        if case .ai(_, let model?) = range.contributor { models.insert(model) }
      }
    }
    return models.sorted()
  }

  /// Both records' ranges, for several Agent Trace records about one commit.
  public func merging(_ other: LineAttribution) -> LineAttribution {
    var merged = self
    for (path, ranges) in other.files { merged.files[path, default: []] += ranges }
    if other.source != source { merged.source = "\(source), \(other.source)" }
    return merged
  }

  /// How many of the lines in `added` (sorted or not) fall in `path`'s AI ranges.
  func countAI(in path: String, added: [ClosedRange<Int>]) -> Int {
    let ai = aiLines(in: path)
    guard !ai.isEmpty else { return 0 }
    var count = 0
    for span in added {
      for range in ai where range.overlaps(span) {
        count += min(range.upperBound, span.upperBound) - max(range.lowerBound, span.lowerBound) + 1
      }
    }
    return count
  }

  static func union(_ ranges: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
    var merged: [ClosedRange<Int>] = []
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
        merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
      } else {
        merged.append(range)
      }
    }
    return merged
  }
}
