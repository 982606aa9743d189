import GitHistory
import Ledger
import OutcomeModel
import TestSupport
import XCTest

/// The ledger's line origins must equal plain `git blame`'s, at HEAD and at every tag, on random
/// histories with merges, conflicts, renames and tags on branches (fixed seeds).
final class BlameOracleTests: XCTestCase {
  func testOriginsAtHeadAndEveryTagEqualGitBlame() throws {
    for seed in [UInt64(7), 21, 1234] {
      let repo = try FixtureRepo()
      try buildRandomHistory(in: repo, seed: seed, commits: 70, branchProbability: 0.4)
      let tags = try repo.git(["tag", "--list"]).split(separator: "\n").map(String.init)
      XCTAssertFalse(tags.isEmpty, "seed \(seed) should make tags")
      let revs = ["HEAD"] + tags
      let run = try LedgerRun(repo, keep: revs)
      var comparedLines = 0
      for rev in revs {
        let position = try run.position(of: rev, in: repo)
        let lines = try XCTUnwrap(run.ledger.lines(at: position), rev)
        for path in try textFiles(repo, at: rev) {
          let expected = try blame(repo, path, at: rev)
          let actual = try XCTUnwrap(lines[path], "seed \(seed) \(rev): \(path) not followed").map {
            run.sha(at: $0.origin)
          }
          XCTAssertEqual(actual.count, expected.count, "seed \(seed) \(rev) \(path): line count")
          for (index, pair) in zip(actual, expected).enumerated() where pair.0 != pair.1 {
            XCTFail(
              "seed \(seed) \(rev) \(path):\(index + 1): ledger \(pair.0.prefix(8)), blame \(pair.1.prefix(8))"
            )
            break
          }
          comparedLines += expected.count
        }
      }
      XCTAssertGreaterThan(comparedLines, 200, "seed \(seed)")
    }
  }

  func testPerChangeSumsEqualFirstParentBlame() throws {
    for seed in [UInt64(3), 99] {
      let repo = try FixtureRepo()
      try buildRandomHistory(in: repo, seed: seed, commits: 60, branchProbability: 0.4)
      let run = try LedgerRun(repo)
      let head = try run.position(of: "HEAD", in: repo)
      let lines = try XCTUnwrap(run.ledger.lines(at: head))
      var expected: [String: Int] = [:]
      for path in try textFiles(repo, at: "HEAD") {
        for sha in try blame(repo, path, at: "HEAD", firstParent: true) { expected[sha, default: 0] += 1 }
      }
      let mainline = run.commits.filter { $0.mainlineIndex != nil }.map { $0.change.id.hex }
      var actual: [String: Int] = [:]
      for file in lines.values {
        for line in file {
          let landing = try XCTUnwrap(line.landing, "every line at HEAD is on the mainline")
          actual[mainline[landing], default: 0] += 1
        }
      }
      XCTAssertEqual(actual, expected, "seed \(seed)")
      // The same sums from the ledger's accounting: owned minus deaths.
      for (index, change) in run.ledger.changes.enumerated() {
        XCTAssertEqual(
          change.owned - change.deathTotal, actual[mainline[index]] ?? 0, "seed \(seed) change \(index)")
      }
    }
  }

  /// Where an edit could sit anywhere in a run of equal lines, the line git blame credits depends on
  /// git cutting the files' common tail before it diffs; the ledger must credit (and kill) the same ones.
  func testEditsInARunOfEqualLinesBeforeALongTailFollowGitBlame() throws {
    let repo = try FixtureRepo()
    let tail = TailCutText.tail
    let run = TailCutText.run
    try repo.write("f.txt", "start\n" + run + tail)
    try repo.commit("one", day: 1)
    try repo.write("f.txt", "start\n" + run + "a\n" + tail)
    let inserted = try repo.commit("two", author: .bob, day: 2)
    try repo.write("f.txt", "start\n" + run.dropFirst(4) + "b\n" + tail)
    try repo.commit("three", day: 3)
    for rev in ["HEAD~1", "HEAD"] {
      let expected = try blame(repo, "f.txt", at: rev)
      let run = try LedgerRun(repo, keep: [rev])
      let lines = try XCTUnwrap(run.ledger.lines(at: try run.position(of: rev, in: repo))?["f.txt"])
      XCTAssertEqual(lines.map { run.sha(at: $0.origin) }, expected, rev)
    }
    let credited = try blame(repo, "f.txt", at: "HEAD~1").firstIndex(of: inserted)
    XCTAssertLessThan(try XCTUnwrap(credited), 590, "git puts the new line above the end of the run")
  }
}
