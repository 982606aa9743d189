import Foundation
import OutcomeModel
import TestSupport
import XCTest

@testable import GitHistory

/// The pack reader must hand libgit2 exactly the bytes git stores, through both kinds of delta, whatever
/// its cache holds, and must leave to libgit2 whatever it cannot read.
final class PackStoreTests: XCTestCase {
  func testEveryObjectReadsAsGitStoresIt() throws {
    let repo = try editedRepository()
    try repo.git(["repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50"])
    try assertEveryObjectMatches(repo, expectDeltas: true)
  }

  func testReferenceDeltasReadToo() throws {
    let repo = try editedRepository()
    // Without offset deltas, pack-objects names each base by id (REF_DELTA).
    try repo.git(["-c", "repack.useDeltaBaseOffset=false", "repack", "-a", "-d", "-f", "-q", "--depth=50"])
    try assertEveryObjectMatches(repo, expectDeltas: true)
  }

  func testDamagedPackNeverYieldsWrongBytes() throws {
    let repo = try editedRepository()
    try repo.git(["repack", "-a", "-d", "-f", "-q", "--depth=50"])
    let pack = try packDirectory(repo)
    let packFile = try XCTUnwrap(
      FileManager.default.contentsOfDirectory(atPath: pack).first { $0.hasSuffix(".pack") })
    var bytes = try Data(contentsOf: URL(fileURLWithPath: pack + "/" + packFile))
    // Flip bytes across the object data (past the 12-byte header, before the trailing checksum).
    for at in stride(from: 40, to: bytes.count - 40, by: max(1, bytes.count / 25)) { bytes[at] ^= 0x5a }
    let expected = try objects(in: repo)
    try bytes.write(to: URL(fileURLWithPath: pack + "/" + packFile))
    let store = try XCTUnwrap(PackStore.shared(packDirectory: pack, limit: 1 << 20))
    var unreadable = 0
    for (id, object) in expected {
      guard let read = store.object(try XCTUnwrap(OID(CommitID(trusted: id)))) else {
        unreadable += 1
        continue
      }
      XCTAssertEqual(read.type, object.type, id)
      XCTAssertEqual(read.bytes, object.bytes, "\(id) read with different bytes from a damaged pack")
    }
    XCTAssertGreaterThan(unreadable, 0, "damage this wide leaves some object unreadable")
  }

  func testMiningAPackedHistoryWithLooseObjectsOnTopMatchesNumstat() throws {
    let repo = try FixtureRepo()
    try buildRandomHistory(in: repo, seed: 31, commits: 70, branchProbability: 0.35)
    try repo.git(["repack", "-a", "-d", "-f", "-q", "--depth=50"])
    // Commits made after the repack are loose objects, which libgit2's own backend reads.
    let files = try repo.git(["ls-files"]).split(separator: "\n").map(String.init).filter {
      $0.hasSuffix(".txt")
    }
    for (day, path) in files.prefix(8).enumerated() {
      try repo.write(path, "loose \(day)\n" + (try repo.read(path)) + "loose end \(day)\n")
      try repo.commit("loose edit \(day)", day: 400 + day)
    }
    let loose = try repo.revParse("HEAD")
    let store = try XCTUnwrap(PackStore.shared(packDirectory: try packDirectory(repo), limit: 1 << 20))
    XCTAssertNil(
      store.object(try XCTUnwrap(OID(CommitID(trusted: loose)))), "a loose commit is not in a pack")

    let oracle = try repo.numstat(["--first-parent", "--no-renames"])
    let (changes, _) = try mineAll(repo) { $0.detectRenames = false }
    XCTAssertEqual(changes.count, oracle.count)
    for change in changes {
      let expected = try XCTUnwrap(oracle[change.id.hex])
      XCTAssertEqual(change.linesAdded, expected.added, change.id.short)
      XCTAssertEqual(change.linesDeleted, expected.deleted, change.id.short)
    }
  }

  // MARK: Helpers

  /// One file edited 60 times (long delta chains), a second rewritten in halves, a binary file and an
  /// empty one.
  private func editedRepository() throws -> FixtureRepo {
    let repo = try FixtureRepo()
    var lines = (0..<300).map { "line \($0) of a long source file that packs into deltas" }
    for day in 0..<60 {
      lines[(day * 37) % lines.count] = "edited on day \(day)"
      lines.insert("inserted on day \(day)", at: (day * 11) % lines.count)
      try repo.write("src/long.txt", lines.joined(separator: "\n") + "\n")
      try repo.write("src/half.txt", (0..<80).map { "\(day % 2) \($0)" }.joined(separator: "\n"))
      if day % 10 == 0 {
        try repo.write("image.bin", data: Data((0..<2_000).map { UInt8(($0 * (day + 3)) % 256) }))
        try repo.write("empty.txt", "")
      }
      try repo.commit("day \(day)", day: day)
    }
    return repo
  }

  private func packDirectory(_ repo: FixtureRepo) throws -> String {
    repo.gitDir.appendingPathComponent("objects/pack").path
  }

  /// Every object git has, with its type and bytes, from `git cat-file --batch`.
  private func objects(in repo: FixtureRepo) throws -> [String: (type: String, bytes: [UInt8])] {
    let ids = try repo.git(["cat-file", "--batch-all-objects", "--batch-check=%(objectname)"])
      .split(separator: "\n").map(String.init)
    let output = [UInt8](
      try repo.gitData(["cat-file", "--batch"], stdin: Data((ids.joined(separator: "\n") + "\n").utf8)))
    var result: [String: (type: String, bytes: [UInt8])] = [:]
    var at = 0
    while at < output.count {
      let end = try XCTUnwrap(output[at...].firstIndex(of: 0x0A))
      let header = String(decoding: output[at..<end], as: UTF8.self).split(separator: " ")
      let size = try XCTUnwrap(Int(header[2]))
      result[String(header[0])] = (String(header[1]), Array(output[(end + 1)..<(end + 1 + size)]))
      at = end + 1 + size + 1
    }
    XCTAssertEqual(result.count, ids.count)
    return result
  }

  private func assertEveryObjectMatches(_ repo: FixtureRepo, expectDeltas: Bool) throws {
    let expected = try objects(in: repo)
    let deltas = try repo.git(["cat-file", "--batch-all-objects", "--batch-check=%(deltabase)"])
      .split(separator: "\n").filter { !$0.allSatisfy { $0 == "0" } }.count
    if expectDeltas { XCTAssertGreaterThan(deltas, 50, "the repack must write delta chains to read") }
    // A cache too small to hold anything walks every chain from its root; a large one reuses bases.
    for limit in [1, 64 << 20] {
      let store = try XCTUnwrap(PackStore.shared(packDirectory: try packDirectory(repo), limit: limit))
      for (id, object) in expected {
        let read = try XCTUnwrap(store.object(try XCTUnwrap(OID(CommitID(trusted: id)))), "\(id) unread")
        XCTAssertEqual(read.type, object.type, id)
        XCTAssertEqual(read.bytes, object.bytes, "\(id) (\(object.type)) bytes differ, cache \(limit)")
      }
    }
  }
}
