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
