import TestSupport
import XCTest

final class CommitTests: XCTestCase {
  func testCommitsCarryFrozenDatesAndOffsets() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "one\n")
    let first = try repo.commit("First", day: 0)
    try repo.write("a.txt", "two\n")
    let second = try repo.commit("Second", day: 3, seconds: 90, offset: "+0200")

    XCTAssertEqual(
      try repo.git(["log", "-1", "--format=%at %ai", first]), "1735689600 2025-01-01 00:00:00 +0000")
    XCTAssertEqual(
      try repo.git(["log", "-1", "--format=%at %ai|%ct %ci", second]),
      "1735948890 2025-01-04 02:01:30 +0200|1735948890 2025-01-04 02:01:30 +0200")
  }

  func testAuthorAndCommitterAreRecordedAsGiven() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "x\n")
    let sha = try repo.commit("Split identity", author: .bob, committer: .carol, day: 1, committerDay: 2)
    let line = try repo.git(["log", "-1", "--format=%an|%ae|%cn|%ce|%at|%ct", sha])
    let bob = "\(Person.bob.name)|\(Person.bob.email)"
    let carol = "\(Person.carol.name)|\(Person.carol.email)"
    XCTAssertEqual(line, "\(bob)|\(carol)|1735776000|1735862400")
  }

  func testCommitReturnsFullIDAndKeepsHashLinesInMessages() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "x\n")
    let sha = try repo.commit(
      "Fix crash\n\n#123 was the report\nCo-authored-by: Bob <bob@example.org>", day: 0)
    XCTAssertEqual(sha.count, 40)
    XCTAssertEqual(sha, try repo.revParse("HEAD"))
    XCTAssertEqual(
      try repo.git(["log", "-1", "--format=%B"]),
      "Fix crash\n\n#123 was the report\nCo-authored-by: Bob <bob@example.org>")
  }

  func testPeopleAreDistinct() {
    XCTAssertEqual(Set(Person.all).count, 4)
    XCTAssertEqual(Set(Person.all.map(\.email)).count, 4)
    XCTAssertEqual(Set(Person.all.map(\.name)).count, 4)
  }

  func testSignatureMatchesWhatGitRecords() throws {
    let signature = try Person.dave.signature(day: 2, seconds: 5, offset: "-0530")
    XCTAssertEqual(signature.time, 1_735_862_405)
    XCTAssertEqual(signature.offsetMinutes, -330)
    XCTAssertThrowsError(try FixtureDate(day: 0, offset: "+2"))
    XCTAssertThrowsError(try FixtureDate(day: 0, offset: "++200"))
  }

  func testFilesMovesRemovalsAndModes() throws {
    let repo = try FixtureRepo()
    try repo.write("dir/a.txt", "a\n")
    try repo.write("run.sh", "#!/bin/sh\n")
    try repo.chmodExecutable("run.sh")
    try repo.write("gone.txt", "bye\n")
    try repo.commit("Files", day: 0)
    try repo.move("dir/a.txt", "other/deeper/b.txt")
    try repo.remove("gone.txt")
    try repo.commit("Move and remove", day: 1)

    XCTAssertEqual(try repo.git(["ls-files"]), "other/deeper/b.txt\nrun.sh")
    XCTAssertEqual(try repo.git(["ls-files", "-s", "run.sh"]).prefix(6), "100755")
    try repo.write("run.sh", "#!/bin/sh\nexit 0\n")
    XCTAssertEqual(try repo.git(["status", "--porcelain"]), " M run.sh", "leading space must survive")
  }

  func testTagsAndNotes() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "x\n")
    let sha = try repo.commit("Tagged", day: 0)
    try repo.tag("light")
    try repo.tag("v1.0", annotated: "Release 1.0", tagger: .carol, day: 4)
    try repo.addNote("assistant: claude-code", to: sha)

    XCTAssertEqual(try repo.revParse("light"), sha)
    XCTAssertNotEqual(try repo.revParse("v1.0"), sha)
    XCTAssertEqual(try repo.revParse("v1.0^{commit}"), sha)
    XCTAssertEqual(
      try repo.git(["for-each-ref", "--format=%(taggername)|%(taggerdate:raw)", "refs/tags/v1.0"]),
      "\(Person.carol.name)|1736035200 +0000")
    XCTAssertEqual(try repo.git(["notes", "--ref", "refs/notes/ai", "show", sha]), "assistant: claude-code")
  }

  func testFailuresNameTheCommandAndStderr() throws {
    let repo = try FixtureRepo()
    XCTAssertThrowsError(try repo.git(["rev-parse", "--verify", "no-such-thing"])) { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("git rev-parse --verify no-such-thing"), text)
      XCTAssertTrue(text.contains("status 128"), text)
      XCTAssertTrue(text.contains("fatal"), text)
    }
  }

  func testFolderIsRemovedWhenTheFixtureGoesAway() throws {
    var repo: FixtureRepo? = try FixtureRepo()
    let root = try XCTUnwrap(repo?.root)
    XCTAssertTrue(FileManager.default.fileExists(atPath: root.path))
    repo = nil
    if ProcessInfo.processInfo.environment["OUTCOMES_KEEP_FIXTURES"] != "1" {
      XCTAssertFalse(FileManager.default.fileExists(atPath: root.path))
    }
  }
}
