import Foundation
import GRDB
import OutcomeModel
import Pipeline
import Store
import TestSupport
import XCTest

/// The incremental cache: a resumed run must give exactly what reading all history gives, and every
/// reason to distrust the cache must rebuild it with a one-line note.
final class CacheTests: XCTestCase {
  /// Notes a run printed about the cache.
  final class Notes: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
    var joined: String { all.joined(separator: "\n") }
  }

  struct Run {
    var rows: [String]
    var notes: Notes
  }

  /// One outcome pass over `repo`, rows as sorted-key JSON so every field is compared.
  func run(
    _ repo: FixtureRepo, cache: CacheMode, signatures: URL? = nil,
    configure: (inout MiningRequest) -> Void = { _ in }
  ) throws -> Run {
    try Self.run(repo, cache: cache, signatures: signatures, configure: configure)
  }

  /// The same, for other test classes.
  static func run(
    _ repo: FixtureRepo, cache: CacheMode, signatures: URL? = nil,
    configure: (inout MiningRequest) -> Void = { _ in }
  ) throws -> Run {
    let notes = Notes()
    var request = MiningRequest()
    request.path = repo.url.path
    request.cache = cache
    request.announce = { notes.add($0) }
    request.attribution?.signaturesFile = signatures?.path
    configure(&request)
    let session = try MiningSession(request)
    let builder = ChangeRecordBuilder(
      pseudonymizer: Pseudonymizer(salt: "t"), mailmap: session.mailmap, attribution: session.attribution)
    let pass = try OutcomePass(session: session, request: try XCTUnwrap(session.request.ledger)).run(
      builder: builder, progress: nil)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let rows = try pass.records.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
    return Run(rows: rows, notes: notes)
  }

  func cacheFile(_ repo: FixtureRepo) -> URL {
    CacheStore.url(gitDirectory: repo.url.appendingPathComponent(".git"))
  }

  func assertSameRows(_ actual: Run, _ expected: Run, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.rows.count, expected.rows.count, "row count", file: file, line: line)
    for (index, (a, b)) in zip(actual.rows, expected.rows).enumerated() where a != b {
      XCTFail("row \(index) differs:\n\(a)\n\(b)", file: file, line: line)
      return
    }
  }

  func branchyRepo(seed: UInt64 = 11, commits: Int = 140, shapes: HistoryShapes = []) throws -> FixtureRepo {
    let repo = try FixtureRepo()
    try buildRandomHistory(in: repo, seed: seed, commits: commits, shapes: shapes)
    return repo
  }

  func firstParents(_ repo: FixtureRepo) throws -> [String] {
    try repo.git(["rev-list", "--first-parent", "main"]).split(separator: "\n").map(String.init)
  }

  func testResumingFromEarlierTipsEqualsReadingAllHistory() throws {
    let repo = try branchyRepo()
    let tip = try repo.revParse("main")
    let chain = try firstParents(repo)
    let full = try run(repo, cache: .off)
    XCTAssertFalse(FileManager.default.fileExists(atPath: cacheFile(repo).path), "--no-cache writes nothing")
    // Each cut leaves merges whose branches fork from changes older than the cached tip.
    for back in [25, 6, 1] {
      try repo.git(["update-ref", "refs/heads/main", chain[back]])
      let earlier = try run(repo, cache: .readWrite)
      XCTAssertEqual(earlier.rows.count, chain.count - back)
      try repo.git(["update-ref", "refs/heads/main", tip])
      let resumed = try run(repo, cache: .readWrite)
      XCTAssertTrue(resumed.notes.joined.contains("cache: resumed"), resumed.notes.joined)
      XCTAssertFalse(resumed.notes.joined.contains("rebuilding"), resumed.notes.joined)
      assertSameRows(resumed, full)
    }
    // Nothing new: the cache answers alone, and still the same.
    let again = try run(repo, cache: .readWrite)
    XCTAssertTrue(again.notes.joined.contains("0 new commit(s)"), again.notes.joined)
    assertSameRows(again, full)
  }

  /// Moved lines keep their origins and landings across a resume: the kept states carry the copy flags.
  func testResumingAHistoryWithMovesEqualsReadingAllHistory() throws {
    let repo = try branchyRepo(seed: 8, commits: 120, shapes: [.moves])
    let tip = try repo.revParse("main")
    let chain = try firstParents(repo)
    let full = try run(repo, cache: .off)
    for back in [30, 3] {
      try repo.git(["update-ref", "refs/heads/main", chain[back]])
      _ = try run(repo, cache: .readWrite)
      try repo.git(["update-ref", "refs/heads/main", tip])
      let resumed = try run(repo, cache: .readWrite)
      XCTAssertTrue(resumed.notes.joined.contains("cache: resumed"), resumed.notes.joined)
      assertSameRows(resumed, full)
    }
  }

  func testForcePushRebuildsWithAReason() throws {
    let repo = try branchyRepo(seed: 5, commits: 60)
    try repo.checkout("main")
    _ = try run(repo, cache: .readWrite)
    let oldTip = try repo.revParse("main")
    try repo.git(["reset", "-q", "--hard", "main~2"])
    try repo.write("rewritten.txt", "a\nb\n")
    try repo.commit("Rewrite the last two changes", author: .bob, day: 300)
    let rebuilt = try run(repo, cache: .readWrite)
    XCTAssertTrue(
      rebuilt.notes.joined.contains(
        "cache: rebuilding (history was rewritten: the cached tip \(oldTip.prefix(10))"),
      rebuilt.notes.joined)
    assertSameRows(rebuilt, try run(repo, cache: .off))
    XCTAssertTrue(
      try run(repo, cache: .readWrite).notes.joined.contains("resumed"), "the rebuilt cache is used")
  }

  func testChangedSignaturesOrNotesRebuild() throws {
    let repo = try branchyRepo(seed: 3, commits: 50)
    _ = try run(repo, cache: .readWrite)
    let catalogue = repo.root.appendingPathComponent("mine.yml")
    try Data(
      """
      version: 1
      tools:
        - id: inhouse-agent
          name: In-house agent
          class: agent
          identities:
            - email: \(Person.bob.email)
      """.utf8
    ).write(to: catalogue)
    let changed = try run(repo, cache: .readWrite, signatures: catalogue)
    XCTAssertTrue(changed.notes.joined.contains("signature catalogue"), changed.notes.joined)
    let expected = try run(repo, cache: .off, signatures: catalogue)
    assertSameRows(changed, expected)
    XCTAssertTrue(expected.rows.contains { $0.contains("inhouse-agent") }, "the user catalogue took effect")
    XCTAssertTrue(try run(repo, cache: .readWrite, signatures: catalogue).notes.joined.contains("resumed"))

    // A git-ai note may arrive long after its commit.
    let old = try firstParents(repo)[10]
    try repo.addNote("not a valid note, but a new one", to: old)
    let noted = try run(repo, cache: .readWrite, signatures: catalogue)
    XCTAssertTrue(noted.notes.joined.contains("notes"), noted.notes.joined)
  }

  func testNewerOrDamagedCacheFileIsRebuilt() throws {
    let repo = try branchyRepo(seed: 9, commits: 40)
    let expected = try run(repo, cache: .off)
    _ = try run(repo, cache: .readWrite)
    let queue = try DatabaseQueue(path: cacheFile(repo).path)
    try queue.write { try $0.execute(sql: "PRAGMA user_version = 99") }
    try queue.close()
    let newer = try run(repo, cache: .readWrite)
    XCTAssertTrue(
      newer.notes.joined.contains("written by a newer outcomes (cache schema 99"), newer.notes.joined)
    assertSameRows(newer, expected)

    try Data(repeating: 0x5a, count: 4096).write(to: cacheFile(repo))
    let damaged = try run(repo, cache: .readWrite)
    XCTAssertTrue(damaged.notes.joined.contains("could not be read"), damaged.notes.joined)
    assertSameRows(damaged, expected)
    XCTAssertTrue(try run(repo, cache: .readWrite).notes.joined.contains("resumed"))
  }

  func testABranchForkingBeyondTheKeptStatesRebuilds() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n")
    try repo.commit("root", day: 0)
    for day in 1...8 {
      try repo.write("f\(day).txt", "file \(day)\n")
      try repo.commit("Add f\(day)", day: day)
    }
    let shallowKeep: (inout MiningRequest) -> Void = { request in request.ledger?.resumableDepth = 2 }
    _ = try run(repo, cache: .readWrite, configure: shallowKeep)
    try repo.checkoutNewBranch("late", at: "main~6")
    try repo.write(
      "a.txt", (1...20).map { $0 == 3 ? "changed" : "line \($0)" }.joined(separator: "\n") + "\n")
    try repo.commit("Edit a on an old branch", author: .bob, day: 9)
    try repo.checkout("main")
    try repo.merge("late", day: 10)
    let rebuilt = try run(repo, cache: .readWrite, configure: shallowKeep)
    XCTAssertTrue(rebuilt.notes.joined.contains("a new branch starts from a change"), rebuilt.notes.joined)
    assertSameRows(rebuilt, try run(repo, cache: .off))

    // With the default depth the same fork resumes.
    let merge = try repo.revParse("main")
    try repo.git(["update-ref", "refs/heads/main", "main~1"])
    _ = try run(repo, cache: .readWrite)
    try repo.git(["update-ref", "refs/heads/main", merge])
    let resumed = try run(repo, cache: .readWrite)
    XCTAssertTrue(resumed.notes.joined.contains("resumed"), resumed.notes.joined)
    assertSameRows(resumed, try run(repo, cache: .off))
  }

  /// A branch from a change older than the cached tip must start from that change's lines, not the tip's:
  /// here main prepends lines after the fork, so the tip's line 10 is another commit's line, and only the
  /// right state sees that the branch author removed her own line (self-rework, not rework by others).
  func testANewBranchFromAnOlderChangeStartsFromThatChangesLines() throws {
    let repo = try FixtureRepo()
    let rootLines = (1...20).map { "root line \($0)" }
    try repo.write("a.txt", rootLines.joined(separator: "\n") + "\n")
    let root = try repo.commit("Add a", author: .alice, day: 0)
    try repo.write("b.txt", "b\n")
    let fork = try repo.commit("Add b", author: .bob, day: 1)
    for k in 1...6 {
      let text = try repo.read("a.txt")
      try repo.write("a.txt", (1...4).map { "main \(k).\($0)" }.joined(separator: "\n") + "\n" + text)
      try repo.commit("Prepend to a (\(k))", author: .bob, day: 1 + k)
    }
    _ = try run(repo, cache: .readWrite)
    try repo.checkoutNewBranch("late", at: fork)
    var forked = rootLines
    forked.remove(at: 9)
    try repo.write("a.txt", forked.joined(separator: "\n") + "\n")
    try repo.commit("Drop line 10 of a", author: .alice, day: 8)
    try repo.checkout("main")
    try repo.merge("late", author: .dave, day: 9)
    // Observed past 21 days, so the churn split is known rather than censored.
    try repo.write("c.txt", "c\n")
    try repo.commit("Add c", author: .carol, day: 30)

    let resumed = try run(repo, cache: .readWrite)
    XCTAssertTrue(resumed.notes.joined.contains("cache: resumed"), resumed.notes.joined)
    let full = try run(repo, cache: .off)
    assertSameRows(resumed, full)
    let rootRow = try XCTUnwrap(resumed.rows.first { $0.contains("\"sha\":\"\(root)\"") })
    XCTAssertTrue(rootRow.contains("\"churned21dSelf\":1"), rootRow)
    XCTAssertTrue(rootRow.contains("\"churned21dOthers\":0"), rootRow)
  }

  func testDeepeningAShallowCloneRebuilds() throws {
    let origin = try branchyRepo(seed: 6, commits: 40)
    let clone = try FixtureRepo.clone(of: origin, depth: 5)
    let shallow: (inout MiningRequest) -> Void = { $0.allowShallow = true }
    let before = try run(clone, cache: .readWrite, configure: shallow)
    try clone.git(["fetch", "-q", "--unshallow"])
    let deepened = try run(clone, cache: .readWrite, configure: shallow)
    XCTAssertTrue(deepened.notes.joined.contains("shallow boundary changed"), deepened.notes.joined)
    XCTAssertGreaterThan(deepened.rows.count, before.rows.count, "the older history is read")
    assertSameRows(deepened, try run(clone, cache: .off, configure: shallow))
  }

  func testReadOnlyModeNeitherCreatesNorChangesTheCache() throws {
    let repo = try branchyRepo(seed: 2, commits: 30)
    let readOnly = try run(repo, cache: .read)
    XCTAssertFalse(FileManager.default.fileExists(atPath: cacheFile(repo).path))
    XCTAssertTrue(readOnly.notes.all.isEmpty, readOnly.notes.joined)
    _ = try run(repo, cache: .readWrite)
    let before = try Data(contentsOf: cacheFile(repo))
    try repo.write("new.txt", "new\n")
    try repo.commit("One more", day: 400)
    let resumed = try run(repo, cache: .read)
    XCTAssertTrue(resumed.notes.joined.contains("resumed"), resumed.notes.joined)
    XCTAssertEqual(try Data(contentsOf: cacheFile(repo)), before, "reading only leaves the file as it was")
    assertSameRows(resumed, try run(repo, cache: .off))
  }
}
