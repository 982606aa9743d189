/// Finds foxtrot merges on the mainline: `git pull` merges whose first parent is someone's local work and
/// whose second parent is the real mainline. They make the real mainline's changes look like one merge's
/// contributing commits; line origins are unaffected because the ledger follows every commit.
public enum FoxtrotDetector {
  nonisolated(unsafe) static let pullMerge = #/^Merge branch '([^']+)' of /#
  nonisolated(unsafe) static let trackingMerge = #/^Merge remote-tracking branch '([^']+)'/#

  /// Mainline positions of merges whose subject says the branch merged its own upstream
  /// (`Merge branch 'main' of github.com:org/repo`, `Merge remote-tracking branch 'origin/main'`).
  public static func positions(in changes: [MainlineSummary], branch: String) -> [Int] {
    let name = branch.split(separator: "/").last.map(String.init) ?? branch
    return changes.indices.filter { index in
      let change = changes[index]
      guard change.isMerge else { return false }
      if let match = change.subject.firstMatch(of: pullMerge) {
        return match.1 == name
      }
      if let match = change.subject.firstMatch(of: trackingMerge) {
        return match.1.split(separator: "/").last.map(String.init) == name
      }
      return false
    }
  }
}
