import Foundation
import TestSupport
import XCTest

/// `outcomes self` (the caller's own changes, merged by mailmap, nothing written, nobody else shown) and
/// `outcomes ci` (step summary, shallow checkouts, the pull request's commits).
final class SelfAndCITests: XCTestCase {
  static let aliceOld = Person(name: "Alice Archer", email: "alice@old.example")
  static let aliceNew = Person(name: "Alice Archer", email: "alice@new.example")
  static let bob = Person(name: "Bob Baker", email: "bob@example.org")
  static let claude = "\n\nCo-Authored-By: Claude <noreply@anthropic.com>"

  /// The end of the recent period in the self fixture: days 471..<561 are recent, 381..<471 baseline.
  static var until: String {
    let epoch = try! FixtureDate(day: 561).epoch
    return ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
  }

  /// Alice commits as two addresses that the `.mailmap` merges; Bob commits too, and each merges a
  /// branch of the other. Alice's changes: baseline 3 AI-marked and 4 unmarked; recent 5 and 6.
  func makeSelfRepo() throws -> FixtureRepo {
    let repo = try FixtureRepo()
    try repo.write(".mailmap", "Alice Archer <alice@new.example> <alice@old.example>\n")
    try repo.write("README.md", "demo\n")
    try repo.commit("Start", author: Self.aliceOld, day: 400)
    for i in 0..<6 {
      try repo.write("base/a\(i).txt", "alice \(i)\n")
      try repo.commit(
        "Alice base \(i)" + (i % 2 == 0 ? Self.claude : ""), author: Self.aliceOld, day: 401 + i)
    }
    for i in 0..<4 {
      try repo.write("base/b\(i).txt", "bob \(i)\n")
      try repo.commit("Bob base \(i)" + (i % 2 == 0 ? Self.claude : ""), author: Self.bob, day: 410 + i)
    }
    for i in 0..<6 {
      try repo.write("recent/a\(i).txt", "alice new \(i)\n")
      try repo.commit(
        "Alice recent \(i)" + (i % 2 == 0 ? Self.claude : ""), author: Self.aliceNew, day: 480 + i)
    }
    for i in 0..<4 {
      try repo.write("recent/o\(i).txt", "alice old \(i)\n")
      try repo.commit("Alice old \(i)" + (i % 2 == 0 ? Self.claude : ""), author: Self.aliceOld, day: 490 + i)
    }
    for i in 0..<5 {
      try repo.write("recent/b\(i).txt", "bob \(i)\n")
      try repo.commit("Bob recent \(i)" + Self.claude, author: Self.bob, day: 500 + i)
    }
    // Bob's branch merged by Alice is Bob's work; Alice's branch merged by Bob is Alice's.
    try repo.checkoutNewBranch("bob-work")
    try repo.write("recent/bob-branch.txt", "bob branch\n")
    try repo.commit("Bob branch", author: Self.bob, day: 510)
    try repo.checkout("main")
    try repo.merge("bob-work", message: "Merge bob-work", author: Self.aliceNew, day: 511)
    try repo.checkoutNewBranch("alice-work")
    try repo.write("recent/alice-branch.txt", "alice branch\n")
    try repo.commit("Alice branch", author: Self.aliceNew, day: 520)
    try repo.checkout("main")
    try repo.merge("alice-work", message: "Merge alice-work", author: Self.bob, day: 521)
    return repo
  }

  /// An environment whose global git config has no identity, so only the repository's own counts.
  func isolatedHome(_ repo: FixtureRepo) throws -> [String: String] {
    let home = repo.root.appendingPathComponent("caller-home", isDirectory: true)
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    return ["HOME": home.path, "XDG_CONFIG_HOME": home.path, "GIT_CONFIG_NOSYSTEM": "1"]
  }

  /// The cells of every row whose first cell is `title`, split on runs of two or more spaces.
  func rows(_ title: String, in text: String) -> [[String]] {
    text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { $0.hasPrefix(title + "  ") }
      .map { line in
        line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
          .filter { !$0.isEmpty }
      }
  }

  func testSelfCountsBothMailmappedAddressesAndNobodyElse() throws {
    let repo = try makeSelfRepo()
    try repo.git(["config", "user.email", "alice@new.example"])
    try repo.git(["config", "user.name", "Alice Archer"])
    let result = try outcomes(
      ["self", "--repo", repo.url.path, "--until", Self.until, "--quiet"], env: try isolatedHome(repo))
    XCTAssertEqual(result.status, 0, result.stderr)
    let landed = rows("changes landed", in: result.stdout)
    XCTAssertEqual(landed.count, 3, result.stdout)
    XCTAssertEqual(
      landed.first, ["changes landed", "5", "6"], "recent: both addresses count\n\(result.stdout)")
    XCTAssertEqual(landed.dropFirst().first, ["changes landed", "3", "4"], "baseline\n\(result.stdout)")
    XCTAssertEqual(landed.last, ["changes landed", "5 (was 3)", "6 (was 4)"], result.stdout)
    XCTAssertTrue(result.stdout.contains("alice@new.example"), result.stdout)
    for other in ["bob", "Bob", "example.org"] {
      XCTAssertFalse(result.stdout.contains(other), "no one else appears: \(other)\n\(result.stdout)")
      XCTAssertFalse(result.stderr.contains(other), "no one else appears: \(other)\n\(result.stderr)")
    }
    // Five and six recent changes: rates where a group has five measured changes, "too few" below.
    let defects = rows("changes later blamed for a defect", in: result.stdout)
    XCTAssertEqual(defects.count, 3, result.stdout)
    XCTAssertTrue(defects[0][1].hasPrefix("0% (0 of 5) ["), result.stdout)
    XCTAssertTrue(defects[0][2].hasPrefix("0% (0 of 6) ["), result.stdout)
    XCTAssertEqual(
      defects[1],
      ["changes later blamed for a defect", "too few changes (3)", "too few changes (4)", "too few changes"])
    let reverted = rows("reverted within 30 days", in: result.stdout)
    XCTAssertEqual(
      reverted.first,
      ["reverted within 30 days", "too few changes (4)", "too few changes (4)", "too few changes"],
      result.stdout)
    XCTAssertTrue(
      result.stdout.contains("(3 change(s) younger than 30 days are left out of the revert rate)"),
      result.stdout)
    XCTAssertFalse(
      FileManager.default.fileExists(atPath: repo.gitDir.appendingPathComponent("outcomes").path),
      "the self-check writes nothing, not even the salt")
    XCTAssertEqual(try repo.git(["status", "--porcelain"]), "", "the work tree is untouched")
  }

  /// A clone whose history ended long before today: the windows end where history does, and say so,
  /// instead of comparing two empty windows that end today.
  func testSelfOnAnOldHistoryAnchorsAtItsEnd() throws {
    let repo = try makeSelfRepo()
    try repo.git(["config", "user.email", "alice@new.example"])
    let result = try outcomes(["self", "--repo", repo.url.path, "--quiet"], env: try isolatedHome(repo))
    XCTAssertEqual(result.status, 0, result.stderr)
    let end = ISO8601DateFormatter().string(
      from: Date(timeIntervalSince1970: TimeInterval(try FixtureDate(day: 521).epoch))
    ).prefix(10)
    XCTAssertTrue(result.stdout.contains("History ends \(end)"), result.stdout)
    XCTAssertTrue(result.stdout.contains("the windows end there, not today"), result.stdout)
    let landed = try XCTUnwrap(rows("changes landed", in: result.stdout).first, result.stdout)
    XCTAssertNotEqual(landed, ["changes landed", "0", "0"], result.stdout)
    // --until still wins, without the note.
    let pinned = try outcomes(
      ["self", "--repo", repo.url.path, "--until", Self.until, "--quiet"], env: try isolatedHome(repo))
    XCTAssertFalse(pinned.stdout.contains("History ends"), pinned.stdout)
  }

  func testSelfWithOnlyTheOldAddressFindsTheSameChanges() throws {
    let repo = try makeSelfRepo()
    let result = try outcomes(
      ["self", "--repo", repo.url.path, "--until", Self.until, "--me", "Alice@Old.example", "-q"],
      env: try isolatedHome(repo))
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(
      rows("changes landed", in: result.stdout).first, ["changes landed", "5", "6"], result.stdout)
    XCTAssertTrue(result.stdout.contains("the .mailmap merges you with alice@new.example"), result.stdout)
    XCTAssertFalse(result.stdout.lowercased().contains("bob"), result.stdout)
  }

  func testSelfWithoutAnIdentityFailsOnOneLine() throws {
    let repo = try makeSelfRepo()
    assertUsageFailure(
      try outcomes(["self", "--repo", repo.url.path, "-q"], env: try isolatedHome(repo)),
      contains: "no identity")
    assertUsageFailure(
      try outcomes(
        ["self", "--repo", repo.url.path, "--me", "nobody@example.com", "-q"], env: try isolatedHome(repo)),
      contains: "--me EMAIL")
  }

  // MARK: ci

  /// The environment of a GitHub Actions push build writing to `summary`.
  func githubPush(summary: URL) -> [String: String] {
    [
      "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary.path, "GITHUB_EVENT_NAME": "push",
      "GITHUB_EVENT_PATH": "", "GITHUB_BASE_REF": "", "GITHUB_HEAD_REF": "", "GITLAB_CI": "",
    ]
  }

  func makeCIRepo() throws -> FixtureRepo {
    let repo = try FixtureRepo()
    try repo.write("README.md", "demo\n")
    try repo.commit("Start", day: 500)
    for i in 0..<6 {
      let person = Person(name: "Dev \(i)", email: "dev\(i)@example.com")
      try repo.write("app/f\(i).txt", "line \(i)\n")
      try repo.commit("Change \(i)" + (i % 2 == 0 ? Self.claude : ""), author: person, day: 501 + i)
    }
    return repo
  }

  func testCIAppendsTheReportToTheGitHubStepSummaryAndWritesJSON() throws {
    let repo = try makeCIRepo()
    let summary = repo.root.appendingPathComponent("summary.md")
    try "earlier step\n".write(to: summary, atomically: true, encoding: .utf8)
    let out = repo.root.appendingPathComponent("outcomes-report")
    let result = try outcomes(
      ["ci", "--repo", repo.url.path, "--out", out.path, "--min-authors", "3"],
      env: githubPush(summary: summary))
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stdout, "", "the report goes to the step summary")
    let text = try String(contentsOf: summary, encoding: .utf8)
    XCTAssertTrue(text.hasPrefix("earlier step\n# "), "appended after what other steps wrote:\n\(text)")
    XCTAssertFalse(text.contains("Pull request"), "no pull-request table on a push build")
    let json = try JSONSerialization.jsonObject(
      with: Data(contentsOf: out.appendingPathComponent("report.json")))
    XCTAssertNotNil((json as? [String: Any])?["teams"], "the JSON report")

    // Without a step summary (a plain environment), the Markdown is the output.
    let plain = try outcomes(
      ["ci", "--repo", repo.url.path],
      env: ["GITHUB_ACTIONS": "", "GITLAB_CI": "", "GITHUB_STEP_SUMMARY": ""])
    XCTAssertEqual(plain.status, 0, plain.stderr)
    XCTAssertTrue(plain.stdout.hasPrefix("# "), plain.stdout)
  }

  func testCIOnAShallowCheckoutGivesTheFixForThatCI() throws {
    let origin = try makeCIRepo()
    let clone = try FixtureRepo.clone(of: origin, depth: 1)
    let summary = clone.root.appendingPathComponent("summary.md")
    let github = try outcomes(["ci", "--repo", clone.url.path], env: githubPush(summary: summary))
    assertUsageFailure(github, contains: "fetch-depth: 0")
    XCTAssertTrue(github.stderr.contains("refs/notes/ai"), github.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: summary.path), "fails before writing anything")
    let gitlab = try outcomes(
      ["ci", "--repo", clone.url.path], env: ["GITHUB_ACTIONS": "", "GITLAB_CI": "true"])
    assertUsageFailure(gitlab, contains: "GIT_DEPTH: 0")
    let plain = try outcomes(["ci", "--repo", clone.url.path], env: ["GITHUB_ACTIONS": "", "GITLAB_CI": ""])
    assertUsageFailure(plain, contains: "git fetch --unshallow")
  }

  func testCIOnAPullRequestListsItsCommitsWithTheirEvidence() throws {
    let repo = try makeCIRepo()
    try repo.checkoutNewBranch("feature")
    try repo.write("app/new.txt", "new\n")
    let marked = try repo.commit("Add the parser" + Self.claude, day: 520)
    try repo.write("app/new.txt", "new\nmore\n")
    let plain = try repo.commit("Tidy the parser | docs", day: 521)
    let summary = repo.root.appendingPathComponent("summary.md")
    var env = githubPush(summary: summary)
    env["GITHUB_EVENT_NAME"] = "pull_request"
    env["GITHUB_BASE_REF"] = "main"
    env["GITHUB_HEAD_REF"] = "feature"
    env["GITHUB_REF"] = "refs/pull/7/merge"
    let result = try outcomes(["ci", "--repo", repo.url.path, "-q"], env: env)
    XCTAssertEqual(result.status, 0, result.stderr)
    let text = try String(contentsOf: summary, encoding: .utf8)
    let section = try XCTUnwrap(
      text.range(of: "## Pull request #7").map { String(text[$0.lowerBound...]) }, text)
    XCTAssertTrue(section.contains("Attribution only"), section)
    XCTAssertTrue(section.contains("not a gate"), section)
    XCTAssertTrue(section.contains("2 commit(s) `feature` into `main`, 1 with AI evidence."), section)
    let lines = section.split(separator: "\n").filter { $0.hasPrefix("| `") }
    XCTAssertEqual(lines.count, 2, section)
    XCTAssertTrue(
      lines[0].contains(String(marked.prefix(10))) && lines[0].contains("claude-code (trailer)"), section)
    XCTAssertTrue(lines[1].contains(String(plain.prefix(10))) && lines[1].contains("none found"), section)
    XCTAssertTrue(lines[1].contains("Tidy the parser \\| docs"), "pipes are escaped: \(section)")

    // GitHub builds a test merge of the request into its target; its commits are still the request's.
    try repo.git(["checkout", "-q", "--detach", "main"])
    try repo.git(["merge", "-q", "--no-ff", "-m", "Merge feature into main", "feature"])
    try FileManager.default.removeItem(at: summary)
    let merged = try outcomes(["ci", "--repo", repo.url.path, "-q"], env: env)
    XCTAssertEqual(merged.status, 0, merged.stderr)
    let again = try String(contentsOf: summary, encoding: .utf8)
    XCTAssertEqual(again.split(separator: "\n").filter { $0.hasPrefix("| `") }.count, 2, again)

    // A GitLab merge request: the same table, on stdout (GitLab has no summary file).
    let gitlab = try outcomes(
      ["ci", "--repo", repo.url.path, "-q"],
      env: [
        "GITHUB_ACTIONS": "", "GITLAB_CI": "true", "CI_MERGE_REQUEST_IID": "3",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": "feature",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": "", "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA": plain,
        "CI_COMMIT_SHA": "",
      ])
    XCTAssertEqual(gitlab.status, 0, gitlab.stderr)
    XCTAssertTrue(gitlab.stdout.contains("## Pull request #3"), gitlab.stdout)
    XCTAssertEqual(
      gitlab.stdout.split(separator: "\n").filter { $0.hasPrefix("| `") }.count, 2, gitlab.stdout)
  }
}
