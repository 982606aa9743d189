import Foundation
import TestSupport
import XCTest

/// Every kind of bad input: one line on stderr naming the problem, exit code 1, nothing on stdout.
final class BadInputTests: XCTestCase {
  func testNotARepository() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plain-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    assertUsageFailure(try outcomes(["changes", "--repo", folder.path]), contains: "not a git repository")
  }

  /// Options a command would ignore are not offered (`--no-ledger` belongs to `changes` alone) or are
  /// rejected with one line (mining options when reading stored or given rows).
  func testIgnoredOptionsAreRefused() throws {
    for command in [
      ["report"], ["ci"], ["releases", "--tags", "v*"], ["self"], ["publish"], ["mine", "--repos", "."],
    ] {
      let result = try outcomes(command + ["--no-ledger"])
      XCTAssertEqual(result.status, 1, "\(command): \(result.stderr)")
      XCTAssertTrue(result.stderr.contains("--no-ledger"), result.stderr)
    }
    let store = FileManager.default.temporaryDirectory.appendingPathComponent(
      "none-\(UUID().uuidString).sqlite")
    assertUsageFailure(
      try outcomes(["report", "--from", store.path, "--no-renames", "--fix-pattern", "^x"]),
      contains: "--from reads rows already mined: --no-renames, --fix-pattern do not apply")
    assertUsageFailure(
      try outcomes([
        "publish", "--facts", "rows.jsonl", "--repo-name", "x", "--to", store.path, "--accept", "medium",
      ]),
      contains: "--facts reads rows already mined: --accept do not apply")
    XCTAssertFalse(FileManager.default.fileExists(atPath: store.path), "nothing was opened")
  }

  func testEmptyRepositoryAndUnknownBranch() throws {
    let repo = try FixtureRepo()
    assertUsageFailure(try outcomes(["changes", "--repo", repo.url.path]), contains: "no commits yet")
    try repo.write("a.txt", "a\n")
    try repo.commit("one", day: 1)
    assertUsageFailure(
      try outcomes(["changes", "--repo", repo.url.path, "--branch", "release/9"]), contains: "'release/9'")
  }

  func testShallowCloneNeedsConsent() throws {
    let origin = try FixtureRepo()
    for day in 0..<4 {
      try origin.write("f.txt", "v\(day)\n")
      try origin.commit("c\(day)", day: day)
    }
    let shallow = try FixtureRepo.clone(of: origin, depth: 1)
    assertUsageFailure(try outcomes(["changes", "--repo", shallow.url.path]), contains: "fetch-depth: 0")
    let allowed = try outcomes(["changes", "--repo", shallow.url.path, "--allow-shallow"])
    XCTAssertEqual(allowed.status, 0, allowed.stderr)
    XCTAssertEqual(try jsonLines(allowed.stdout).count, 1)
    XCTAssertTrue(allowed.stderr.contains("warning: "), allowed.stderr)
    XCTAssertTrue(allowed.stderr.contains("shallow clone"), allowed.stderr)
  }

  func testMissingObjectsWarnAndContinue() throws {
    let repo = try FixtureRepo()
    try repo.write("lost.txt", "v1\n")
    try repo.commit("one", day: 1)
    try repo.write("lost.txt", "v2\n")
    try repo.write("kept.txt", "k\n")
    try repo.commit("two", day: 2)
    try repo.deleteObject(try repo.blobID(of: "lost.txt"))
    let result = try outcomes(["changes", "--repo", repo.url.path])
    XCTAssertEqual(result.status, 0, result.stderr)
    let rows = try jsonLines(result.stdout)
    guard rows.count == 2 else { return XCTFail("expected 2 rows: \(result.stdout)") }
    XCTAssertEqual(rows[1]["missingBlobs"] as? Int, 1)
    let warnings = result.stderr.split(separator: "\n").filter { $0.contains("warning") }
    guard warnings.count == 1 else { return XCTFail("one warning expected: \(result.stderr)") }
    XCTAssertTrue(warnings[0].contains("1 file version(s) missing"), String(warnings[0]))
  }

  func testUsageErrorsExitWithOne() throws {
    assertUsageFailure(try outcomes(["changes", "--bogus"]), contains: "--bogus")
    assertUsageFailure(try outcomes(["changes", "--since", "last tuesday"]), contains: "--since")
    assertUsageFailure(try outcomes(["changes", "--format", "xml"]), contains: "xml")
    assertUsageFailure(try outcomes(["changes", "--max-changes", "0"]), contains: "--max-changes")
    let help = try outcomes(["changes", "--help"])
    XCTAssertEqual(help.status, 0)
    XCTAssertTrue(help.stdout.contains("--max-changes"))
  }

  func testUnwritableOutput() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "a\n")
    try repo.commit("one", day: 1)
    assertUsageFailure(
      try outcomes(["changes", "--repo", repo.url.path, "--out", "/nonexistent-dir/facts.jsonl"]),
      contains: "/nonexistent-dir/facts.jsonl")
  }
}
