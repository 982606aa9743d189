import GitHistory
import Ledger
import OutcomeModel
import TestSupport
import XCTest

/// Hand-built moves whose outcome is known by construction, each checked against `git blame -M -C` on
/// every line and against the ledger's per-change accounting.
final class MoveFixtureTests: XCTestCase {
  /// A C-like function of `count` lines whose every line carries more than 20 alphanumerics.
  private func function(_ name: String, lines count: Int) -> [String] {
    ["static int \(name)(struct request *incoming_request) {"]
      + (1..<(count - 1)).map { "  total_bytes_\(name) += measure_segment_\($0)(incoming_request);" }
      + ["}"]
  }

  private func text(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

  private struct Outcome {
    let run: LedgerRun
    let shas: [String]
    /// Ledger origin of each line at HEAD, by path.
    let origins: [String: [String]]

    func change(_ sha: String) -> ChangeLines {
      let index = run.commits.filter { $0.mainlineIndex != nil }.firstIndex { $0.change.id.hex == sha }!
      return run.ledger.changes[index]
    }
  }

  /// Runs the ledger with moves and checks every line at HEAD equals `git blame -M -C`.
  private func check(_ repo: FixtureRepo, _ shas: [String], sums: Bool = true) throws -> Outcome {
    // One person per author email, so deaths split into own and others as in a real pass.
    var people: [String: Int] = [:]
    let run = try LedgerRun(repo, moves: .commit) { info in
      let person = people[info.author.email] ?? people.count
      people[info.author.email] = person
      return CommitFacts(person: person, isAI: false)
    }
    let head = try run.position(of: "HEAD", in: repo)
    let lines = try XCTUnwrap(run.ledger.lines(at: head))
    var origins: [String: [String]] = [:]
    for path in try textFiles(repo, at: "HEAD") {
      let expected = try blame(repo, path, at: "HEAD", options: ["-M", "-C"])
      let actual = try XCTUnwrap(lines[path]).map { run.sha(at: $0.origin) }
      XCTAssertEqual(actual, expected, "\(path) against git blame -M -C")
      origins[path] = actual
    }
    // Per-change sums: what first-parent blame with moves gives each change is what it owns and keeps.
    var expected: [String: Int] = [:]
    for path in try textFiles(repo, at: "HEAD") {
      for sha in try blame(repo, path, at: "HEAD", firstParent: true, options: ["-M", "-C"]) {
        expected[sha, default: 0] += 1
      }
    }
    let outcome = Outcome(run: run, shas: shas, origins: origins)
    for sha in shas where sums {
      let change = outcome.change(sha)
      XCTAssertEqual(change.owned - change.deathTotal, expected[sha] ?? 0, "alive lines of \(sha.prefix(8))")
    }
    return outcome
  }

  func testFunctionMovedToAnotherFileByAnotherPersonKeepsItsOrigin() throws {
    let repo = try FixtureRepo()
    let moved = function("parse_request_headers", lines: 30)
    let kept = function("write_response_body", lines: 12)
    try repo.write("src/server.c", text(kept + [""] + moved))
    try repo.write("src/parse.c", text(["#include \"parse.h\"", ""]))
    let first = try repo.commit("Add the server", author: .alice, day: 0)
    try repo.write("src/server.c", text(kept))
    try repo.write("src/parse.c", text(["#include \"parse.h\"", ""] + moved))
    let second = try repo.commit("Move header parsing to its own file", author: .bob, day: 3)

    let outcome = try check(repo, [first, second])
    XCTAssertEqual(outcome.origins["src/parse.c"]?.filter { $0 == first }.count, 30 + 2)
    let mover = outcome.change(second)
    XCTAssertEqual(mover.linesMoved, 30)
    XCTAssertEqual(mover.owned, 0, "the mover wrote none of the function")
    let author = outcome.change(first)
    XCTAssertEqual(author.deathTotal, 1, "only the blank line left behind died, not the moved lines")
    XCTAssertEqual(author.owned, 12 + 1 + 30 + 2)
  }

  func testBlockMovedWithinAFileKeepsItsOrigin() throws {
    let repo = try FixtureRepo()
    let a = function("open_database_connection", lines: 8)
    let b = function("close_database_connection", lines: 9)
    let c = function("rotate_database_journal", lines: 7)
    try repo.write("db.c", text(a + b + c))
    let first = try repo.commit("Add db", author: .alice, day: 0)
    try repo.write("db.c", text(c + a + b))
    let second = try repo.commit("Reorder db functions", author: .bob, day: 1)

    let outcome = try check(repo, [first, second])
    XCTAssertEqual(outcome.origins["db.c"], Array(repeating: first, count: 24))
    XCTAssertEqual(outcome.change(second).linesMoved, 7)
    XCTAssertEqual(outcome.change(second).owned, 0)
    XCTAssertEqual(outcome.change(first).deathTotal, 0)
  }

  func testBlockPastedTwiceInTheSameFileIsACopyOfItsSource() throws {
    let repo = try FixtureRepo()
    let block = function("validate_checksum_table", lines: 12)
    let other = function("load_checksum_table", lines: 6)
    try repo.write("check.c", text(block + other))
    let first = try repo.commit("Add checks", author: .alice, day: 0)
    try repo.write("check.c", text(block + other + block + block))
    let second = try repo.commit("Paste the validator twice", author: .bob, day: 2)
    try repo.write("check.c", text(other + block + block))
    let third = try repo.commit("Drop the original validator", author: .carol, day: 4)

    // Blame counts the copies as the original change's lines; the ledger does not (below), so only the
    // origins are compared here.
    let outcome = try check(repo, [first, second, third], sums: false)
    // Blame gives both pasted copies to the original lines; they stay the original's after it goes.
    XCTAssertEqual(outcome.origins["check.c"], Array(repeating: first, count: 30))
    XCTAssertEqual(outcome.change(second).linesMoved, 24)
    XCTAssertEqual(outcome.change(second).owned, 0)
    // The copies are not the original change's lines: removing the source is its lines dying, and the
    // copies living on does not count for it.
    XCTAssertEqual(outcome.change(first).deathTotal, 12)
  }

  private func assertNoNegativeDeaths(
    _ outcome: Outcome, _ sha: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    for (day, count) in outcome.change(sha).deaths {
      XCTAssertGreaterThanOrEqual(count.own, 0, "day \(day)", file: file, line: line)
      XCTAssertGreaterThanOrEqual(count.others, 0, "day \(day)", file: file, line: line)
    }
  }

  func testABlockMovedToTwoPlacesLandsInOneAndIsCopiedToTheOther() throws {
    let repo = try FixtureRepo()
    let kept = function("write_response_body", lines: 10)
    let moved = function("parse_request_headers", lines: 20)
    try repo.write("server.c", text(kept + moved))
    let first = try repo.commit("Add the server", author: .alice, day: 0)
    try repo.write("server.c", text(kept))
    try repo.write("a.c", text(moved))
    try repo.write("b.c", text(moved))
    let second = try repo.commit("Split parsing out, twice", author: .bob, day: 2)
    try repo.remove("b.c")
    let third = try repo.commit("Drop the second copy", author: .carol, day: 4)
    try repo.remove("a.c")
    let fourth = try repo.commit("Drop the parser", author: .carol, day: 6)

    let outcome = try check(repo, [first, second, third, fourth], sums: false)
    XCTAssertEqual(outcome.change(second).linesMoved, 40)
    XCTAssertEqual(outcome.change(second).owned, 0)
    // One removal of the source, so one cancelled death: the moved lines die once, with a.c.
    XCTAssertEqual(outcome.change(first).deathTotal, 20)
    XCTAssertEqual(outcome.change(first).deaths.keys.sorted(), [6])
    assertNoNegativeDeaths(outcome, first)
  }

  func testACopyMovedOnStaysACopy() throws {
    let repo = try FixtureRepo()
    let block = function("validate_checksum_table", lines: 12)
    let other = function("load_checksum_table", lines: 6)
    let host = function("store_checksum_table", lines: 5)
    try repo.write("check.c", text(block + other))
    try repo.write("store.c", text(host))
    let first = try repo.commit("Add checks", author: .alice, day: 0)
    // check.c changes too, so blame -C looks for copies in it.
    try repo.write("copy.c", text(block))
    try repo.write("check.c", text(block + other + ["/* validated by copy.c as well */"]))
    let second = try repo.commit("Paste the validator", author: .bob, day: 2)
    // Into a file that exists already, so git sees a move, not a rename of copy.c.
    try repo.remove("copy.c")
    try repo.write("store.c", text(host + block))
    let third = try repo.commit("Move the pasted validator", author: .carol, day: 4)

    let outcome = try check(repo, [first, second, third], sums: false)
    XCTAssertEqual(outcome.change(second).linesMoved, 12, "pasted from check.c")
    XCTAssertEqual(outcome.change(third).linesMoved, 12)
    // The copy's removal was never the original's death, so moving it cancels nothing.
    XCTAssertEqual(outcome.change(first).deathTotal, 0)
    assertNoNegativeDeaths(outcome, first)
  }

  func testAMoveAMergeLandsCancelsTheDeathOfTheLineItRemoved() throws {
    let repo = try FixtureRepo()
    let kept = function("write_response_body", lines: 10)
    let moved = function("parse_request_headers", lines: 15)
    let host = function("parse_entry_point", lines: 4)
    try repo.write("server.c", text(kept + moved))
    try repo.write("parse.c", text(host))
    let first = try repo.commit("Add the server", author: .alice, day: 0)
    // On the branch the block is pasted and the original deleted in separate commits, so at the
    // branch's tip the pasted lines are the branch's own; only the merge's diff shows a move.
    try repo.checkoutNewBranch("topic")
    try repo.write("parse.c", text(host + moved))
    try repo.commit("Paste the parser", author: .bob, day: 1)
    try repo.write("server.c", text(kept))
    try repo.commit("Drop the old parser", author: .bob, day: 2)
    try repo.checkout("main")
    let merge = try repo.merge("topic", message: "Merge topic", author: .bob, day: 3)

    let outcome = try check(repo, [first, merge], sums: false)
    XCTAssertEqual(outcome.change(merge).linesMoved, 15)
    // The death the merge records and the one its move cancels are the same line's, in the same bucket.
    XCTAssertEqual(outcome.change(first).deathTotal, 0)
    assertNoNegativeDeaths(outcome, first)
  }

  func testBlockUnderTwentyAlphanumericsIsNotMoved() throws {
    let repo = try FixtureRepo()
    let long = function("compute_rolling_average", lines: 6)
    let small = ["x = 1;", "y = 2;", "z = x + y;"]  // 5 alphanumerics in all
    try repo.write("math.c", text(small + long))
    let first = try repo.commit("Add math", author: .alice, day: 0)
    try repo.write("math.c", text(long + small))
    let second = try repo.commit("Move the constants down", author: .bob, day: 1)

    let outcome = try check(repo, [first, second])
    XCTAssertEqual(outcome.origins["math.c"]?.suffix(3), [second, second, second])
    XCTAssertEqual(outcome.change(second).linesMoved, 0)
    XCTAssertEqual(outcome.change(second).owned, 3)
  }

  /// SZZ: a fix that moves a function and corrects one line blames only that line's change.
  func testAFixThatMovesCodeBlamesOnlyTheLinesItChanged() throws {
    let repo = try FixtureRepo()
    let moved = function("render_status_line", lines: 10)
    let kept = function("parse_status_flags", lines: 6)
    try repo.write("status.c", text(kept + moved))
    try repo.write("render.c", text(["// render"]))
    let first = try repo.commit("Add status", author: .alice, day: 0)
    var fixed = kept
    fixed[2] = "  total_bytes_parse_status_flags += measure_segment_fixed(incoming_request);"
    try repo.write("status.c", text(fixed))
    try repo.write("render.c", text(["// render"] + moved))
    try repo.commit("fix: count fixed segments; move rendering out", author: .bob, day: 2)
    for (mode, expected) in [(MoveDetection.commit, 1), (.off, 11)] {
      let run = try LedgerRun(repo, moves: mode) { info in
        CommitFacts(person: 0, isAI: false, isFix: info.subject.hasPrefix("fix"))
      }
      XCTAssertEqual(
        run.ledger.changes[1].blamed[0], expected,
        "moves \(mode.rawValue): lines blamed on \(first.prefix(8))")
    }
  }

  func testMovesOffGivesTheMoverTheLines() throws {
    let repo = try FixtureRepo()
    let moved = function("parse_request_headers", lines: 30)
    try repo.write("a.c", text(moved))
    try repo.write("b.c", text(["// b"]))
    try repo.commit("Add a", author: .alice, day: 0)
    try repo.write("a.c", text(["// a"]))
    try repo.write("b.c", text(["// b"] + moved))
    let second = try repo.commit("Move", author: .bob, day: 1)
    let run = try LedgerRun(repo, moves: .off)
    let lines = try XCTUnwrap(run.ledger.lines(at: try run.position(of: "HEAD", in: repo)))
    XCTAssertEqual(
      try XCTUnwrap(lines["b.c"]).map { run.sha(at: $0.origin) }, try blame(repo, "b.c", at: "HEAD"))
    XCTAssertEqual(lines["b.c"]?.filter { run.sha(at: $0.origin) == second }.count, 30)
    XCTAssertEqual(run.ledger.changes[1].linesMoved, 0)
  }
}
