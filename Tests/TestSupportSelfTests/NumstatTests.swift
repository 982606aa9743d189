import TestSupport
import XCTest

final class NumstatTests: XCTestCase {
  func testCountsTextBinaryAndAttributeBinaryFiles() throws {
    let repo = try FixtureRepo()
    try repo.markBinary(["*.dat"])
    try repo.write("notes.dat", "looks like text\nbut is marked binary\n")
    try repo.writeBinary("image.bin")
    try repo.write("a.txt", "1\n2\n3\n")
    let first = try repo.commit("Add", day: 0)
    try repo.write("a.txt", "1\nTWO\n3\n4\n")
    let second = try repo.commit("Edit", day: 1)
    let empty = try repo.commitEmpty("Nothing", day: 2)

    let stats = try repo.numstat()
    XCTAssertEqual(Set(stats.keys), [first, second, empty])
    let added = try XCTUnwrap(stats[first])
    XCTAssertEqual(added.file("notes.dat")?.added, nil)
    XCTAssertEqual(added.file("notes.dat")?.deleted, nil)
    XCTAssertEqual(added.file("image.bin")?.isBinary, true)
    XCTAssertEqual(added.binaryFiles, 2)
    XCTAssertEqual(added.added, 1 + 3)
    XCTAssertEqual(stats[second]?.added, 2)
    XCTAssertEqual(stats[second]?.deleted, 1)
    XCTAssertEqual(stats[empty], NumstatEntry())
  }

  func testRenamesAndFirstParentMerges() throws {
    let repo = try FixtureRepo()
    try repo.write("old name.txt", (1...20).map { "line \($0)\n" }.joined())
    try repo.commit("Add", day: 0)
    try repo.move("old name.txt", "new\tname.txt")
    let rename = try repo.commit("Rename", day: 1)
    try repo.checkoutNewBranch("side")
    try repo.write("side.txt", "a\nb\n")
    try repo.commit("Side", day: 2)
    try repo.checkout("main")
    let merge = try repo.merge("side", day: 3)

    let plain = try repo.numstat()
    XCTAssertEqual(plain[rename]?.files.count, 2)
    XCTAssertEqual(
      plain[merge]?.files, [NumstatEntry.File(pathBytes: Array("side.txt".utf8), added: 2, deleted: 0)])

    let renamed = try repo.numstat(["--first-parent", "-M", "HEAD~1"])
    XCTAssertEqual(renamed[rename]?.files.count, 1)
    XCTAssertEqual(renamed[rename]?.files.first?.oldPath, "old name.txt")
    XCTAssertEqual(renamed[rename]?.files.first?.path, "new\tname.txt")
    XCTAssertNil(renamed[merge])
  }
}
