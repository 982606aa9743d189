import Foundation

/// The message conventions the linker reads, compiled once.
enum MessagePatterns {
  static func regex(_ pattern: String, _ options: NSRegularExpression.Options = []) -> NSRegularExpression {
    // Constant patterns: a failure is a programming error caught by the tests.
    try! NSRegularExpression(pattern: pattern, options: options)
  }

  /// Subjects that name the request a merge landed: (pattern, capture group of the number).
  static let mergeSubjects: [(NSRegularExpression, Int)] = [
    (regex(#"^Merge pull request #(\d+) from \S+"#), 1),
    (regex(#"^Merge pull request '.*' \(#(\d+)\) from .+ into .+"#), 1),  // Gitea / Forgejo
    (regex(#"^Merged PR (\d+): "#), 1),  // Azure Repos
    (regex(#"^Merged in \S+ \(pull request #(\d+)\)"#), 1),  // Bitbucket
  ]
  static let squashSuffix = regex(#"\(#(\d+)\)\s*$"#)
  static let seeMergeRequest = regex(#"^See merge request ([\w./-]*)!(\d+)\s*$"#, [.anchorsMatchLines])
  static let revertsCommit = regex(#"This reverts commit ([0-9a-fA-F]{40})"#)
  static let numberInParens = regex(#"\(#(\d+)\)"#)
  static let revertBranch = regex(#"^revert-(\d+)-"#)

  /// A reference: `owner/repo#12`, `#12`, `AB#12`, or a tracker key such as `PAY-87` / `ENG-12`.
  static let reference = #"(?:AB#\d+|(?:[\w.-]+/[\w.-]+)?#\d+|[A-Z][A-Z0-9_]+-[1-9]\d*)"#
  /// GitHub's, GitLab's and Gitea's closing words (GitLab adds `implement…` and the `-ing` forms),
  /// then one or more references separated by commas or `and`.
  static let closing = regex(
    #"\b(?:clos(?:e[sd]?|ing)|fix(?:e[sd]|ing)?|resolv(?:e[sd]?|ing)|implement(?:s|ed|ing)?)\b:?\s+((?:"#
      + reference + #")(?:\s*(?:,|\band\b)\s*(?:"# + reference + #"))*)"#, [.caseInsensitive])
  static let singleReference = regex(reference)
  static let key = regex(#"\b([A-Z][A-Z0-9_]+)-([1-9]\d*)\b"#)
  static let hashNumber = regex(#"(?:^|[^\w/&])(?:([\w.-]+/[\w.-]+))?#(\d+)\b"#)

  static func matches(_ regex: NSRegularExpression, in text: String) -> [[String?]] {
    let range = NSRange(text.startIndex..., in: text)
    return regex.matches(in: text, range: range).map { match in
      (0..<match.numberOfRanges).map { i in
        Range(match.range(at: i), in: text).map { String(text[$0]) }
      }
    }
  }

  /// Splits `Revert "inner" rest` into the reverted subject and what follows the closing quote.
  static func revertParts(_ subject: String) -> (inner: String, rest: String)? {
    guard subject.hasPrefix("Revert \""), let close = subject.lastIndex(of: "\""),
      close > subject.index(subject.startIndex, offsetBy: 7)
    else { return nil }
    let inner = subject[subject.index(subject.startIndex, offsetBy: 8)..<close]
    return (String(inner), String(subject[subject.index(after: close)...]))
  }
}
