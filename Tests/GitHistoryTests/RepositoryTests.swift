import GitHistory
import OutcomeModel
import TestSupport
import XCTest

final class RepositoryTests: XCTestCase {
  func testOpensFromASubfolderAndBare() throws {
    let repo = try FixtureRepo()
    try repo.write("deep/er/file.txt", "x\n")
    let sha = try repo.commit("one", day: 1)
    let fromSubfolder = try Repository(discovering: repo.url.appendingPathComponent("deep/er").path)
    XCTAssertEqual(try fromSubfolder.mainlineBranch().tip.hex, sha)
    XCTAssertFalse(fromSubfolder.isBare)
    let bare = try FixtureRepo.clone(of: repo, bare: true)
    let opened = try Repository(discovering: bare.url.path)
    XCTAssertTrue(opened.isBare)
    XCTAssertNil(opened.workTree)
    XCTAssertEqual(try opened.mainlineBranch().tip.hex, sha)
    XCTAssertEqual(opened.fileText("deep/er/file.txt", at: CommitID(hex: sha)!), "x\n")
  }

  func testDefaultBranchOrder() throws {
    let repo = try FixtureRepo(initialBranch: "master")
    try repo.write("a.txt", "a\n")
    try repo.commit("one", day: 1)
    XCTAssertEqual(try Repository(discovering: repo.url.path).mainlineBranch().name, "master")

    try repo.checkoutNewBranch("trunk")
    try repo.write("a.txt", "b\n")
    let trunk = try repo.commit("two", day: 2)
    try repo.branch("main", at: "HEAD~1")
    XCTAssertEqual(
      try Repository(discovering: repo.url.path).mainlineBranch().name, "main", "main before master")

    let clone = try FixtureRepo.clone(of: repo)
    try clone.git(["remote", "set-head", "origin", "trunk"])
    let branch = try Repository(discovering: clone.url.path).mainlineBranch()
    XCTAssertEqual(branch.name, "origin/trunk", "origin/HEAD wins")
    XCTAssertEqual(branch.tip.hex, trunk)
    XCTAssertEqual(try Repository(discovering: clone.url.path).mainlineBranch(named: "main").name, "main")
  }

  func testBadInputErrorsAreOneLine() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "not-a-repo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    assertOneLine(try Repository(discovering: folder.path), contains: "not a git repository")
    assertOneLine(try Repository(discovering: "/no/such/path"), contains: "/no/such/path")

    let empty = try FixtureRepo()
    let repository = try Repository(discovering: empty.url.path)
    assertOneLine(try repository.mainlineBranch(), contains: "no commits yet")

    try empty.write("a.txt", "a\n")
    try empty.commit("one", day: 1)
    assertOneLine(
      try Repository(discovering: empty.url.path).mainlineBranch(named: "nope"), contains: "'nope'")
  }

  func testNotesTagsAndMailmap() throws {
    let repo = try FixtureRepo()
    try repo.write(".mailmap", "Dana Example <dana@example.com> <dana@old.example.com>\n")
    let first = try repo.commit("one", day: 1)
    try repo.write("a.txt", "a\n")
    let second = try repo.commit("two", day: 2)
    try repo.addNote("src/a.swift\n  h_0123456789abcd 1-3\n---\n{}\n", to: first)
    try repo.addNote("other", to: second, ref: "refs/notes/commits")
    try repo.tag("v1.0.0", at: first)
    try repo.tag("v1.1.0", at: second, annotated: "Release 1.1", day: 3)
    let repository = try Repository(discovering: repo.url.path)
    XCTAssertEqual(repository.noteReferences(), ["refs/notes/ai", "refs/notes/commits"])
    let notes = try repository.notes()
    XCTAssertEqual(notes.count, 1)
    XCTAssertEqual(notes[CommitID(hex: first)!], "src/a.swift\n  h_0123456789abcd 1-3\n---\n{}\n")
    XCTAssertEqual(try repository.notes(ref: "refs/notes/missing"), [:])
    let tags = try repository.tags()
    XCTAssertEqual(tags.map(\.name), ["v1.0.0", "v1.1.0"])
    XCTAssertEqual(tags.map(\.target.hex), [first, second])
    XCTAssertEqual(tags.map(\.isAnnotated), [false, true])
    XCTAssertEqual(tags[1].message?.trimmingCharacters(in: .whitespacesAndNewlines), "Release 1.1")
    let mailmap = Mailmap(parsing: try XCTUnwrap(repository.mailmapText(at: CommitID(hex: second)!)))
    XCTAssertEqual(mailmap.resolve(name: "d", email: "dana@old.example.com").email, "dana@example.com")
  }

  private func assertOneLine<T>(
    _ expression: @autoclosure () throws -> T, contains fragment: String, line: UInt = #line
  ) {
    XCTAssertThrowsError(try expression(), line: line) { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains(fragment), "\(text) lacks \(fragment)", line: line)
      XCTAssertFalse(text.contains("\n"), "one line: \(text)", line: line)
    }
  }
}
