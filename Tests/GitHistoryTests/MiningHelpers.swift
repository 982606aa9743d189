import GitHistory
import OutcomeModel
import TestSupport

/// Mines a fixture's whole mainline with the given options and returns the changes in order.
func mineAll(
  _ repo: FixtureRepo, branch: String? = nil, configure: (inout MiningOptions) -> Void = { _ in }
) throws -> (changes: [Change], summary: MiningSummary) {
  let repository = try Repository(discovering: repo.url.path)
  let plan = try repository.mainlinePlan(for: repository.mainlineBranch(named: branch))
  var options = MiningOptions()
  configure(&options)
  var changes: [Change] = []
  let summary = try HistoryMiner(repository: repository, options: options).mine(plan) { changes.append($0) }
  return (changes, summary)
}

extension Change {
  /// Per-path added/deleted counts keyed by the path git's numstat prints (the new path).
  var countsByPath: [String: (Int?, Int?)] {
    var result: [String: (Int?, Int?)] = [:]
    for file in files {
      result[file.path] = file.isBinary ? (nil, nil) : (file.linesAdded, file.linesDeleted)
    }
    return result
  }
}
