import Foundation
import TestSupport
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// The cache from the command line: killed mid-write, `--no-cache`, `cache info|clear`, and `ci` after
/// one new commit giving what reading all history gives.
final class CacheCommandTests: XCTestCase {
  func cacheFile(_ repo: FixtureRepo) -> URL {
    repo.gitDir.appendingPathComponent("outcomes/cache.sqlite")
  }

  func repoWithHistory(seed: UInt64 = 21, commits: Int = 120) throws -> FixtureRepo {
    let repo = try FixtureRepo()
    try buildRandomHistory(in: repo, seed: seed, commits: commits)
    try repo.checkout("main")
    return repo
  }

  /// Starts `outcomes` with the cache write paused inside its transaction, and kills it there.
  /// Its stderr goes to a file that is polled: a pipe with a readability handler can close a descriptor
  /// twice in corelibs Foundation and break later tests.
  func killMidWrite(_ args: [String]) throws {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: log) }
    let errors = try FileHandle(forWritingTo: log)
    defer { try? errors.close() }
    let process = Process()
    process.executableURL = try OutcomesBinary.url()
    process.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["OUTCOMES_TEST_CACHE_PAUSE"] = "60"
    env["OUTCOMES_SALT"] = "s"
    process.environment = env
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    func written() -> String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
    let deadline = Date().addingTimeInterval(120)
    while !written().contains("cache: writing") && process.isRunning && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.05)
    }
    XCTAssertTrue(written().contains("cache: writing"), "the run reached its cache write: \(written())")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    XCTAssertEqual(process.terminationReason, .uncaughtSignal, "killed, not finished")
  }

  func changes(_ repo: FixtureRepo, _ extra: [String] = []) throws -> ProcessResult {
    let result = try outcomes(["changes", "--repo", repo.url.path] + extra, env: ["OUTCOMES_SALT": "s"])
    XCTAssertEqual(result.status, 0, result.stderr)
    return result
  }

  func testAKilledWriteLeavesAUsableCache() throws {
    let repo = try repoWithHistory()
    // Killed during the first write: no cache was committed, so the next run starts afresh.
    try killMidWrite(["changes", "--repo", repo.url.path])
    let first = try changes(repo)
    XCTAssertFalse(
      first.stderr.contains("rebuilding"), "an uncommitted first write leaves no cache: \(first.stderr)")
    XCTAssertEqual(first.stdout, try changes(repo, ["--no-cache"]).stdout)

    // Killed while writing a resumed run: the earlier cache is intact and resumed from.
    try repo.write("late.txt", "one\ntwo\n")
    try repo.commit("Add late notes", author: .bob, day: 900)
    try killMidWrite(["changes", "--repo", repo.url.path])
    let after = try changes(repo)
    XCTAssertTrue(after.stderr.contains("cache: resumed"), after.stderr)
    XCTAssertEqual(after.stdout, try changes(repo, ["--no-cache"]).stdout)
  }

  func testNoCacheLeavesTheCacheAsItWas() throws {
    let repo = try repoWithHistory(seed: 4, commits: 40)
    let first = try changes(repo)
    XCTAssertTrue(first.stderr.contains("cache: first run reads all history"), first.stderr)
    let before = try Data(contentsOf: cacheFile(repo))
    try repo.write("x.txt", "x\n")
    try repo.commit("One more", day: 900)
    let fresh = try changes(repo, ["--no-cache"])
    XCTAssertFalse(fresh.stderr.contains("cache"), fresh.stderr)
    XCTAssertEqual(try Data(contentsOf: cacheFile(repo)), before)
    XCTAssertTrue(try changes(repo, ["--quiet"]).stderr.isEmpty, "--quiet silences cache notes too")
  }

  func testCacheInfoAndClear() throws {
    let repo = try repoWithHistory(seed: 8, commits: 30)
    let none = try outcomes(["cache", "info", "--repo", repo.url.path])
    XCTAssertEqual(none.status, 0, none.stderr)
    XCTAssertTrue(none.stdout.hasPrefix("no cache at "), none.stdout)
    let rows = try jsonLines(try changes(repo).stdout).count
    let info = try outcomes(["cache", "info", "--repo", repo.url.path])
    XCTAssertEqual(info.status, 0, info.stderr)
    XCTAssertTrue(
      info.stdout.contains("branch: main at \(try repo.revParse("main").prefix(12))"), info.stdout)
    XCTAssertTrue(info.stdout.contains("changes: \(rows)"), info.stdout)
    let cleared = try outcomes(["cache", "clear", "--repo", repo.url.path])
    XCTAssertEqual(cleared.status, 0, cleared.stderr)
    XCTAssertTrue(cleared.stdout.hasPrefix("deleted "), cleared.stdout)
    XCTAssertFalse(FileManager.default.fileExists(atPath: cacheFile(repo).path))
    assertUsageFailure(try outcomes(["cache", "info", "--repo", "/no/such/repo"]), contains: "/no/such/repo")
  }

  func testCIAfterOneNewCommitEqualsReadingAllHistory() throws {
    let repo = try repoWithHistory(seed: 13, commits: 150)
    let plain = ["GITHUB_ACTIONS": "", "GITLAB_CI": "", "GITHUB_STEP_SUMMARY": "", "OUTCOMES_SALT": "s"]
    let first = try outcomes(["ci", "--repo", repo.url.path, "--min-authors", "3"], env: plain)
    XCTAssertEqual(first.status, 0, first.stderr)
    try repo.write("one.txt", "one more line\n")
    try repo.commit("Add one more line", author: .carol, day: 700)
    let cached = try outcomes(["ci", "--repo", repo.url.path, "--min-authors", "3"], env: plain)
    XCTAssertEqual(cached.status, 0, cached.stderr)
    XCTAssertTrue(cached.stderr.contains("cache: resumed"), cached.stderr)
    let fresh = try outcomes(["ci", "--repo", repo.url.path, "--min-authors", "3", "--no-cache"], env: plain)
    XCTAssertEqual(fresh.status, 0, fresh.stderr)
    XCTAssertTrue(cached.stdout.hasPrefix("# "), cached.stdout)
    XCTAssertEqual(cached.stdout, fresh.stdout)
  }
}
