import Foundation
import GitHistory
import Ledger
import OutcomeModel
import TestSupport

/// One graph pass over a fixture repository with a ledger, keeping the states tests want to inspect.
struct LedgerRun {
  let graph: GraphPlan
  let ledger: LineLedger
  let commits: [CommitDiffs]

  init(
    _ repo: FixtureRepo, keep: [String] = ["HEAD"], paths: PathFilter = .everything,
    releases: [ReleaseWindow] = [], moves: MoveDetection = .off,
    facts: (CommitInfo) -> CommitFacts = { _ in CommitFacts(person: 0, isAI: false) },
    mining: (inout MiningOptions) -> Void = { _ in }
  ) throws {
    let repository = try Repository(discovering: repo.url.path)
    let plan = try repository.mainlinePlan(for: repository.mainlineBranch(named: nil))
    graph = GraphPlan(plan)
    var kept = Set<Int>()
    for rev in keep {
      let sha = try repo.revParse(rev + "^{commit}")
      guard let position = graph.position(of: CommitID(hex: sha)!) else {
        throw FixtureError.unexpectedOutput(command: "keep \(rev)", detail: "not in the graph")
      }
      kept.insert(position)
    }
    ledger = LineLedger(
      configuration: LedgerConfiguration(paths: paths, releases: releases, keptStates: kept))
    var options = MiningOptions()
    options.detail = .positions
    options.moves = moves
    mining(&options)
    var seen: [CommitDiffs] = []
    let ledger = self.ledger
    _ = try HistoryMiner(repository: repository, options: options).mine(graph) { commit in
      ledger.apply(commit, facts: facts(commit.change.commit))
      seen.append(commit)
    }
    commits = seen
  }

  func sha(at position: Int) -> String { graph.ids[position].hex }

  func position(of rev: String, in repo: FixtureRepo) throws -> Int {
    graph.position(of: CommitID(hex: try repo.revParse(rev + "^{commit}"))!)!
  }
}

/// Every commit of the graph as the pass mines it with moves on: positions, moves, hashes on the mainline.
func minePass(
  _ repo: FixtureRepo, configure: (inout MiningOptions) -> Void = { _ in }
) throws -> (graph: GraphPlan, commits: [CommitDiffs], miner: HistoryMiner) {
  let repository = try Repository(discovering: repo.url.path)
  let graph = GraphPlan(try repository.mainlinePlan(for: repository.mainlineBranch(named: nil)))
  var options = MiningOptions()
  options.detail = .positions
  options.mainlineHunks = true
  options.moves = .commit
  configure(&options)
  let miner = HistoryMiner(repository: repository, options: options)
  var commits: [CommitDiffs] = []
  _ = try miner.mine(graph) { commits.append($0) }
  return (graph, commits, miner)
}

/// `git blame --porcelain` of every line of `path` at `rev`: the commit of each line, in order.
func blame(
  _ repo: FixtureRepo, _ path: String, at rev: String, firstParent: Bool = false, options: [String] = []
) throws -> [String] {
  var args = ["blame", "--porcelain"] + options
  if firstParent { args.append("--first-parent") }
  let output = try repo.git(args + [rev, "--", path])
  var result: [String] = []
  for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
    // Header lines are "<40 hex> <orig> <final> [<count>]"; content lines start with a tab.
    let fields = line.split(separator: " ")
    if fields.count >= 3, fields[0].count == 40, fields[0].allSatisfy(\.isHexDigit) {
      result.append(String(fields[0]))
    }
  }
  return result
}

/// Text files git tracks at `rev` (binary ones have `-` in numstat against the empty tree).
func textFiles(_ repo: FixtureRepo, at rev: String) throws -> [String] {
  let emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
  let output = try repo.git(["diff", "--numstat", "--no-renames", emptyTree, rev])
  return output.split(separator: "\n").compactMap { line in
    let fields = line.split(separator: "\t", maxSplits: 2)
    guard fields.count == 3, fields[0] != "-" else { return nil }
    return String(fields[2])
  }
}
