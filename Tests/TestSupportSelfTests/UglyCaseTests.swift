import TestSupport
import XCTest

final class UglyCaseTests: XCTestCase {
  func testSymlinkTypeChangeIsRecorded() throws {
    let repo = try FixtureRepo()
    try repo.write("target.txt", "target\n")
    try repo.write("link", "plain file\n")
    try repo.commit("Plain", day: 0)
    try repo.replaceWithSymlink("link", to: "target.txt")
    let change = try repo.commit("Now a link", day: 1)
    XCTAssertEqual(try repo.git(["ls-files", "-s", "link"]).prefix(6), "120000")
    XCTAssertEqual(try repo.git(["diff-tree", "--no-commit-id", "-r", "--name-status", change]), "T\tlink")
    XCTAssertEqual(try repo.git(["cat-file", "-p", "HEAD:link"]), "target.txt")
  }

  func testCRLFContentIsStoredVerbatim() throws {
    let repo = try FixtureRepo()
    try repo.writeCRLF("dos.txt", lines: ["one", "two"])
    try repo.commit("CRLF", day: 0)
    let blob = try repo.gitData(["cat-file", "blob", "HEAD:dos.txt"])
    XCTAssertEqual(Array(blob), Array("one\r\ntwo\r\n".utf8))
  }

  func testNonUTF8FileNameKeepsItsRawBytes() throws {
    let repo = try FixtureRepo()
    let name: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
    let path = try repo.writeRawName(name, in: "latin1", contents: "bonjour\n")
    let sha = try repo.commit("Latin-1 name", day: 0)

    let listed = try repo.gitData(["ls-tree", "-r", "-z", "--name-only", "HEAD"])
    XCTAssertEqual(Array(listed), path + [0])
    let file = try XCTUnwrap(repo.numstat()[sha]?.files.first)
    XCTAssertEqual(file.pathBytes, path)
    XCTAssertEqual(file.added, 1)
  }

  func testEmptyCommitHasTheParentsTree() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "a\n")
    let first = try repo.commit("First", day: 0)
    let empty = try repo.commitEmpty("Empty", day: 1)
    XCTAssertEqual(try repo.revParse("\(empty)^{tree}"), try repo.revParse("\(first)^{tree}"))
  }

  func testBinaryFileHasNULBytes() throws {
    let repo = try FixtureRepo()
    try repo.writeBinary("blob.bin", byteCount: 32)
    let bytes = try Data(contentsOf: repo.fileURL("blob.bin"))
    XCTAssertEqual(bytes.count, 32)
    XCTAssertTrue(bytes.contains(0))
  }
}
