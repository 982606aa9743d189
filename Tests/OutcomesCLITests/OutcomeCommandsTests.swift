import Foundation
import TestSupport
import XCTest

/// The ledger's outcomes as a user meets them: `changes` rows, `explain` fate, `releases`.
final class OutcomeCommandsTests: XCTestCase {
  func makeRepo() throws -> (repo: FixtureRepo, added: String, revert: String) {
    let repo = try FixtureRepo()
    try repo.write("src/a.swift", "let a = 1\nlet b = 2\nlet c = 3\n")
    try repo.write("package-lock.json", "{\n  \"lock\": true\n}\n")
    try repo.commit("Start", day: 0)
    try repo.tag("v1")
    try repo.write("src/b.swift", "let d = 4\nlet e = 5\n")
    let added = try repo.commit("Add b", author: .bob, day: 3)
    try repo.git(["revert", "--no-commit", added])
    let revert = try repo.commit("Revert \"Add b\"\n\nThis reverts commit \(added).", day: 10)
    try repo.write("src/a.swift", "let a = 1\nlet b = 20\nlet c = 3\n")
    try repo.commit("fix: wrong b", author: .carol, day: 12)
    try repo.tag("v2")
    return (repo, added, revert)
  }

  func testChangesRowsCarryOutcomesAndDefaultExcludesSkipLockFiles() throws {
    let (repo, added, revert) = try makeRepo()
    let result = try outcomes(["changes", "--repo", repo.url.path, "--quiet"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let rows = try jsonLines(result.stdout)
    XCTAssertEqual(rows.count, 4)
    let start = try XCTUnwrap(rows.first)
    XCTAssertEqual(start["linesAdded"] as? Int, 6, "numstat counts every file")
    XCTAssertEqual((start["fate"] as? [String: Any])?["owned"] as? Int, 3, "the lock file is not counted")
    XCTAssertEqual(start["defectsInduced"] as? [String], [try repo.revParse("HEAD")])
    let reverted = try XCTUnwrap(rows.first { $0["sha"] as? String == added }?["reverted"] as? [String: Any])
    XCTAssertEqual(reverted["by"] as? String, revert)
    XCTAssertEqual(reverted["days"] as? Int, 7)
    XCTAssertTrue(rows[3].keys.contains("reverted"), "reverted is written as null when the ledger ran")
    XCTAssertTrue(rows[3]["reverted"] is NSNull)

    let counted = try outcomes(["changes", "--repo", repo.url.path, "--quiet", "--no-default-excludes"])
    XCTAssertEqual(((try jsonLines(counted.stdout)).first?["fate"] as? [String: Any])?["owned"] as? Int, 6)
    let fast = try outcomes(["changes", "--repo", repo.url.path, "--quiet", "--no-ledger"])
    XCTAssertFalse(try jsonLines(fast.stdout)[0].keys.contains("fate"), "--no-ledger leaves outcomes out")
  }

  func testExplainShowsFateAndReleasesCountNewLines() throws {
    let (repo, added, _) = try makeRepo()
    let explain = try outcomes(["explain", added, "--repo", repo.url.path])
    XCTAssertEqual(explain.status, 0, explain.stderr)
    XCTAssertTrue(explain.stdout.contains("reverted     by"), explain.stdout)
    XCTAssertTrue(explain.stdout.contains("alive now    0 of 2"), explain.stdout)

    let releases = try outcomes(["releases", "--repo", repo.url.path, "--tags", "v*", "--quiet"])
    XCTAssertEqual(releases.status, 0, releases.stderr)
    let rows = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(releases.stdout.utf8)) as? [[String: Any]])
    XCTAssertEqual(rows.map { $0["tag"] as? String }, ["v1", "v2"])
    XCTAssertEqual(rows[0]["lines"] as? Int, 3)
    XCTAssertTrue(rows[0]["previous"] is NSNull)
    XCTAssertEqual(rows[1]["previous"] as? String, "v1")
    XCTAssertEqual(rows[1]["lines"] as? Int, 1, "only the fixed line is new in v2; b.swift was reverted")

    let none = try outcomes(["releases", "--repo", repo.url.path, "--tags", "release-*", "--quiet"])
    assertUsageFailure(none, contains: "no tag reachable")
    let badPattern = try outcomes(["changes", "--repo", repo.url.path, "--fix-pattern", "(oops", "--quiet"])
    assertUsageFailure(badPattern, contains: "--fix-pattern")
  }

  /// `--out` onto a device or pipe writes into it; a temp-file rename would replace the device itself.
  func testOutOntoAPipeWritesThroughIt() throws {
    let (repo, _, _) = try makeRepo()
    let fifo = repo.root.appendingPathComponent("rows.fifo")
    XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
    let copy = repo.root.appendingPathComponent("copy.jsonl")
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: "/bin/sh")
    reader.arguments = ["-c", "cat \"$0\" > \"$1\"", fifo.path, copy.path]
    try reader.run()
    let result = try outcomes(["changes", "--repo", repo.url.path, "--quiet", "--out", fifo.path])
    reader.waitUntilExit()
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(try jsonLines(String(contentsOf: copy, encoding: .utf8)).count, 4)
    var status = stat()
    XCTAssertEqual(stat(fifo.path, &status), 0)
    XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO, "the pipe is still a pipe")
  }
}
