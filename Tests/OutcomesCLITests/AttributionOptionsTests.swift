import Foundation
import TestSupport
import XCTest

/// The attribution options as a user meets them on the command line.
final class AttributionOptionsTests: XCTestCase {
  func testAgentTraceFileAttributesItsLines() throws {
    let repo = try FixtureRepo()
    try repo.write("src/a.swift", "one\ntwo\nthree\nfour\n")
    let sha = try repo.commit("Add a", day: 1)
    let trace = repo.root.appendingPathComponent("trace.jsonl")
    let record = """
      {"version":"0.1.0","id":"3b0f6a52-8c1e-4f7a-9d2b-5e64c1a0f9d3","timestamp":"2025-01-02T00:00:00Z",\
      "vcs":{"type":"git","revision":"\(sha)"},"tool":{"name":"example-agent","version":"2.3.0"},\
      "files":[{"path":"src/a.swift","conversations":[{"contributor":{"type":"ai","model_id":"anthropic/claude-sonnet-4-5"},\
      "ranges":[{"start_line":1,"end_line":2}]}]}],"metadata":{}}
      """
    try Data((record + "\n").utf8).write(to: trace)
    let plain = try jsonLines(try outcomes(["changes", "--repo", repo.url.path]).stdout)
    XCTAssertEqual(plain.first?["cohort"] as? String, "unmarked")
    let result = try outcomes(["changes", "--repo", repo.url.path, "--agent-trace", trace.path])
    XCTAssertEqual(result.status, 0, result.stderr)
    let rows = try jsonLines(result.stdout)
    XCTAssertEqual(rows.first?["aiLinesAdded"] as? Int, 2)
    XCTAssertEqual(rows.first?["cohort"] as? String, "assisted")
    try Data("{not json\n".utf8).write(to: trace)
    assertUsageFailure(
      try outcomes(["changes", "--repo", repo.url.path, "--agent-trace", trace.path]), contains: trace.path)
  }

  func testMediumEvidenceCountsOnlyWhenAccepted() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "a\n")
    try repo.commit("root", day: 400)
    try repo.checkoutNewBranch("claude/fix-parser-x1y2z")
    try repo.write("b.txt", "b\n")
    try repo.commit("Fix parser", author: .bob, day: 401)
    try repo.checkout("main")
    try repo.merge(
      "claude/fix-parser-x1y2z", message: "Merge pull request #9 from acme/claude/fix-parser-x1y2z", day: 402)
    let strict = try jsonLines(try outcomes(["changes", "--repo", repo.url.path]).stdout)
    XCTAssertEqual(strict.last?["cohort"] as? String, "unmarked", "a branch prefix alone is medium evidence")
    let lenient = try jsonLines(
      try outcomes(["changes", "--repo", repo.url.path, "--accept", "medium"]).stdout)
    XCTAssertEqual(lenient.last?["cohort"] as? String, "assisted")
    assertUsageFailure(try outcomes(["changes", "--accept", "weak"]), contains: "weak")
  }

  func testBadSignatureFileNamesFileAndLine() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "a\n")
    try repo.commit("root", day: 1)
    let file = repo.root.appendingPathComponent("mine.yml")
    try Data("version: 1\ntools:\n  - id: [unclosed\n".utf8).write(to: file)
    assertUsageFailure(
      try outcomes(["changes", "--repo", repo.url.path, "--signatures", file.path]), contains: "mine.yml:")
    assertUsageFailure(
      try outcomes(["changes", "--repo", repo.url.path, "--signatures", "/no/such.yml"]),
      contains: "/no/such.yml")
  }
}

/// Bots on the command line, and the coverage summary.
final class BotAndCoverageTests: XCTestCase {
  func makeRepo() throws -> FixtureRepo {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "a\n")
    try repo.commit("Start\n\nAssisted-by: none\nHelped-by: Carol Chen <carol@example.net>", day: 400)
    try repo.write("package.json", "{}\n")
    try repo.commit(
      "Bump serde",
      author: Person(name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com"),
      day: 401)
    try repo.write("CHANGELOG", "1.0\n")
    try repo.commit(
      "Release 1.0", author: Person(name: "Release Bot", email: "release@example.com"), day: 402)
    try repo.write("b.txt", "b\n")
    try repo.commit("Add b\n\nCo-authored-by: Claude <noreply@anthropic.com>\nMentioned-by: Dana", day: 403)
    try repo.write("c.txt", "c\n")
    try repo.commit(
      "Sync",
      author: Person(name: "sync-helper[bot]", email: "4242+sync-helper[bot]@users.noreply.github.com"),
      day: 404)
    return repo
  }

  func testBotOption() throws {
    let repo = try makeRepo()
    let plain = try jsonLines(try outcomes(["changes", "--repo", repo.url.path]).stdout)
    XCTAssertEqual(plain.map { $0["cohort"] as? String }, ["unmarked", "bot", "unmarked", "assisted", "bot"])
    let declared = try jsonLines(
      try outcomes(["changes", "--repo", repo.url.path, "--bot", "release@*", "--bot", "nobody@example.com"])
        .stdout)
    XCTAssertEqual(declared.map { $0["cohort"] as? String }, ["unmarked", "bot", "bot", "assisted", "bot"])
    XCTAssertEqual(declared[2]["aiLinesAdded"] as? Int, 0)
  }

  func testExplainSummary() throws {
    let repo = try makeRepo()
    let result = try outcomes([
      "explain", "--summary", "--repo", repo.url.path, "--bot", "release@example.com",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    let text = result.stdout
    XCTAssertTrue(text.contains("coverage of 5 mainline change(s) on main"), text)
    XCTAssertTrue(text.contains("agent 0 · assisted 1 · unmarked 1 · bot 3"), text)
    XCTAssertTrue(text.contains("trailer strong   1"), text)
    XCTAssertTrue(text.contains("author strong    3"), text)
    XCTAssertTrue(text.contains("Mentioned-by"), "an unknown *-by: key: \(text)")
    XCTAssertFalse(text.contains("Helped-by"), "sign-off keys are left out: \(text)")
    XCTAssertTrue(text.contains("sync-helper[bot]"), text)
    XCTAssertFalse(text.contains("dependabot[bot] "), "catalogue bots are known: \(text)")
    assertUsageFailure(try outcomes(["explain", "--repo", repo.url.path]), contains: "--summary")
    assertUsageFailure(
      try outcomes(["explain", "HEAD", "--summary", "--repo", repo.url.path]), contains: "--summary")
  }
}
