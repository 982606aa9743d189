import GitHistory
import OutcomeModel
import TestSupport
import XCTest

/// What the miner reports in `FileDiff.moves`: where each moved or copied block comes from.
final class MoveSearchTests: XCTestCase {
  private func block(_ name: String, _ count: Int) -> [String] {
    (1...count).map { "    result_\(name) = combine_values(result_\(name), input_\(name)[\($0)]);" }
  }

  private func text(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

  private func moves(_ repo: FixtureRepo, _ mode: MoveDetection, detail: DiffDetail = .positions) throws
    -> [String: [LineMove]]
  {
    let changes = try mineAll(repo) {
      $0.detail = detail
      $0.moves = mode
    }.changes
    var result: [String: [LineMove]] = [:]
    for file in try XCTUnwrap(changes.last).files where !file.moves.isEmpty {
      result[file.path] = file.moves
    }
    return result
  }

  func testBlocksMovedWithinAFileAndFromAnotherChangedFile() throws {
    let repo = try FixtureRepo()
    let a = block("alpha", 6)
    let b = block("bravo", 4)
    let c = block("charlie", 5)
    try repo.write("one.c", text(["// one"] + a + b))
    try repo.write("two.c", text(["// two"] + c))
    try repo.commit("Start", day: 0)
    // one.c: b moves above a (within the file); two.c: c leaves for one.c's end (across files).
    try repo.write("one.c", text(["// one"] + b + a + c))
    try repo.write("two.c", text(["// two"]))
    try repo.commit("Move", author: .bob, day: 1)

    for detail in [DiffDetail.positions, .hunks] {
      let found = try moves(repo, .commit, detail: detail)
      // git's diff keeps a (the longer block) and re-adds b above it; c comes from two.c.
      XCTAssertEqual(
        found["one.c"],
        [
          LineMove(newStart: 2, count: 4, sourcePath: "one.c", sourceStart: 8),
          LineMove(newStart: 12, count: 5, sourcePath: "two.c", sourceStart: 2),
        ], "detail \(detail)")
      XCTAssertEqual(
        try moves(repo, .file, detail: detail)["one.c"],
        [LineMove(newStart: 2, count: 4, sourcePath: "one.c", sourceStart: 8)], "-M alone stays in the file")
      XCTAssertEqual(try moves(repo, .off, detail: detail), [:])
    }
  }

  func testShortLinesAndLinesSharingTheirFirstBytesStillMove() throws {
    // Parent lines are filtered by length and first eight bytes before they are hashed: lines shorter
    // than eight bytes, and lines equal in their first eight, must still be found.
    let repo = try FixtureRepo()
    let short = (10..<24).map { "x\($0)y" }
    let shared = block("alpha", 6)
    try repo.write("one.c", text(["// one"]))
    try repo.write("two.c", text(["// two"] + short + shared + ["// end"]))
    try repo.commit("Start", day: 0)
    try repo.write("one.c", text(["// one"] + short + shared))
    try repo.write("two.c", text(["// two", "// end"]))
    try repo.commit("Move", author: .bob, day: 1)
    XCTAssertEqual(
      try moves(repo, .commit)["one.c"],
      [LineMove(newStart: 2, count: 20, sourcePath: "two.c", sourceStart: 2)])
  }

  func testScoresFollowGitThresholds() throws {
    let repo = try FixtureRepo()
    // 19 alphanumerics: not above blame's -M score of 20 (score is one plus the alphanumerics).
    let small = ["abcdefghij", "klmnopqrs"]
    // 39 alphanumerics in another file: above -M's 20 but not above -C's 40.
    let medium = ["abcdefghijklmnopqrst", "uvwxyzabcdefghijklm"]
    try repo.write("a.txt", text(small + ["zz"]))
    try repo.write("b.txt", text(medium + ["yy"]))
    try repo.write("c.txt", text(["c"]))
    try repo.commit("Start", day: 0)
    try repo.write("a.txt", text(["zz"] + small))
    try repo.write("b.txt", text(["yy"]))
    try repo.write("c.txt", text(["c"] + medium))
    try repo.commit("Move", author: .bob, day: 1)
    XCTAssertEqual(try moves(repo, .commit), [:])
  }

  func testBlocksJustAboveGitThresholdsMove() throws {
    let repo = try FixtureRepo()
    // 20 alphanumerics (score 21) within a file, 40 (score 41) from another file: both above.
    let small = ["abcdefghij", "klmnopqrst"]
    let medium = ["abcdefghijklmnopqrst", "uvwxyzabcdefghijklmn"]
    // Three lines stay in a.txt, so the diff keeps them and re-adds the two-line block after them.
    let stays = ["x", "y", "z"]
    try repo.write("a.txt", text(small + stays))
    try repo.write("b.txt", text(medium + ["yy"]))
    try repo.write("c.txt", text(["c"]))
    try repo.commit("Start", day: 0)
    try repo.write("a.txt", text(stays + small))
    try repo.write("b.txt", text(["yy"]))
    try repo.write("c.txt", text(["c"] + medium))
    try repo.commit("Move", author: .bob, day: 1)
    let found = try moves(repo, .commit)
    XCTAssertEqual(found["a.txt"], [LineMove(newStart: 4, count: 2, sourcePath: "a.txt", sourceStart: 1)])
    XCTAssertEqual(found["c.txt"], [LineMove(newStart: 2, count: 2, sourcePath: "b.txt", sourceStart: 1)])
    XCTAssertNil(try moves(repo, .file)["c.txt"], "-M alone does not look in b.txt")
  }

  func testRenamedFileSearchesItsOldPath() throws {
    let repo = try FixtureRepo()
    let a = block("delta", 8)
    let b = block("echo", 8)
    try repo.write("old/name.c", text(a + b))
    try repo.commit("Start", day: 0)
    try repo.move("old/name.c", "new/name.c")
    try repo.write("new/name.c", text(b + a))
    try repo.commit("Rename and reorder", author: .bob, day: 1)
    let found = try moves(repo, .file)
    // git's diff keeps b and re-adds a after it.
    XCTAssertEqual(
      found["new/name.c"], [LineMove(newStart: 9, count: 8, sourcePath: "old/name.c", sourceStart: 1)])
  }
}
