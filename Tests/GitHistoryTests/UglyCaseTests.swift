import GitHistory
import OutcomeModel
import TestSupport
import XCTest

/// The histories real repositories have and toy miners trip over.
final class UglyCaseTests: XCTestCase {
  func testRootAndEmptyCommits() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "one\ntwo\n")
    try repo.commit("root", day: 1)
    try repo.commitEmpty("nothing changed", day: 2)
    let (changes, _) = try mineAll(repo)
    XCTAssertEqual(changes.count, 2)
    XCTAssertEqual(changes[0].files.map(\.kind), [.added])
    XCTAssertEqual(changes[0].linesAdded, 2)
    XCTAssertNil(changes[0].files[0].oldPath)
    XCTAssertTrue(changes[1].files.isEmpty)
  }

  func testTypeChangeBinaryCRLFAndOddNamesMatchGit() throws {
    let repo = try FixtureRepo()
    try repo.markBinary(["*.dat"])
    try repo.write("link-me.txt", "a\nb\nc\n")
    try repo.write("table.dat", "looks like text\nbut attributes say binary\n")
    try repo.writeCRLF("windows.txt", lines: ["one", "two", "three"])
    try repo.commit("files", day: 1)
    try repo.replaceWithSymlink("link-me.txt", to: "windows.txt")
    try repo.writeBinary("image.png", byteCount: 300, seed: 3)
    try repo.writeCRLF("windows.txt", lines: ["one", "2", "three", "four"])
    try repo.write("table.dat", "changed\n")
    let rawName = try repo.writeRawName([0x63, 0x61, 0x66, 0xE9, 0x2E, 0x74, 0x78, 0x74], contents: "x\ny\n")
    XCTAssertEqual(rawName.count, 8)
    try repo.commit("ugly", day: 2)
    let oracle = try repo.numstat(["--first-parent", "--no-renames"])
    let (changes, _) = try mineAll(repo)
    let ugly = try XCTUnwrap(changes.last)
    let expected = try XCTUnwrap(oracle[ugly.id.hex])
    XCTAssertEqual(ugly.linesAdded, expected.added)
    XCTAssertEqual(ugly.linesDeleted, expected.deleted)
    XCTAssertEqual(ugly.files.count, expected.files.count)
    let link = try XCTUnwrap(ugly.files.first { $0.path == "link-me.txt" })
    XCTAssertEqual(link.kind, .typeChange)
    XCTAssertEqual(link.newMode, 0o120000)
    XCTAssertEqual(link.linesDeleted, 3)
    XCTAssertEqual(link.linesAdded, 1)
    XCTAssertTrue(try XCTUnwrap(ugly.files.first { $0.path == "image.png" }).isBinary)
    XCTAssertTrue(
      try XCTUnwrap(ugly.files.first { $0.path == "table.dat" }).isBinary, ".gitattributes binary")
    let windows = try XCTUnwrap(ugly.files.first { $0.path == "windows.txt" })
    XCTAssertEqual(windows.linesAdded, 2)
    XCTAssertEqual(windows.linesDeleted, 1)
    XCTAssertTrue(
      ugly.files.contains { $0.path.hasPrefix("caf") && $0.linesAdded == 2 }, "non-UTF-8 name kept")
  }

  func testHunksAndLineTextAgreeWithCounts() throws {
    let repo = try FixtureRepo()
    try repo.write("code.swift", "let a = 1\nlet b = 2\nlet c = 3\n")
    try repo.commit("start", day: 1)
    try repo.write("code.swift", "let a = 1\n  \nlet b = 20\nlet c = 3\nlet d = 4\n")
    try repo.commit("edit", day: 2)
    let (changes, _) = try mineAll(repo) { $0.detail = .lines }
    let file = try XCTUnwrap(changes.last?.files.first)
    XCTAssertEqual(file.hunks.reduce(0) { $0 + $1.added.count }, file.linesAdded)
    XCTAssertEqual(file.hunks.reduce(0) { $0 + $1.removed.count }, file.linesDeleted)
    XCTAssertEqual(file.hunks.flatMap(\.added).map(\.text), ["  ", "let b = 20", "let d = 4"])
    XCTAssertEqual(file.hunks.flatMap(\.removed).map(\.text), ["let b = 2"])
    XCTAssertEqual(file.hunks.flatMap(\.added).map(\.isBlank), [true, false, false])
    let first = try XCTUnwrap(file.hunks.first)
    XCTAssertEqual(first.newStart, 2)
    XCTAssertEqual(first.newCount, 2)
    XCTAssertEqual(first.oldStart, 2)
    XCTAssertEqual(first.oldCount, 1)
    let spaced = LineProbe.hashes("let  b = 2")
    let removed = try XCTUnwrap(file.hunks.flatMap(\.removed).first)
    XCTAssertEqual(removed.whitespaceFreeHash, spaced.compact, "whitespace-free hashes ignore spacing")
    XCTAssertNotEqual(removed.hash, spaced.full)
  }

  func testMissingBlobIsSkippedAndCounted() throws {
    let repo = try FixtureRepo()
    try repo.write("keep.txt", "keep\n")
    try repo.write("lost.txt", "v1\n")
    try repo.commit("one", day: 1)
    try repo.write("lost.txt", "v2\nmore\n")
    try repo.write("keep.txt", "keep\nand more\n")
    try repo.commit("two", day: 2)
    try repo.deleteObject(try repo.blobID(of: "lost.txt", at: "HEAD"))
    let (changes, summary) = try mineAll(repo)
    XCTAssertEqual(changes.count, 2)
    XCTAssertEqual(summary.missingBlobs, 1)
    let lost = try XCTUnwrap(changes.last?.files.first { $0.path == "lost.txt" })
    XCTAssertTrue(lost.isMissing)
    XCTAssertEqual(changes.last?.files.first { $0.path == "keep.txt" }?.linesAdded, 1)
  }

  func testShallowCloneIsDetectedAndMinedFromItsBoundary() throws {
    let origin = try FixtureRepo()
    for day in 0..<6 {
      try origin.write("f.txt", (0...day).map { "line \($0)" }.joined(separator: "\n") + "\n")
      try origin.commit("day \(day)", day: day)
    }
    let shallow = try FixtureRepo.clone(of: origin, depth: 2)
    let repository = try Repository(discovering: shallow.url.path)
    XCTAssertTrue(repository.isShallow)
    let (changes, summary) = try mineAll(shallow)
    XCTAssertEqual(changes.count, 2)
    XCTAssertTrue(changes[0].isShallowBoundary)
    XCTAssertEqual(
      changes[0].linesAdded, 5, "the boundary is diffed against the empty tree, as git log shows it")
    XCTAssertFalse(changes[1].isShallowBoundary)
    XCTAssertEqual(changes[1].linesAdded, 1)
    XCTAssertEqual(summary.shallowBoundaries, 1)
  }
}

/// Hashes a line the way the miner does, to check the whitespace-free variant independently.
enum LineProbe {
  static func hashes(_ text: String) -> (full: UInt64, compact: UInt64) {
    var full: UInt64 = 0xcbf2_9ce4_8422_2325
    var compact: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      full = (full ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
      if byte != 0x20 && byte != 0x09 { compact = (compact ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    }
    return (full, compact)
  }
}

/// `.gitattributes` must decide binary-ness however the workers open the repository.
final class AttributesTests: XCTestCase {
  func testRootAndNestedAttributesBothApply() throws {
    let repo = try FixtureRepo()
    try repo.write(".gitattributes", "*.dat binary\n")
    try repo.write("docs/.gitattributes", "*.md -diff\n")
    try repo.write("docs/a.md", "one\n")
    try repo.write("b.dat", "text\n")
    try repo.write("c.txt", "text\n")
    try repo.commit("one", day: 1)
    try repo.write("docs/a.md", "one\ntwo\n")
    try repo.write("b.dat", "text\nmore\n")
    try repo.write("c.txt", "text\nmore\n")
    try repo.commit("two", day: 2)
    let oracle = try repo.numstat()
    let (changes, _) = try mineAll(repo)
    let last = try XCTUnwrap(changes.last)
    XCTAssertEqual(try XCTUnwrap(oracle[last.id.hex]).binaryFiles, 2)
    XCTAssertEqual(last.files.filter(\.isBinary).map(\.path).sorted(), ["b.dat", "docs/a.md"])
    XCTAssertEqual(last.files.first { $0.path == "c.txt" }?.linesAdded, 1)
  }

  func testRootOnlyAttributesApplyThroughTheFastPath() throws {
    let repo = try FixtureRepo()
    try repo.write(".gitattributes", "*.dat binary\n")
    try repo.write("b.dat", "text\n")
    try repo.write("sub/c.dat", "text\n")
    try repo.commit("one", day: 1)
    let (changes, _) = try mineAll(repo)
    XCTAssertEqual(changes[0].files.filter(\.isBinary).map(\.path).sorted(), ["b.dat", "sub/c.dat"])
    let bare = try FixtureRepo.clone(of: repo, bare: true)
    let (bareChanges, _) = try mineAll(bare)
    XCTAssertEqual(
      bareChanges[0].files.filter(\.isBinary).count, 0,
      "a bare repository has no work-tree attributes, as in git")
    XCTAssertEqual(try bare.numstat()[changes[0].id.hex]?.binaryFiles, 0)
  }
}
