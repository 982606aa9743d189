import OutcomeModel

/// What one run made of the git-ai notes it found: how many were read, how many attribute lines, how
/// many carry metadata only, and which could not be read and why.
public struct NoteSummary: Sendable, Hashable {
  public var read = 0
  public var withLines = 0
  /// Notes that start with `---`: git-ai writes them for commits without AI lines.
  public var metadataOnly = 0
  public var skipped: [NoteWarning] = []

  public init() {}

  /// Counts one note's outcome.
  public mutating func record(_ result: Result<LineAttribution, NoteWarning>) {
    switch result {
    case .success(let lines):
      read += 1
      if lines.isEmpty { metadataOnly += 1 } else { withLines += 1 }
    case .failure(let warning):
      skipped.append(warning)
    }
  }

  /// `git-ai notes: 10813 read (9014 with lines, 1799 metadata only), 0 skipped`, plus the first skipped
  /// note and the reasons of the others by count; nil when no note was found.
  public var line: String? {
    guard read + skipped.count > 0 else { return nil }
    var text =
      "git-ai notes: \(read) read (\(withLines) with lines, \(metadataOnly) metadata only), \(skipped.count) skipped"
    if let first = skipped.min(by: { $0.commit < $1.commit }) {
      text += "; \(first.description)"
      var reasons: [String: Int] = [:]
      for warning in skipped where warning != first { reasons[warning.reason, default: 0] += 1 }
      let others = reasons.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      if !others.isEmpty {
        text +=
          " (and \(skipped.count - 1) more: "
          + others.prefix(3).map { "\($0.value)× \($0.key)" }.joined(separator: "; ") + ")"
      }
    }
    return text
  }
}
