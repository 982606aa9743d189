import Foundation
import GitHistory
import Ledger
import OutcomeModel
import TestSupport
import XCTest

/// Commits off the mainline are diffed only where the ledger reads the result: merges only in the files
/// they took from no parent (the others are handed over whole from the parent whose version they are),
/// and no commit in files the ledger does not follow.
final class OffMainlineDiffTests: XCTestCase {
  private func lines(_ count: Int, _ tag: String) -> String {
    (1...count).map { "\(tag) line \($0) with enough words to matter" }.joined(separator: "\n") + "\n"
  }

  /// main and a topic that merges main into itself, then lands on main.
  private func history() throws -> FixtureRepo {
    let repo = try FixtureRepo()
    try repo.write("a.txt", lines(12, "a"))
    try repo.write("b.txt", lines(10, "b"))
    try repo.write("both.txt", lines(20, "both"))
    try repo.write("gone.txt", lines(5, "gone"))
    try repo.commit("start", day: 1)
    try repo.checkoutNewBranch("topic")
    try repo.write("a.txt", lines(12, "a") + "topic's a\n")
    try repo.write("both.txt", "topic's top\n" + lines(20, "both"))
    try repo.commit("topic edits a and both", author: .bob, day: 2)
    try repo.checkout("main")
    try repo.write("b.txt", lines(10, "b") + "main's b\n")
    try repo.write("c.txt", lines(6, "c"))
    try repo.write("both.txt", lines(20, "both") + "main's bottom\n")
    try repo.remove("gone.txt")
    try repo.commit("main edits b and both, adds c, deletes gone", author: .carol, day: 3)
    try repo.checkout("topic")
    try repo.merge("main", message: "Merge main into topic", author: .bob, day: 4)
    try repo.write("b.txt", lines(10, "b") + "main's b\ntopic's b\n")
    try repo.commit("topic edits b", author: .bob, day: 5)
    try repo.checkout("main")
    try repo.merge("topic", message: "Merge topic", day: 6)
    return repo
  }

  func testTakenFilesCarryNoHunksAndTheirDonor() throws {
    let repo = try history()
    let run = try LedgerRun(repo)
    let sideMerge = try run.position(of: "topic~1", in: repo)
    let commit = try XCTUnwrap(run.commits.first { $0.position == sideMerge })
    XCTAssertNil(commit.mainlineIndex)
    let byPath = Dictionary(uniqueKeysWithValues: commit.change.files.map { ($0.path, $0) })
    XCTAssertEqual(byPath.keys.sorted(), ["b.txt", "both.txt", "c.txt", "gone.txt"])
    for path in ["b.txt", "c.txt", "gone.txt"] {
      XCTAssertEqual(byPath[path]?.takenFromParent, 1, path)
      XCTAssertEqual(byPath[path]?.hunks, [], path)
    }
    XCTAssertEqual(byPath["gone.txt"]?.kind, .deleted)
    XCTAssertEqual(byPath["c.txt"]?.kind, .added)
    // Changed on both sides: the merge's own version, diffed as before.
    XCTAssertNil(byPath["both.txt"]?.takenFromParent)
    XCTAssertEqual(byPath["both.txt"]?.hunks.map(\.newCount), [1])
    // Its diff against the other parent only covers the file it did not take.
    XCTAssertEqual(commit.otherParentDiffs.first?.map(\.path), ["both.txt"])
  }

  func testLinesEqualBlameAndTheFullDiff() throws {
    let repo = try history()
    let keep = ["HEAD", "topic~1", "topic"]
    let run = try LedgerRun(repo, keep: keep)
    let full = try LedgerRun(repo, keep: keep, mining: { $0.libgit2TreeDiff = true })
    let fullMerge = try XCTUnwrap(
      full.commits.first { $0.position == (try run.position(of: "topic~1", in: repo)) })
    XCTAssertTrue(
      fullMerge.change.files.allSatisfy { $0.takenFromParent == nil }, "the full diff takes nothing")
    for rev in keep {
      let position = try run.position(of: rev, in: repo)
      let ours = try XCTUnwrap(run.ledger.lines(at: position))
      let theirs = try XCTUnwrap(full.ledger.lines(at: position))
      XCTAssertEqual(ours.keys.sorted(), theirs.keys.sorted(), rev)
      for path in try textFiles(repo, at: rev) {
        let origins = try XCTUnwrap(ours[path], "\(rev) \(path)").map { run.sha(at: $0.origin) }
        XCTAssertEqual(origins, try blame(repo, path, at: rev), "\(rev) \(path)")
        XCTAssertEqual(
          ours[path]?.map(\.origin), theirs[path]?.map(\.origin),
          "\(rev) \(path): same origins as the full diff")
      }
    }
    // Landings on the mainline do not depend on how the side merge was read.
    let head = try run.position(of: "HEAD", in: repo)
    XCTAssertEqual(run.ledger.lines(at: head), full.ledger.lines(at: head))
  }

  func testFilesTheLedgerDoesNotFollowAreNotDiffedOffTheMainline() throws {
    let repo = try FixtureRepo()
    try repo.write("src/app.txt", lines(8, "app"))
    try repo.write("package-lock.json", lines(30, "lock"))
    try repo.commit("start", day: 1)
    try repo.checkoutNewBranch("topic")
    try repo.write("src/app.txt", lines(8, "app") + "topic's app\n")
    try repo.write("package-lock.json", lines(30, "lock") + "topic's lock\n")
    try repo.commit("topic edits app and the lock file", author: .bob, day: 2)
    try repo.checkout("main")
    try repo.write("package-lock.json", "main's lock\n" + lines(30, "lock"))
    try repo.commit("main edits the lock file", author: .carol, day: 3)
    try repo.merge("topic", message: "Merge topic", day: 4)
    let followed = PathDecisions(.standard)
    let run = try LedgerRun(
      repo, paths: .standard, mining: { $0.movesFollow = { followed.includes($0) } })
    let plain = try LedgerRun(repo, paths: .standard)
    let side = try XCTUnwrap(run.commits.first { $0.mainlineIndex == nil })
    let lock = try XCTUnwrap(side.change.files.first { $0.path == "package-lock.json" })
    XCTAssertEqual(lock.hunks, [])
    XCTAssertEqual(lock.linesAdded, 0)
    XCTAssertEqual(side.change.files.first { $0.path == "src/app.txt" }?.linesAdded, 1)
    // The mainline's own counts still include the lock file, as git log --numstat does.
    let mainEdit = try XCTUnwrap(run.commits.first { $0.mainlineIndex == 1 })
    XCTAssertEqual(mainEdit.change.files.first { $0.path == "package-lock.json" }?.linesAdded, 1)
    let merge = try XCTUnwrap(run.commits.first { $0.mainlineIndex == 2 })
    XCTAssertEqual(merge.change.files.first { $0.path == "package-lock.json" }?.linesAdded, 1)
    let head = try run.position(of: "HEAD", in: repo)
    XCTAssertEqual(run.ledger.lines(at: head), plain.ledger.lines(at: head))
    XCTAssertEqual(run.ledger.lines(at: head)?.keys.sorted(), ["src/app.txt"])
  }
}
