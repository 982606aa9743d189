import Foundation

/// Branch names recovered from merge subjects, the one place a merged branch's name survives in history.
enum BranchName {
  /// `Merge pull request #12 from owner/codex/fix` → `codex/fix`; `Merge branch 'claude/x' into main`
  /// → `claude/x`; `Merge remote-tracking branch 'origin/cursor/y'` → `cursor/y`.
  static func fromMergeSubject(_ subject: Substring) -> String? {
    if subject.hasPrefix("Merge pull request #") {
      guard let from = subject.range(of: " from ") else { return nil }
      let reference = subject[from.upperBound...].prefix { !$0.isWhitespace }
      // The first component is the fork owner.
      guard let slash = reference.firstIndex(of: "/") else { return nil }
      let branch = reference[reference.index(after: slash)...]
      return branch.isEmpty ? nil : String(branch)
    }
    for prefix in ["Merge branch '", "Merge remote-tracking branch '"] where subject.hasPrefix(prefix) {
      let rest = subject.dropFirst(prefix.count)
      guard let close = rest.firstIndex(of: "'") else { return nil }
      var branch = rest[..<close]
      if prefix.contains("remote-tracking"), let slash = branch.firstIndex(of: "/") {
        branch = branch[branch.index(after: slash)...]
      }
      return branch.isEmpty ? nil : String(branch)
    }
    return nil
  }
}
