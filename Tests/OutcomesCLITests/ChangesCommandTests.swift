import Foundation
import TestSupport
import XCTest

final class ChangesCommandTests: XCTestCase {
  private func smallHistory() throws -> FixtureRepo {
    let repo = try FixtureRepo()
    try repo.write(".mailmap", "Dana Example <dana@example.com> <dana@old.example.com>\n")
    try repo.write("a.txt", "one\ntwo\n")
    try repo.commit("root", author: Person(name: "Dana", email: "dana@old.example.com"), day: 1)
    try repo.checkoutNewBranch("feature")
    try repo.write("b.txt", "b\n")
    try repo.commit("branch work", author: .bob, day: 2)
    try repo.checkout("main")
    try repo.write("a.txt", "one\n2\nthree\n")
    try repo.commit("edit", author: Person(name: "Dana", email: "dana@example.com"), day: 3)
    try repo.merge("feature", message: "Merge pull request #2 from org/feature", day: 4)
    return repo
  }

  func testJSONLinesFollowTheContract() throws {
    let repo = try smallHistory()
    let result = try outcomes(["changes", "--repo", repo.url.path], env: ["OUTCOMES_SALT": "s1"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let rows = try jsonLines(result.stdout)
    let oracle = try repo.numstat(["--first-parent", "-M"])
    let mainline = try repo.git(["rev-list", "--first-parent", "--reverse", "main"]).split(separator: "\n")
    XCTAssertEqual(rows.map { $0["sha"] as? String }, mainline.map(String.init))
    guard rows.count == 3 else { return XCTFail("expected 3 rows, got \(rows.count): \(result.stdout)") }
    for row in rows {
      let sha = try XCTUnwrap(row["sha"] as? String)
      XCTAssertEqual(row["linesAdded"] as? Int, oracle[sha]?.added)
      XCTAssertEqual(row["linesDeleted"] as? Int, oracle[sha]?.deleted)
      XCTAssertEqual(row["filesChanged"] as? Int, oracle[sha]?.files.count)
      for key in ["parents", "authoredAt", "committedAt", "author"] {
        XCTAssertNotNil(row[key], "\(key) present")
      }
    }
    XCTAssertEqual(rows[0]["authoredAt"] as? String, "2025-01-02T00:00:00Z")
    XCTAssertEqual(rows[2]["isMerge"] as? Bool, true)
    XCTAssertEqual(rows[2]["contributingCommits"] as? Int, 1, "bob's branch commit")
    XCTAssertEqual((rows[2]["parents"] as? [String])?.count, 2)
    // Root and edit are Dana under two addresses; mailmap merges them before pseudonymising, and no email leaks.
    XCTAssertEqual(rows[0]["author"] as? String, rows[1]["author"] as? String)
    XCTAssertNotEqual(rows[0]["author"] as? String, rows[2]["author"] as? String)
    XCTAssertFalse(result.stdout.contains("@"))
  }

  func testPseudonymsDependOnTheSaltAndIdentifyShowsEmails() throws {
    let repo = try smallHistory()
    let first = try jsonLines(
      try outcomes(["changes", "--repo", repo.url.path], env: ["OUTCOMES_SALT": "a"]).stdout)
    let again = try jsonLines(
      try outcomes(["changes", "--repo", repo.url.path], env: ["OUTCOMES_SALT": "a"]).stdout)
    let other = try jsonLines(
      try outcomes(["changes", "--repo", repo.url.path], env: ["OUTCOMES_SALT": "b"]).stdout)
    XCTAssertEqual(first[0]["author"] as? String, again[0]["author"] as? String)
    XCTAssertNotEqual(first[0]["author"] as? String, other[0]["author"] as? String)
    let perRepo = try outcomes(["changes", "--repo", repo.url.path])
    XCTAssertEqual(perRepo.status, 0, perRepo.stderr)
    XCTAssertTrue(
      FileManager.default.fileExists(atPath: repo.gitDir.appendingPathComponent("outcomes/salt").path))
    let identified = try jsonLines(try outcomes(["changes", "--repo", repo.url.path, "--identify"]).stdout)
    XCTAssertEqual(identified[0]["author"] as? String, "dana@example.com")
  }

  func testCSVWindowAndLimit() throws {
    let repo = try smallHistory()
    let csv = try outcomes(["changes", "--repo", repo.url.path, "--format", "csv", "--since", "2025-01-03"])
    XCTAssertEqual(csv.status, 0, csv.stderr)
    let lines = csv.stdout.split(separator: "\n")
    XCTAssertTrue(lines[0].hasPrefix("sha,parents,authoredAt,committedAt,author,"))
    XCTAssertEqual(lines.count, 1 + 2, "header plus the two changes on or after day 3")
    let limited = try jsonLines(
      try outcomes(["changes", "--repo", repo.url.path, "--max-changes", "1"]).stdout)
    XCTAssertEqual(limited.count, 1)
    XCTAssertEqual(limited[0]["isMerge"] as? Bool, true, "the newest change")
    let until = try jsonLines(
      try outcomes(["changes", "--repo", repo.url.path, "--until", "2025-01-03"]).stdout)
    XCTAssertEqual(until.count, 1)
  }

  func testOutFileIsWrittenWhole() throws {
    let repo = try smallHistory()
    let target = repo.root.appendingPathComponent("facts.jsonl")
    let result = try outcomes(["changes", "--repo", repo.url.path, "--out", target.path])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.isEmpty)
    XCTAssertEqual(try jsonLines(String(contentsOf: target, encoding: .utf8)).count, 3)
  }

  func testRunsFromASubfolderWithoutRepoOption() throws {
    let repo = try smallHistory()
    try FileManager.default.createDirectory(
      at: repo.url.appendingPathComponent("sub/dir"), withIntermediateDirectories: true)
    let result = try outcomes(["changes", "--quiet"], in: repo.url.appendingPathComponent("sub/dir"))
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(try jsonLines(result.stdout).count, 3)
    XCTAssertTrue(result.stderr.isEmpty, "no progress line when stderr is not a terminal: \(result.stderr)")
  }
}
