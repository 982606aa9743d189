import GitHistory
import OutcomeModel
import TestSupport
import XCTest

final class CommitMetadataTests: XCTestCase {
  func testIdentitiesTimesAndOffsetsAreCopiedExactly() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "a\n")
    let dana = Person(name: "Dana Example (aider)", email: "dana@example.com")
    let bot = Person(name: "GitHub", email: "noreply@github.com")
    let sha = try repo.commit(
      "Add a\n\nBody line.\n", author: dana, committer: bot, day: 3, seconds: 90, offset: "+0200",
      committerDay: 4)
    let (changes, _) = try mineAll(repo)
    let commit = try XCTUnwrap(changes.first?.commit)
    XCTAssertEqual(commit.id.hex, sha)
    XCTAssertEqual(commit.author, try dana.signature(day: 3, seconds: 90, offset: "+0200"))
    XCTAssertEqual(commit.author.offsetMinutes, 120)
    XCTAssertEqual(commit.committer.name, "GitHub")
    XCTAssertEqual(commit.committer.time, try FixtureDate(day: 4, offset: "+0200").epoch)
    XCTAssertEqual(commit.subject, "Add a")
    XCTAssertTrue(commit.message.contains("Body line."))
    XCTAssertTrue(commit.parents.isEmpty)
  }

  func testTrailersFollowGitRulesIncludingFoldedLines() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "a\n")
    let message = """
      Fix the parser

      Co-authored-by: not a trailer because this paragraph is prose and not the last one

      Co-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>
      Assisted-by: Claude:claude-sonnet-4-5
        sparse coccinelle
      Signed-off-by: Dana <dana@example.com>
      """
    try repo.commit(message, day: 1)
    let commit = try XCTUnwrap(try mineAll(repo).changes.first?.commit)
    let oracle = try repo.git(["log", "-1", "--format=%(trailers:unfold,only)"])
      .split(separator: "\n").map(String.init)
    XCTAssertEqual(commit.trailers.map { "\($0.key): \($0.value)" }, oracle)
    XCTAssertEqual(commit.trailers.count, 3)
    XCTAssertEqual(commit.trailers[1].key, "Assisted-by")
    XCTAssertEqual(commit.trailers[1].value, "Claude:claude-sonnet-4-5 sparse coccinelle")
  }

  func testMergeContributingCommitsCarryTheirOwnMetadata() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "a\n")
    try repo.commit("base", day: 1)
    try repo.checkoutNewBranch("feature")
    try repo.write("b.txt", "b\n")
    let branchCommit = try repo.commit(
      "Add b\n\nCo-authored-by: Cursor <cursoragent@cursor.com>", author: .bob, day: 2)
    try repo.checkout("main")
    try repo.merge("feature", message: "Merge pull request #4 from org/cursor/add-b", day: 3)
    let (changes, summary) = try mineAll(repo) { $0.contributingStats = true }
    XCTAssertEqual(summary.changes, 2)
    let merge = try XCTUnwrap(changes.last)
    XCTAssertTrue(merge.commit.isMerge)
    let contributing = try XCTUnwrap(merge.contributing.first)
    XCTAssertEqual(contributing.commit.id.hex, branchCommit)
    XCTAssertEqual(contributing.commit.author.email, Person.bob.email)
    XCTAssertEqual(
      contributing.commit.trailers, [Trailer(key: "Co-authored-by", value: "Cursor <cursoragent@cursor.com>")]
    )
    XCTAssertEqual(contributing.linesAdded, 1)
    XCTAssertEqual(merge.linesAdded, 1, "a merge is diffed against its first parent")
  }
}
