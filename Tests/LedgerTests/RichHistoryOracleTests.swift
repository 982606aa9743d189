import Foundation
import GitHistory
import Ledger
import OutcomeModel
import TestSupport
import XCTest

/// The ledger against `git blame` on random histories with every shape of `HistoryShapes`: criss-cross
/// merges, the mainline merged into branches, octopus merges, renames and deletions on branches and a
/// long-lived branch that lands more than once. Six seeds of 70 commits keep it to seconds.
final class RichHistoryOracleTests: XCTestCase {
  static let seeds: [UInt64] = [11, 42, 77, 101, 2024, 31337]

  func testOriginsAndPerChangeSumsEqualGitBlameOnRichHistories() throws {
    var seen: [String: Int] = [:]
    for seed in Self.seeds {
      let repo = try FixtureRepo()
      try buildRandomHistory(in: repo, seed: seed, commits: 70, branchProbability: 0.3, shapes: .all)
      for (shape, count) in try shapes(in: repo) { seen[shape, default: 0] += count }

      let revs = ["HEAD"] + (try repo.git(["tag", "--list"]).split(separator: "\n").map(String.init))
      let run = try LedgerRun(repo, keep: revs)
      var compared = 0
      for rev in revs {
        let lines = try XCTUnwrap(run.ledger.lines(at: try run.position(of: rev, in: repo)), rev)
        for path in try textFiles(repo, at: rev) {
          let expected = try blame(repo, path, at: rev)
          let actual = try XCTUnwrap(lines[path], "seed \(seed) \(rev): \(path) not followed").map {
            run.sha(at: $0.origin)
          }
          XCTAssertEqual(actual, expected, "seed \(seed) \(rev) \(path)")
          compared += expected.count
        }
      }
      XCTAssertGreaterThan(compared, 100, "seed \(seed)")

      // Every line at HEAD belongs to the mainline change that landed it: first-parent blame.
      var expected: [String: Int] = [:]
      for path in try textFiles(repo, at: "HEAD") {
        for sha in try blame(repo, path, at: "HEAD", firstParent: true) { expected[sha, default: 0] += 1 }
      }
      let mainline = run.commits.filter { $0.mainlineIndex != nil }.map { $0.change.id.hex }
      var actual: [String: Int] = [:]
      for (index, change) in run.ledger.changes.enumerated() where change.owned > change.deathTotal {
        actual[mainline[index]] = change.owned - change.deathTotal
      }
      XCTAssertEqual(actual, expected, "seed \(seed): surviving lines per mainline change")
    }
    // The seeds together must really contain each shape, or the oracle proves less than it claims.
    for shape in ["criss-cross", "main into branch", "octopus", "rename on branch", "long-lived relanded"] {
      XCTAssertGreaterThan(seen[shape] ?? 0, 0, "no \(shape) in seeds \(Self.seeds): \(seen)")
    }
    print("rich histories: \(Self.seeds.count) seeds × 70 commits; shapes \(seen.sorted { $0.key < $1.key })")
  }

  /// How often each shape occurs in `repo`'s history, read back from git.
  func shapes(in repo: FixtureRepo) throws -> [String: Int] {
    let subjects = try repo.git(["log", "--all", "--merges", "--format=%s"]).split(separator: "\n")
    let renamed = try repo.git(["log", "--all", "--format=", "--name-only", "--diff-filter=R", "-M"])
      .split(separator: "\n").filter { $0.hasPrefix("src/renamed") || $0.hasPrefix("src/branch") }
    return [
      "criss-cross": subjects.filter { $0.hasPrefix("Merge commit ") && $0.contains("into cross/") }.count,
      "main into branch": subjects.filter { $0.hasPrefix("Merge branch 'main' into ") }.count,
      "octopus": try repo.git(["rev-list", "--all", "--min-parents=3"]).split(separator: "\n").count,
      "rename on branch": renamed.count,
      "long-lived relanded": max(0, subjects.filter { $0 == "Merge branch 'long/1'" }.count - 1),
    ]
  }
}
