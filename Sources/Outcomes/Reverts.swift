import Foundation
import OutcomeModel

/// Finds which mainline changes were reverted, by what, and which reverts were themselves reverted.
public enum RevertDetector {
  nonisolated(unsafe) static let revertsCommit = #/This reverts commit ([0-9a-fA-F]{7,40})/#
  nonisolated(unsafe) static let revertsPullRequest = #/Reverts [\w.-]+/[\w.-]+#(\d+)/#
  nonisolated(unsafe) static let ownNumber = #/\s\(#\d+\)$/#

  /// One revert found in history: `change` reverted `target`.
  public struct Finding: Sendable, Hashable {
    public var change: Int
    public var target: Int
    /// `message`, `subject` or `pr`, as in `RevertRecord.via`.
    public var via: String
  }

  /// Every change that reverts an earlier one, oldest first.
  public static func findings(in changes: [MainlineSummary]) -> [Finding] {
    let shas = ShaIndex(changes)
    var bySubject: [String: [Int]] = [:]
    var byPullRequest: [Int: Int] = [:]
    var result: [Finding] = []
    for (index, change) in changes.enumerated() {
      if let target = target(of: change, index: index, shas: shas, bySubject: bySubject, byPR: byPullRequest)
      {
        result.append(Finding(change: index, target: target.index, via: target.via))
      }
      bySubject[change.subject, default: []].append(index)
      if let number = change.pullRequestNumber, !change.subject.hasPrefix("Revert ") {
        byPullRequest[number] = index
      }
    }
    return result
  }

  private static func target(
    of change: MainlineSummary, index: Int, shas: ShaIndex, bySubject: [String: [Int]], byPR: [Int: Int]
  ) -> (index: Int, via: String)? {
    // `git revert` writes "This reverts commit <sha>."; a merge's body may quote several: take the first
    // that names an earlier change.
    for match in change.message.containsBytes("This reverts commit")
      ? change.message.matches(of: revertsCommit) : []
    {
      if let target = shas.change(owning: String(match.1)), target < index { return (target, "message") }
    }
    guard let inner = revertedSubject(change.subject) else { return nil }
    // GitHub's revert PRs: `Revert "Title (#12)"` and a body with `Reverts owner/repo#12`.
    if let number = PullRequestSubject.number(in: inner), let target = byPR[number], target < index {
      return (target, "pr")
    }
    if let match = change.message.firstMatch(of: revertsPullRequest),
      let target = byPR[Int(match.1) ?? -1], target < index
    {
      return (target, "pr")
    }
    if let target = bySubject[inner]?.last { return (target, "subject") }
    return nil
  }

  /// `Revert "X"` → `X`; nested quotes of a revert of a revert are kept whole.
  static func revertedSubject(_ subject: String) -> String? {
    // Almost no subject is a revert; Foundation's trimming is slow enough to matter over all history.
    guard subject.utf8.count > 9, subject.containsBytes("Revert \"") else { return nil }
    var trimmed = subject.trimmingCharacters(in: .whitespaces)
    // A squash-merged revert PR appends its own number: `Revert "Title (#12)" (#13)`.
    guard trimmed.hasPrefix("Revert \"") else { return nil }
    if let match = trimmed.firstMatch(of: ownNumber), trimmed[..<match.range.lowerBound].hasSuffix("\"") {
      trimmed = String(trimmed[..<match.range.lowerBound])
    }
    guard trimmed.hasPrefix("Revert \""), trimmed.hasSuffix("\""), trimmed.count > 9 else { return nil }
    return String(trimmed.dropFirst(8).dropLast())
  }

  /// The standing revert of each change; a revert that was itself reverted is cancelled and reported as
  /// re-landed instead.
  public static func records(
    in changes: [MainlineSummary], findings known: [Finding]? = nil
  ) -> (reverted: [Int: RevertRecord], relanded: [Int: RevertRecord]) {
    let found = known ?? findings(in: changes)
    var firstRevert: [Int: Finding] = [:]
    for finding in found where firstRevert[finding.target] == nil {
      firstRevert[finding.target] = finding
    }
    var reverted: [Int: RevertRecord] = [:]
    var relanded: [Int: RevertRecord] = [:]
    for (target, finding) in firstRevert {
      let days = Int(max(0, changes[finding.change].time - changes[target].time) / 86_400)
      var record = RevertRecord(
        by: changes[finding.change].sha, at: Timestamp.iso8601(changes[finding.change].time), days: days,
        via: finding.via)
      if let undo = firstRevert[finding.change] {
        record.relandedBy = changes[undo.change].sha
        relanded[target] = record
      } else {
        reverted[target] = record
      }
    }
    return (reverted, relanded)
  }
}
