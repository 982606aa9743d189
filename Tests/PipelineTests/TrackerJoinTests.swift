import Foundation
import GitHistory
import OutcomeModel
import Pipeline
import TestSupport
import XCTest

/// Tracker exports joined to a mainline before the outcome pass: what SZZ and the ledger are told.
final class TrackerJoinTests: XCTestCase {
  func write(_ text: String, _ name: String, in repo: FixtureRepo) throws -> String {
    let url = repo.url.deletingLastPathComponent().appendingPathComponent("\(UUID().uuidString)-\(name)")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  func session(_ repo: FixtureRepo, exports: [String]) throws -> MiningSession {
    var request = MiningRequest()
    request.path = repo.url.path
    request.trackers = TrackerRequest(paths: exports)
    return try MiningSession(request)
  }

  /// A merge whose subject names no request is linked through its contributing commit (the request's head),
  /// so the plan's contributing ids reach the linker; the request's body marks the branch as AI work.
  func testMergeLinkedByContributingHeadMarksItsCommitsAndBugFixesCarryTheReportTime() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "one\ntwo\n")
    try repo.commit("Start", day: 300)
    try repo.checkoutNewBranch("feature")
    try repo.write("b.txt", "three\n")
    let head = try repo.commit("Add b", author: .bob, day: 301)
    try repo.checkout("main")
    let merge = try repo.merge("feature", message: "Merge branch 'feature'", day: 302)
    try repo.write("b.txt", "three!\n")
    let fix = try repo.commit("Tidy b\n\nCloses #9", author: .carol, day: 304)

    let pulls = try write(
      #"[{"number":21,"state":"closed","draft":false,"title":"Add b","body":"Made with [Cursor](https://cursor.com)","user":{"login":"bob-dev","id":7,"type":"User"},"created_at":"\#(iso(0, hours: 12))","updated_at":"\#(iso(2))","closed_at":"\#(iso(2))","merged_at":"\#(iso(2))","merge_commit_sha":null,"head":{"ref":"feature","sha":"\#(head)","repo":null},"base":{"ref":"main","sha":"3333333333333333333333333333333333333333","repo":{"full_name":"org/app"}},"labels":[],"html_url":"https://github.com/org/app/pull/21"}]"#,
      "pulls.json", in: repo)
    let issues = try write(
      #"[{"number":9,"state":"open","state_reason":null,"title":"b is wrong","body":"","user":{"login":"dave-dev","id":9,"type":"User"},"labels":[{"name":"bug"}],"created_at":"\#(iso(3))","updated_at":"\#(iso(3))","closed_at":null,"html_url":"https://github.com/org/app/issues/9"}]"#,
      "issues.json", in: repo)
    let session = try session(repo, exports: [pulls, issues])
    let setup = try XCTUnwrap(session.trackers)
    XCTAssertEqual(setup.warnings, [])
    let join = try TrackerJoin(session: session, setup: setup)

    let mergeID = try XCTUnwrap(CommitID(hex: merge))
    XCTAssertEqual(join.changeRequest(for: mergeID)?.ref.number, 21)
    XCTAssertEqual(join.links.changeRequest(for: mergeID)?.evidence, .trackerCommitList)
    XCTAssertNotNil(join.pullRequests[mergeID])
    XCTAssertEqual(join.aiCommits, [mergeID, try XCTUnwrap(CommitID(hex: head))], "the merge and its branch")
    XCTAssertEqual(join.bugFixes.count, 1)
    XCTAssertEqual(join.bugFixes[fix], .some(FixtureDate.baseEpoch + 303 * 86_400))

    var ledger = LedgerRequest()
    join.prepare(&ledger)
    XCTAssertEqual(ledger.bugFixes.keys.sorted(), [fix])
    var record = ChangeRecord(
      sha: fix, parents: [], authoredAt: "", committedAt: "", author: "", filesChanged: 0, linesAdded: 0,
      linesDeleted: 0, isMerge: false, contributingCommits: 0)
    join.fill(&record)
    XCTAssertEqual(record.issues, ["org/app#9"])
    XCTAssertNil(record.pr)
  }

  func testTruncatedExportIsBadInputNamingFileLineAndColumn() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "one\n")
    try repo.commit("Start", day: 300)
    let broken = try write(#"[{"number":9,"state":"open","title":"#, "broken.json", in: repo)
    XCTAssertThrowsError(try session(repo, exports: [broken])) { error in
      guard case PipelineError.badInput(let message) = error else { return XCTFail("\(error)") }
      XCTAssertTrue(message.hasPrefix(broken + ":1:"), message)
      XCTAssertFalse(message.contains("\n"), message)
    }
  }
}

/// The ISO-8601 time `day` days (and `hours`) after the fixtures' day 300, when the tools in the
/// catalogue already existed (evidence dated before a tool's release is not counted).
private func iso(_ day: Int, hours: Int = 0) -> String {
  Timestamp.iso8601(FixtureDate.baseEpoch + Int64(300 + day) * 86_400 + Int64(hours) * 3_600)
}
