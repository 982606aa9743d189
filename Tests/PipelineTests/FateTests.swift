import Foundation
import GitHistory
import OutcomeModel
import Pipeline
import TestSupport
import XCTest

/// Fixture histories whose fate is known by construction, through the whole outcome pass.
final class FateTests: XCTestCase {
  struct Outcome {
    var records: [String: ChangeRecord]
    var warnings: [String]
    var pass: OutcomePass.Result
  }

  func outcomes(_ repo: FixtureRepo, keep: [String] = []) throws -> Outcome {
    var request = MiningRequest()
    request.path = repo.url.path
    let session = try MiningSession(request)
    let builder = ChangeRecordBuilder(
      pseudonymizer: Pseudonymizer(salt: "t"), mailmap: session.mailmap, attribution: session.attribution)
    let graph = GraphPlan(session.fullPlan)
    let kept = Set(try keep.map { try XCTUnwrap(graph.position(of: CommitID(hex: repo.revParse($0))!)) })
    let pass = try OutcomePass(session: session, request: session.request.ledger!).run(
      builder: builder, keptStates: kept, progress: nil, graph: graph)
    return Outcome(
      records: Dictionary(uniqueKeysWithValues: pass.records.map { ($0.sha, $0) }), warnings: pass.warnings,
      pass: pass)
  }

  func lines(_ count: Int, _ prefix: String) -> String {
    (1...count).map { "\(prefix) line \($0)" }.joined(separator: "\n") + "\n"
  }

  func testDeathsOnKnownDaysGiveChurnSurvivalAndCensoring() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", lines(10, "a"))
    let a = try repo.commit("Add a", author: .alice, day: 0)
    var text = try repo.read("a.txt").split(separator: "\n").map(String.init)
    text.removeSubrange(0..<3)
    try repo.write("a.txt", text.joined(separator: "\n") + "\n")
    let b = try repo.commit("Trim a", author: .bob, day: 5)
    text[0] = "rewritten 1"
    text[1] = "rewritten 2"
    try repo.write("a.txt", text.joined(separator: "\n") + "\n")
    let c = try repo.commit("Rework a", author: .alice, day: 10)
    try repo.write("d.txt", lines(4, "d"))
    let d = try repo.commit("Add d", author: .carol, day: 40)

    let result = try outcomes(repo)
    let fate = try XCTUnwrap(result.records[a]?.fate)
    XCTAssertEqual(fate.owned, 10)
    XCTAssertEqual(fate.alive, 5)
    XCTAssertEqual(result.records[a]?.linesAlive, 5)
    XCTAssertEqual(fate.deaths, [[5, 3], [10, 2]])
    XCTAssertEqual(fate.churned14d, 5)
    XCTAssertEqual(fate.churned21d, 5)
    XCTAssertEqual(fate.churned21dSelf, 2, "alice reworked her own two lines")
    XCTAssertEqual(fate.churned21dOthers, 3, "bob removed three of alice's lines")
    XCTAssertEqual(fate.alive30d, 5)
    XCTAssertEqual(fate.observedDays, 40)
    XCTAssertNil(fate.alive90d, "a horizon beyond the last commit is not known, never alive")
    XCTAssertEqual(result.records[b]?.fate?.owned, 0)
    XCTAssertEqual(result.records[c]?.linesAlive, 2)
    let last = try XCTUnwrap(result.records[d]?.fate)
    XCTAssertEqual(last.observedDays, 0)
    XCTAssertNil(last.churned21d)
    XCTAssertNil(result.records[d]?.churned21d)
    XCTAssertNil(last.alive30d)
  }

  /// A commit that undoes `target` with git's own revert message.
  func revert(_ repo: FixtureRepo, _ target: String, subject: String, day: Int, body: String? = nil) throws
    -> String
  {
    try repo.git(["revert", "--no-commit", target])
    let message = "Revert \"\(subject)\"\n\n" + (body ?? "This reverts commit \(target).")
    return try repo.commit(message, author: .bob, day: day)
  }

  func testRevertsPlainOfAMergeOfASquashedPRAndRevertOfRevert() throws {
    let repo = try FixtureRepo()
    try repo.write("base.txt", lines(3, "base"))
    try repo.commit("Base", day: 0)
    try repo.write("p.txt", lines(2, "p"))
    let plain = try repo.commit("Add p", day: 1)
    let plainRevert = try revert(repo, plain, subject: "Add p", day: 3)

    try repo.checkoutNewBranch("feature")
    try repo.write("x.txt", lines(2, "x"))
    let branchCommit = try repo.commit("Add x", day: 4)
    try repo.checkout("main")
    let merge = try repo.merge("feature", message: "Merge pull request #7 from org/feature", day: 5)
    _ = try revert(repo, branchCommit, subject: "Add x", day: 6)

    try repo.write("s.txt", lines(2, "s"))
    let squash = try repo.commit("Add parser (#12)", day: 7)
    try repo.git(["revert", "--no-commit", squash])
    let squashRevert = try repo.commit(
      "Revert \"Add parser (#12)\" (#13)\n\nReverts org/repo#12", author: .bob, day: 8)

    try repo.write("q.txt", lines(2, "q"))
    let relanded = try repo.commit("Add q", day: 9)
    let firstRevert = try revert(repo, relanded, subject: "Add q", day: 10)
    let secondRevert = try revert(repo, firstRevert, subject: "Revert \"Add q\"", day: 11)

    let result = try outcomes(repo)
    let plainRecord = try XCTUnwrap(result.records[plain]?.reverted)
    XCTAssertEqual(plainRecord.by, plainRevert)
    XCTAssertEqual(plainRecord.days, 2)
    XCTAssertEqual(plainRecord.via, "message")
    XCTAssertEqual(
      result.records[merge]?.reverted?.via, "message", "a revert of a branch commit reverts its merge")
    XCTAssertEqual(result.records[squash]?.reverted?.by, squashRevert)
    XCTAssertEqual(result.records[squash]?.reverted?.via, "pr")
    XCTAssertNil(result.records[relanded]?.reverted, "a reverted revert cancels the first")
    XCTAssertEqual(result.records[relanded]?.relanded?.by, firstRevert)
    XCTAssertEqual(result.records[relanded]?.relanded?.relandedBy, secondRevert)
    XCTAssertEqual(result.records[firstRevert]?.reverted?.by, secondRevert)
    XCTAssertNil(result.records[secondRevert]?.reverted)
    XCTAssertEqual(result.records[plain]?.linesAlive, 0, "the revert removed every line")
  }

  func testMergeOfOneAIAndOneHumanCommitCountsExactAILinesAndConflictLinesOwnedByMerge() throws {
    let repo = try FixtureRepo()
    try repo.write("shared.txt", "top\nmiddle\nbottom\n")
    try repo.commit("Base", day: 400)
    try repo.checkoutNewBranch("feature")
    try repo.write("human.txt", lines(4, "h"))
    let human = try repo.commit("Human part", author: .bob, day: 401)
    try repo.write("ai.txt", lines(6, "ai"))
    try repo.write("shared.txt", "top\nbranch says\nbottom\n")
    let ai = try repo.commit(
      "AI part\n\nCo-Authored-By: Claude <noreply@anthropic.com>", author: .bob, day: 402)
    try repo.checkout("main")
    try repo.write("shared.txt", "top\nmain says\nbottom\n")
    try repo.commit("Main edit", author: .carol, day: 402)
    let merge = try repo.merge("feature", message: "Merge pull request #3 from org/feature", day: 403) {
      repo in
      try repo.write("shared.txt", "top\nresolved by hand\nbottom\n")
    }

    let result = try outcomes(repo, keep: ["HEAD"])
    let record = try XCTUnwrap(result.records[merge])
    XCTAssertEqual(record.linesAdded, 11)
    XCTAssertEqual(record.aiLinesAdded, 6, "only the AI commit's lines are AI lines")
    XCTAssertEqual(record.fate?.owned, 11)
    XCTAssertEqual(record.fate?.aiAlive, 6, "the AI lines are all still there")
    let position = try XCTUnwrap(result.pass.graph.position(of: CommitID(hex: merge)!))
    let state = try XCTUnwrap(result.pass.ledger.lines(at: position))
    let ids = result.pass.graph.ids
    XCTAssertEqual(
      ids[try XCTUnwrap(state["shared.txt"]?[1].origin)].hex, merge, "the resolution is the merge's")
    XCTAssertEqual(ids[try XCTUnwrap(state["human.txt"]?[0].origin)].hex, human)
    XCTAssertEqual(ids[try XCTUnwrap(state["ai.txt"]?[0].origin)].hex, ai)
    XCTAssertEqual(state["ai.txt"]?.allSatisfy(\.ai), true)
    XCTAssertEqual(state["human.txt"]?.contains(where: \.ai), false)
  }

  func testRenamesCarryOrigins() throws {
    let repo = try FixtureRepo()
    try repo.write("old/name.txt", lines(20, "r"))
    let first = try repo.commit("Add", author: .alice, day: 0)
    try repo.move("old/name.txt", "new/name.txt")
    try repo.commit("Move", author: .bob, day: 3)
    let result = try outcomes(repo)
    XCTAssertEqual(result.records[first]?.linesAlive, 20, "a rename is not a death")
  }

  func testFoxtrotMergeIsReportedAndOriginsAreUnaffected() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", lines(3, "a"))
    try repo.commit("Base", day: 0)
    try repo.checkoutNewBranch("local")
    try repo.write("local.txt", lines(2, "local"))
    try repo.commit("Local work", author: .bob, day: 1)
    try repo.checkout("main")
    try repo.write("upstream.txt", lines(5, "up"))
    let upstream = try repo.commit("Upstream change", author: .carol, day: 1)
    try repo.checkout("local")
    try repo.merge("main", message: "Merge branch 'main' of github.com:org/repo", author: .bob, day: 2)
    try repo.checkout("main")
    try repo.git(["merge", "--ff-only", "-q", "local"])

    let result = try outcomes(repo, keep: ["HEAD"])
    XCTAssertTrue(result.warnings.contains { $0.contains("1 foxtrot merge") }, "\(result.warnings)")
    XCTAssertNil(result.records[upstream], "the real mainline change is now a contributing commit")
    let head = try XCTUnwrap(result.pass.graph.position(of: CommitID(hex: repo.revParse("HEAD"))!))
    let state = try XCTUnwrap(result.pass.ledger.lines(at: head))
    XCTAssertEqual(result.pass.graph.ids[try XCTUnwrap(state["upstream.txt"]?[0].origin)].hex, upstream)
  }

  func testFixesTrailerSZZAndWhitespaceOnlyFixes() throws {
    let repo = try FixtureRepo()
    try repo.write("a.c", "int a = 1;\nint b = 2;\n// about a\n")
    let first = try repo.commit("Add a", author: .alice, day: 0)
    try repo.write("b.c", "int c = 3;\nint d = 4;\n")
    let second = try repo.commit("Add b", author: .bob, day: 1)
    // Touches b.c but names a.c's change: the trailer is exact and wins.
    try repo.write("b.c", "int c = 3;\nint d = 5;\n")
    let trailerFix = try repo.commit(
      "Correct d\n\nFixes: \(first.prefix(12)) (\"Add a\")", author: .carol, day: 2)
    try repo.write("a.c", "int a = 10;\nint b = 2;\n// about a\n")
    let szzFix = try repo.commit("fix: off by one in a", author: .carol, day: 3)
    try repo.write("b.c", "  int c = 3;\nint d = 5;\n")
    try repo.write("a.c", "int a = 10;\nint b = 2;\n// about the value of a\n")
    let cosmetic = try repo.commit("fix: indentation and comment", author: .carol, day: 4)
    try repo.write("c.c", "int e = 6;\n")
    let ghost = try repo.commit("fix: add missing e", author: .carol, day: 5)

    let result = try outcomes(repo)
    XCTAssertEqual(result.records[first]?.defectsInduced, [trailerFix, szzFix])
    XCTAssertEqual(
      result.records[second]?.defectsInduced, [], "b.c's change is not blamed by the trailer fix")
    XCTAssertEqual(result.records[trailerFix]?.fix, "fixes-trailer")
    XCTAssertEqual(result.records[szzFix]?.fix, "message")
    XCTAssertEqual(result.records[cosmetic]?.fix, "message")
    XCTAssertEqual(result.records[trailerFix]?.defectsInduced, [], "a whitespace-only edit blames nothing")
    XCTAssertEqual(result.pass.outcomes.szz.ghosts, 2, "the cosmetic fix and the add-only fix")
    XCTAssertEqual(result.records[ghost]?.fix, "message")
  }
}
