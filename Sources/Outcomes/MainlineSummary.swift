import Foundation
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
    // Cheap byte tests first: this runs on every subject of the history, and most name no request.
    if subject.hasPrefix("Merge pull request #"), let match = subject.firstMatch(of: github) {
      return Int(match.1)
    }
    if subject.hasPrefix("Merged PR "), let match = subject.firstMatch(of: azure) { return Int(match.1) }
    if subject.containsBytes("(#"), let match = subject.firstMatch(of: squash) { return Int(match.1) }
    return nil
  }
}

extension String {
  /// Whether `needle` occurs, by a byte search; Foundation's `contains` goes through NSString and was a
  /// hot spot when run over every message of a long history.
  func containsBytes(_ needle: String) -> Bool {
    var haystack = self
    var needle = needle
    return haystack.withUTF8 { hay in
      needle.withUTF8 { part in
        guard !part.isEmpty else { return true }
        guard hay.count >= part.count, let base = hay.baseAddress, let target = part.baseAddress else {
          return false
        }
        let first = part[0]
        var offset = 0
        while offset <= hay.count - part.count {
          if hay[offset] == first && memcmp(base + offset, target, part.count) == 0 { return true }
          offset += 1
        }
        return false
      }
    }
  }
}

/// Finds changes by full or abbreviated sha, including the branch commits a merge brought in.
///
/// Built on the first lookup: only reverts and `Fixes:` trailers look shas up, and most histories have
/// few, so most runs never pay for indexing every commit.
final class ShaIndex {
  private let changes: [MainlineSummary]
  private lazy var tables: (full: [String: Int], byPrefix: [String: [String]]) = {
    var full: [String: Int] = [:]
    var byPrefix: [String: [String]] = [:]
    for (index, change) in changes.enumerated() {
      for sha in [change.sha] + change.contributing {
        full[sha] = index
        byPrefix[String(sha.prefix(7)), default: []].append(sha)
      }
    }
    return (full, byPrefix)
  }()

  init(_ changes: [MainlineSummary]) {
    self.changes = changes
  }

  /// The change owning `sha` (at least 7 hex digits; an ambiguous prefix finds nothing).
  func change(owning sha: String) -> Int? {
    let sha = sha.lowercased()
    guard sha.count >= 7, sha.allSatisfy(\.isHexDigit) else { return nil }
    if let index = tables.full[sha] { return index }
    let matches = (tables.byPrefix[String(sha.prefix(7))] ?? []).filter { $0.hasPrefix(sha) }
    return matches.count == 1 ? tables.full[matches[0]] : nil
  }
}
