import Foundation
import TestSupport
import XCTest

/// `outcomes blame`: every line with the change that landed it, equal to `git blame` where no merge or
/// move makes them differ.
final class BlameTests: XCTestCase {
  static let ann = Person(name: "Ann", email: "ann@example.org")
  static let ben = Person(name: "Ben", email: "ben@example.org")

  func makeRepo() throws -> FixtureRepo {
    let repo = try FixtureRepo()
    try repo.write("src/app.txt", (1...6).map { "line \($0)" }.joined(separator: "\n") + "\n")
    try repo.commit("Start", author: Self.ann, day: 200)
    try repo.write(
      "src/app.txt",
      ["line 1", "line 2 changed", "line 3", "new a", "new b", "line 6"].joined(separator: "\n") + "\n")
    try repo.commit(
      "Rework the middle\n\nCo-Authored-By: Claude <noreply@anthropic.com>", author: Self.ben, day: 202)
    try repo.write(
      "src/app.txt",
      ["line 1", "line 2 changed", "line 3", "new a", "new b", "tail x", "line 6"].joined(separator: "\n")
        + "\n")
    try repo.commit("Add a tail", author: Self.ann, day: 204)
    return repo
  }

  /// `sha` per line from `git blame -l -s`.
  func gitBlame(_ repo: FixtureRepo, _ rev: String) throws -> [String] {
    try repo.git(["blame", "-l", "-s", rev, "--", "src/app.txt"]).split(separator: "\n").map {
      String($0.prefix(40)).trimmingCharacters(in: CharacterSet(charactersIn: "^"))
    }
  }

  func testBlameEqualsGitBlameAtTheTipAndAtAnEarlierRevision() throws {
    let repo = try makeRepo()
    for rev in ["HEAD", "HEAD~1"] {
      let result = try outcomes(
        [
          "blame", "src/app.txt", "--rev", rev, "--repo", repo.url.path, "--identify", "--quiet",
          "--no-cache",
        ])
      XCTAssertEqual(result.status, 0, result.stderr)
      let lines = result.stdout.split(separator: "\n").map(String.init)
      let expected = try gitBlame(repo, rev)
      XCTAssertEqual(lines.count, expected.count, result.stdout)
      for (line, sha) in zip(lines, expected) {
        XCTAssertTrue(sha.hasPrefix(line.prefix(10)), "\(rev): \(line) vs \(sha)")
      }
      // The AI-marked change shows its cohort and tool; the others are unmarked.
      let reworked = try XCTUnwrap(lines.first { $0.hasSuffix(" new a") })
      XCTAssertTrue(reworked.contains("assisted") && reworked.contains("claude-code"), reworked)
      XCTAssertTrue(reworked.contains("ben@example.org"), reworked)
      XCTAssertTrue(lines[0].contains("unmarked"), lines[0])
    }
    let pseudonymous = try outcomes(
      ["blame", "src/app.txt", "--repo", repo.url.path, "--quiet", "--no-cache"],
      env: ["OUTCOMES_SALT": "blame-test"])
    XCTAssertEqual(pseudonymous.status, 0, pseudonymous.stderr)
    XCTAssertFalse(pseudonymous.stdout.contains("@example.org"), pseudonymous.stdout)
    XCTAssertTrue(pseudonymous.stdout.contains("p_"), pseudonymous.stdout)
  }

  func testBlameOfAMissingFileFailsOnOneLine() throws {
    let repo = try makeRepo()
    let result = try outcomes(["blame", "nope.txt", "--repo", repo.url.path, "--quiet", "--no-cache"])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.contains("nope.txt: no such file"), result.stderr)
    XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
  }
}

/// On random histories with merges, conflicts and renames, each line's change is the one
/// `git blame --first-parent` names (the ledger's landing change), at the tip (from a warm cache too)
/// and at a tag.
final class BlameOracleCLITests: XCTestCase {
  func firstParentBlame(_ repo: FixtureRepo, _ path: String, at rev: String) throws -> [String] {
    try repo.git(["blame", "--first-parent", "-l", "-s", rev, "--", path]).split(separator: "\n").map {
      String($0.prefix(41)).trimmingCharacters(in: CharacterSet(charactersIn: "^ "))
    }
  }

  func testBlameEqualsFirstParentGitBlameOnRandomHistories() throws {
    let repo = try FixtureRepo()
    try buildRandomHistory(in: repo, seed: 21, commits: 50, branchProbability: 0.4)
    let tag = try XCTUnwrap(try repo.git(["tag", "--list"]).split(separator: "\n").first.map(String.init))
    var compared = 0
    for rev in ["HEAD", tag, "HEAD"] {
      let paths = try repo.git(["ls-tree", "-r", "--name-only", rev]).split(separator: "\n").map(String.init)
        .filter { $0.hasSuffix(".txt") }.prefix(3)
      XCTAssertFalse(paths.isEmpty)
      for path in paths {
        let result = try outcomes(
          ["blame", path, "--rev", rev, "--repo", repo.url.path, "--quiet"], env: ["OUTCOMES_SALT": "oracle"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let ours = result.stdout.split(separator: "\n").map { String($0.prefix(10)) }
        let theirs = try firstParentBlame(repo, path, at: rev)
        XCTAssertEqual(ours.count, theirs.count, "\(rev) \(path)")
        for (index, (a, b)) in zip(ours, theirs).enumerated() where !b.hasPrefix(a) {
          XCTFail("\(rev) \(path):\(index + 1): outcomes \(a), git blame --first-parent \(b.prefix(10))")
          break
        }
        compared += ours.count
      }
    }
    XCTAssertGreaterThan(compared, 20)
    XCTAssertTrue(
      FileManager.default.fileExists(atPath: repo.gitDir.appendingPathComponent("outcomes").path),
      "the second HEAD run resumes from the cache the first one wrote")
  }
}
