import GitHistory
import OutcomeModel
import TestSupport
import XCTest

/// A merge takes the hunks of a blob pair its branch commits already diffed; the result must be what
/// diffing the pair again gives, line hashes included.
final class HunkMemoTests: XCTestCase {
  private func mineGraph(_ repo: FixtureRepo, reusing: Bool) throws -> (commits: [CommitDiffs], hits: Int) {
    let mined = try minePass(repo) { $0.reusesHunks = reusing }
    return (mined.commits, mined.miner.memo.hits)
  }

  func testReusedHunksEqualFreshDiffs() throws {
    var hits = 0
    for seed: UInt64 in [5, 41] {
      let repo = try FixtureRepo()
      try buildRandomHistory(in: repo, seed: seed, commits: 80, branchProbability: 0.5, shapes: .moves)
      let reused = try mineGraph(repo, reusing: true)
      let fresh = try mineGraph(repo, reusing: false)
      XCTAssertEqual(fresh.hits, 0)
      hits += reused.hits
      XCTAssertEqual(reused.commits.count, fresh.commits.count)
      for (a, b) in zip(reused.commits, fresh.commits) {
        XCTAssertEqual(a.change, b.change, "seed \(seed): \(a.change.commit.id.short)")
        XCTAssertEqual(a.otherParentDiffs, b.otherParentDiffs, "seed \(seed): \(a.change.commit.id.short)")
      }
    }
    // Merges of single-commit branches repeat their commit's diffs, so the memo must have served some.
    XCTAssertGreaterThan(hits, 10)
  }

  func testLastLineWithoutNewlineAndCarriageReturnsHashAsThePatchDoes() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "one\r\ntwo\r\nthree")
    try repo.commit("start", day: 1)
    try repo.checkoutNewBranch("topic")
    try repo.write("a.txt", "one\r\n2\r\nthree\nfour")
    try repo.commit("edit", author: .bob, day: 2)
    try repo.checkout("main")
    try repo.merge("topic", message: "Merge topic", day: 3)
    let reused = try mineGraph(repo, reusing: true)
    let fresh = try mineGraph(repo, reusing: false)
    XCTAssertEqual(reused.hits, 1)
    let merge = try XCTUnwrap(reused.commits.last)
    XCTAssertEqual(merge.change, fresh.commits.last?.change)
    XCTAssertEqual(merge.change.files.first?.hunks.first?.added.count, 3)
  }
}
