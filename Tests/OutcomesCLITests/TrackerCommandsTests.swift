import Foundation
import OutcomeModel
import TestSupport
import XCTest

/// `--issues` as a user meets it: pull requests and issues linked to rows, pull-request evidence in
/// attribution, bug issues making fixes for SZZ, the links in `explain`, and bad exports.
final class TrackerCommandsTests: XCTestCase {
  struct Fixture {
    var repo: FixtureRepo
    var exports: URL
    var squash: String
    var merge: String
    var fix: String
  }

  /// A squash-merged PR #12 (Claude Code footer in its body, closes feature issue #4), a merged PR #13
  /// opened by the Copilot agent, and a plain commit that fixes bug issue #5 in a line #12 wrote.
  func makeFixture(footer: Bool = true, labels: String = "[]") throws -> Fixture {
    let repo = try FixtureRepo()
    try repo.write("src/parser.swift", "func parse() {\n  let input = read()\n  return input\n}\n")
    try repo.commit("Start", day: 300)
    try repo.write("src/parser.swift", "func parse() {\n  let input = read()!\n  return tokens(input)\n}\n")
    let squash = try repo.commit("Add tokenizer (#12)", author: .bob, day: 302)
    try repo.checkoutNewBranch("claude/x")
    try repo.write("src/cache.swift", "let cache = [String: Int]()\n")
    try repo.commit("Add cache", author: .carol, day: 303)
    try repo.checkout("main")
    let merge = try repo.merge("claude/x", message: "Merge pull request #13 from org/claude/x", day: 304)
    try repo.write(
      "src/parser.swift", "func parse() {\n  let input = read() ?? \"\"\n  return tokens(input)\n}\n")
    let fix = try repo.commit("Parser: handle empty input\n\nFixes #5", author: .carol, day: 307)

    let folder = repo.url.deletingLastPathComponent().appendingPathComponent("exports-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let pulls = [
      #"{"number":12,"state":"closed","draft":false,"title":"Add tokenizer","body":"Closes #4\n\n\#(footer ? "🤖 Generated with [Claude Code](https://claude.com/claude-code)" : "")","user":{"login":"bob-dev","id":7,"type":"User"},"created_at":"\#(iso(1))","updated_at":"\#(iso(2))","closed_at":"\#(iso(2))","merged_at":"\#(iso(2))","merge_commit_sha":null,"head":{"ref":"bob/tokenizer","sha":"2222222222222222222222222222222222222222","repo":null},"base":{"ref":"main","sha":"3333333333333333333333333333333333333333","repo":{"full_name":"org/app"}},"labels":\#(labels),"html_url":"https://github.com/org/app/pull/12"}"#,
      #"{"number":13,"state":"closed","draft":false,"title":"Add cache","body":"","user":{"login":"Copilot","id":198982749,"type":"Bot"},"created_at":"\#(iso(3))","updated_at":"\#(iso(4))","closed_at":"\#(iso(4))","merged_at":"\#(iso(4))","merge_commit_sha":null,"head":{"ref":"claude/x","sha":"4444444444444444444444444444444444444444","repo":null},"base":{"ref":"main","sha":"3333333333333333333333333333333333333333","repo":{"full_name":"org/app"}},"labels":[],"html_url":"https://github.com/org/app/pull/13"}"#,
      #"{"number":14,"state":"closed","draft":false,"title":"Abandoned idea","body":"","user":{"login":"Copilot","id":198982749,"type":"Bot"},"created_at":"\#(iso(3))","updated_at":"\#(iso(5))","closed_at":"\#(iso(5))","merged_at":null,"merge_commit_sha":"5555555555555555555555555555555555555555","head":{"ref":"copilot/idea","sha":"6666666666666666666666666666666666666666","repo":null},"base":{"ref":"main","sha":"3333333333333333333333333333333333333333","repo":{"full_name":"org/app"}},"labels":[],"html_url":"https://github.com/org/app/pull/14"}"#,
    ]
    try Data((pulls.joined(separator: "\n") + "\n").utf8).write(
      to: folder.appendingPathComponent("pulls.ndjson"))
    let issues = """
      [{"number":4,"state":"closed","state_reason":"completed","title":"Tokenize input","body":"","user":{"login":"carol-dev","id":8,"type":"User"},"labels":[{"name":"enhancement"}],"created_at":"\(iso(0))","updated_at":"\(iso(2))","closed_at":"\(iso(2))","html_url":"https://github.com/org/app/issues/4"},
       {"number":5,"state":"closed","state_reason":"completed","title":"Parser crashes on empty input","body":"","user":{"login":"dave-dev","id":9,"type":"User"},"labels":[{"name":"bug"}],"created_at":"\(iso(5))","updated_at":"\(iso(7))","closed_at":"\(iso(7))","html_url":"https://github.com/org/app/issues/5"}]
      """
    try Data(issues.utf8).write(to: folder.appendingPathComponent("issues.json"))
    return Fixture(repo: repo, exports: folder, squash: squash, merge: merge, fix: fix)
  }

  func row(_ rows: [[String: Any]], _ sha: String) throws -> [String: Any] {
    try XCTUnwrap(rows.first { $0["sha"] as? String == sha }, "no row for \(sha)")
  }

  func testChangesFillPullRequestsIssuesEvidenceAndBugFixes() throws {
    let f = try makeFixture()
    let result = try outcomes(["changes", "--repo", f.repo.url.path, "--quiet", "--issues", f.exports.path])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stderr, "", "no warnings")
    let rows = try jsonLines(result.stdout)
    XCTAssertEqual(rows.count, 4)

    let squash = try row(rows, f.squash)
    let pr = try XCTUnwrap(squash["pr"] as? [String: Any])
    XCTAssertEqual(pr["number"] as? Int, 12)
    XCTAssertEqual(pr["state"] as? String, "merged")
    XCTAssertEqual(pr["mergedAt"] as? String, iso(2))
    XCTAssertEqual(squash["issues"] as? [String], ["org/app#4"], "closed through the pull request's body")
    XCTAssertEqual(squash["cohort"] as? String, "assisted", "the PR body footer is strong evidence")
    XCTAssertEqual(squash["tools"] as? [String], ["claude-code"])
    let evidence = try XCTUnwrap(squash["evidence"] as? [[String: Any]])
    XCTAssertTrue(evidence.contains { $0["signal"] as? String == "pr-body" }, "\(evidence)")
    XCTAssertEqual(squash["aiLinesAdded"] as? Int, 2, "the ledger counts the PR-marked lines as AI")
    XCTAssertEqual(squash["defectsInduced"] as? [String], [f.fix], "the bug-linked fix blames #12's line")

    let merge = try row(rows, f.merge)
    XCTAssertEqual((merge["pr"] as? [String: Any])?["number"] as? Int, 13)
    XCTAssertEqual(merge["cohort"] as? String, "agent", "the Copilot agent opened the PR")
    let mergeEvidence = try XCTUnwrap(merge["evidence"] as? [[String: Any]])
    XCTAssertTrue(
      mergeEvidence.contains {
        $0["signal"] as? String == "author" && ($0["detail"] as? String)?.contains("Copilot") == true
      },
      "\(mergeEvidence)")

    let fix = try row(rows, f.fix)
    XCTAssertEqual(fix["issues"] as? [String], ["org/app#5"])
    XCTAssertEqual(fix["fix"] as? String, "bug-issue")
    XCTAssertTrue(fix["pr"] is NSNull, "no PR landed it: null, not missing")

    // Without the exports the same fix is not a fix (its subject matches no pattern): the link made it one.
    let plain = try jsonLines(try outcomes(["changes", "--repo", f.repo.url.path, "--quiet"]).stdout)
    XCTAssertEqual(try row(plain, f.squash)["defectsInduced"] as? [String], [])
    XCTAssertEqual(try row(plain, f.squash)["cohort"] as? String, "unmarked")

    // The mainline-only pass links too.
    let fast = try outcomes(
      ["changes", "--repo", f.repo.url.path, "--quiet", "--no-ledger", "--issues", f.exports.path])
    XCTAssertEqual(fast.status, 0, fast.stderr)
    let fastSquash = try row(try jsonLines(fast.stdout), f.squash)
    XCTAssertEqual((fastSquash["pr"] as? [String: Any])?["number"] as? Int, 12)
    XCTAssertEqual(fastSquash["cohort"] as? String, "assisted")
  }

  func testAILabelMarksPullRequests() throws {
    let f = try makeFixture(footer: false, labels: #"[{"name":"AI-assisted"}]"#)
    let unlabelled = try outcomes([
      "changes", "--repo", f.repo.url.path, "--quiet", "--issues", f.exports.path,
    ])
    XCTAssertEqual(try row(try jsonLines(unlabelled.stdout), f.squash)["cohort"] as? String, "unmarked")
    let labelled = try outcomes(
      [
        "changes", "--repo", f.repo.url.path, "--quiet", "--issues", f.exports.path, "--ai-label",
        "ai-assisted",
      ])
    XCTAssertEqual(labelled.status, 0, labelled.stderr)
    let squash = try row(try jsonLines(labelled.stdout), f.squash)
    XCTAssertEqual(squash["cohort"] as? String, "assisted")
    let evidence = try XCTUnwrap(squash["evidence"] as? [[String: Any]])
    XCTAssertTrue(evidence.contains { $0["signal"] as? String == "label" }, "\(evidence)")
  }

  func testExplainShowsLinks() throws {
    let f = try makeFixture()
    let squash = try outcomes(["explain", f.squash, "--repo", f.repo.url.path, "--issues", f.exports.path])
    XCTAssertEqual(squash.status, 0, squash.stderr)
    let text = squash.stdout
    XCTAssertTrue(text.contains("\nlinks\n"), text)
    XCTAssertTrue(text.contains("pull request org/app#12 merged"), text)
    XCTAssertTrue(text.contains("squashSubjectSuffix"), text)
    XCTAssertTrue(text.contains("1d 0h to merge"), text)
    XCTAssertTrue(text.contains("reverted   no"), text)
    XCTAssertTrue(text.contains("issue        org/app#4"), text)
    XCTAssertTrue(text.contains("(through org/app#12)"), text)
    XCTAssertTrue(text.contains("pr-body"), "PR evidence in the evidence section: \(text)")

    let merge = try outcomes(["explain", f.merge, "--repo", f.repo.url.path, "--issues", f.exports.path])
    XCTAssertTrue(merge.stdout.contains("mergeCommitSubject"), merge.stdout)
    XCTAssertTrue(merge.stdout.contains("agent      copilot-agent (pr author Copilot)"), merge.stdout)

    let fix = try outcomes(["explain", f.fix, "--repo", f.repo.url.path, "--issues", f.exports.path])
    XCTAssertTrue(fix.stdout.contains("pull request none found"), fix.stdout)
    XCTAssertTrue(fix.stdout.contains("issue        org/app#5"), fix.stdout)
    XCTAssertTrue(fix.stdout.contains("a bug: counts as a fix"), fix.stdout)
    XCTAssertTrue(fix.stdout.contains("closingKeywordInCommit"), fix.stdout)
    XCTAssertTrue(fix.stdout.contains("as a fix     bug-issue"), fix.stdout)
  }

  func testMalformedExportFailsWithOneLineNamingThePlace() throws {
    let f = try makeFixture()
    let issues = f.exports.appendingPathComponent("issues.json")
    let text = try String(contentsOf: issues, encoding: .utf8)
    try Data(text.prefix(text.count - 40).utf8).write(to: issues)
    let result = try outcomes(["changes", "--repo", f.repo.url.path, "--quiet", "--issues", issues.path])
    assertUsageFailure(result, contains: "issues.json:2:")
    let message = result.stderr
    XCTAssertNotNil(message.range(of: #"issues\.json:\d+:\d+: "#, options: .regularExpression), message)

    let missing = try outcomes([
      "changes", "--repo", f.repo.url.path, "--quiet", "--issues", "/nonexistent/x.json",
    ])
    assertUsageFailure(missing, contains: "/nonexistent/x.json")
    let unknown = try outcomes(
      ["changes", "--repo", f.repo.url.path, "--quiet", "--issues", issues.path, "--tracker-format", "nope"])
    XCTAssertEqual(unknown.status, 1, unknown.stderr)
    let orphan = try outcomes(["changes", "--repo", f.repo.url.path, "--quiet", "--skip-bad-records"])
    assertUsageFailure(orphan, contains: "need --issues")
  }

  func testSkipBadRecordsContinuesWithOneWarning() throws {
    let f = try makeFixture()
    let pulls = f.exports.appendingPathComponent("pulls.ndjson")
    var text = try String(contentsOf: pulls, encoding: .utf8)
    text += #"{"number":"not a number","state":"closed"}"# + "\n"
    try Data(text.utf8).write(to: pulls)
    let strict = try outcomes(["changes", "--repo", f.repo.url.path, "--quiet", "--issues", f.exports.path])
    assertUsageFailure(strict, contains: "pulls.ndjson")

    let lenient = try outcomes(
      ["changes", "--repo", f.repo.url.path, "--quiet", "--issues", f.exports.path, "--skip-bad-records"])
    XCTAssertEqual(lenient.status, 0, lenient.stderr)
    let warnings = lenient.stderr.split(separator: "\n")
    XCTAssertEqual(warnings.count, 1, lenient.stderr)
    XCTAssertTrue(warnings[0].contains("1 tracker record(s) could not be read"), lenient.stderr)
    XCTAssertNotNil(
      warnings[0].range(
        of: #"skipped, [1-9][0-9]* read \(--skip-bad-records\)"#, options: .regularExpression),
      lenient.stderr)
    XCTAssertTrue(warnings[0].contains("pulls.ndjson"), lenient.stderr)
    XCTAssertEqual(
      (try row(try jsonLines(lenient.stdout), f.squash)["pr"] as? [String: Any])?["number"] as? Int, 12)

    // A file without records stops a strict run and is one more warning line in a lenient one.
    try Data("[]\n".utf8).write(to: f.exports.appendingPathComponent("empty.json"))
    assertUsageFailure(
      try outcomes(["changes", "--repo", f.repo.url.path, "--quiet", "--issues", f.exports.path]),
      contains: "empty.json: no records")
    let empty = try outcomes(
      ["changes", "--repo", f.repo.url.path, "--quiet", "--issues", f.exports.path, "--skip-bad-records"])
    XCTAssertEqual(empty.status, 0, empty.stderr)
    XCTAssertEqual(
      empty.stderr.split(separator: "\n").filter { $0.contains("empty.json: no records") }.count, 1)
  }
}

/// The ISO-8601 time `day` days (and `hours`) after the fixtures' day 300, when the tools in the
/// catalogue already existed (evidence dated before a tool's release is not counted).
func iso(_ day: Int, hours: Int = 0) -> String {
  Timestamp.iso8601(FixtureDate.baseEpoch + Int64(300 + day) * 86_400 + Int64(hours) * 3_600)
}
