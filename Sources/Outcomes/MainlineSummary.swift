import OutcomeModel

/// What the outcome rules need to know about one mainline change, without its diff.
public struct MainlineSummary: Sendable, Hashable {
  public var sha: String
  public var subject: String
  public var message: String
  public var trailers: [Trailer]
  /// Commits the change brought in besides itself (a merge's branch commits).
  public var contributing: [String]
  /// Committer time, Unix seconds.
  public var time: Int64
  public var isMerge: Bool

  public init(
    sha: String, subject: String, message: String, trailers: [Trailer] = [], contributing: [String] = [],
    time: Int64, isMerge: Bool = false
  ) {
    self.sha = sha
    self.subject = subject
    self.message = message
    self.trailers = trailers
    self.contributing = contributing
    self.time = time
    self.isMerge = isMerge
  }

  public init(_ change: Change) {
    self.init(
      sha: change.id.hex, subject: change.commit.subject, message: change.commit.message,
      trailers: change.commit.trailers, contributing: change.contributing.map(\.commit.id.hex),
      time: change.commit.committer.time, isMerge: change.commit.isMerge)
  }

  /// The pull request number the subject names: `Merge pull request #N`, a squash's `(#N)`, Gitea's
  /// `Merge pull request 'x' (#N)`, Azure's `Merged PR N:`.
  public var pullRequestNumber: Int? {
    PullRequestSubject.number(in: subject)
  }
}

enum PullRequestSubject {
  // Regex literals are compiled when first used by each instance: keep one instance each.
  nonisolated(unsafe) static let github = #/^Merge pull request #(\d+)/#
  nonisolated(unsafe) static let azure = #/^Merged PR (\d+):/#
  nonisolated(unsafe) static let squash = #/\(#(\d+)\)\s*$/#

  static func number(in subject: String) -> Int? {
    guard subject.contains("#") || subject.hasPrefix("Merged PR ") else { return nil }
    if let match = subject.firstMatch(of: github) { return Int(match.1) }
    if let match = subject.firstMatch(of: azure) { return Int(match.1) }
    if let match = subject.firstMatch(of: squash) { return Int(match.1) }
    return nil
  }
}

/// Finds changes by full or abbreviated sha, including the branch commits a merge brought in.
struct ShaIndex {
  private var full: [String: Int] = [:]
  private var byPrefix: [String: [String]] = [:]

  init(_ changes: [MainlineSummary]) {
    for (index, change) in changes.enumerated() {
      for sha in [change.sha] + change.contributing {
        full[sha] = index
        byPrefix[String(sha.prefix(7)), default: []].append(sha)
      }
    }
  }

  /// The change owning `sha` (at least 7 hex digits; an ambiguous prefix finds nothing).
  func change(owning sha: String) -> Int? {
    let sha = sha.lowercased()
    guard sha.count >= 7, sha.allSatisfy(\.isHexDigit) else { return nil }
    if let index = full[sha] { return index }
    let matches = (byPrefix[String(sha.prefix(7))] ?? []).filter { $0.hasPrefix(sha) }
    return matches.count == 1 ? full[matches[0]] : nil
  }
}
