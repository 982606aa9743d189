import TestSupport
import XCTest

final class RandomHistoryTests: XCTestCase {
  func testSameSeedGivesSameHistory() throws {
    let first = try FixtureRepo()
    let second = try FixtureRepo()
    let a = try buildRandomHistory(in: first, seed: 42, commits: 30, branchProbability: 0.5)
    let b = try buildRandomHistory(in: second, seed: 42, commits: 30, branchProbability: 0.5)
    XCTAssertEqual(a, b)
    XCTAssertEqual(try first.revParse("HEAD"), try second.revParse("HEAD"))
    XCTAssertEqual(try first.git(["show-ref"]), try second.git(["show-ref"]))

    let other = try FixtureRepo()
    let c = try buildRandomHistory(in: other, seed: 43, commits: 5, branchProbability: 0.5)
    XCTAssertNotEqual(c, Array(a.prefix(5)))
  }

  func testHistoryHasTheAdvertisedShapes() throws {
    let repo = try FixtureRepo()
    let commits = try buildRandomHistory(in: repo, seed: 7, commits: 120, branchProbability: 0.35)
    XCTAssertEqual(commits.count, 120)
    XCTAssertEqual(try repo.git(["rev-list", "--count", "--all"]), "120")
    XCTAssertEqual(try repo.currentBranch(), "main")
    XCTAssertEqual(try repo.git(["status", "--porcelain"]), "")

    let merges = try repo.git(["rev-list", "--merges", "--first-parent", "main"]).split(separator: "\n")
    XCTAssertGreaterThan(merges.count, 3)
    XCTAssertGreaterThan(try repo.git(["tag", "--list", "v*"]).split(separator: "\n").count, 2)
    XCTAssertFalse(try repo.git(["tag", "--list", "feature-*"]).isEmpty)

    let log = try repo.git(["log", "--first-parent", "-M", "--name-status", "--format=", "main"])
    XCTAssertTrue(log.split(separator: "\n").contains { $0.hasPrefix("R") }, "no rename on the mainline")

    let stats = try repo.numstat()
    XCTAssertTrue(stats.values.contains { $0.binaryFiles > 0 }, "no binary file")
    XCTAssertTrue(stats.values.contains { $0.deleted > 0 }, "no deleted line")

    // A resolved conflict leaves lines from both sides, which neither parent alone has.
    let conflictMerges = try merges.filter { merge in
      let text = try repo.gitResult(["grep", "-h", "rewrites this line", String(merge)]).stdout
      return text.contains("branch ") && text.contains("mainline ")
    }
    XCTAssertFalse(conflictMerges.isEmpty, "no conflict resolved by a merge")

    let dates = try repo.git(["log", "--format=%at", "--reverse", "--topo-order", "main"])
      .split(separator: "\n").compactMap { Int($0) }
    XCTAssertEqual(dates.first, 1_735_689_600)
  }

  func testSeededRandomIsSplitMix64() {
    var random = SeededRandom(seed: 0)
    XCTAssertEqual(random.next(), 0xE220_A839_7B1D_CDAF)
    XCTAssertEqual(random.next(), 0x6E78_9E6A_A1B9_65F4)
  }
}
