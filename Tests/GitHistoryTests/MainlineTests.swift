import GitHistory
import OutcomeModel
import TestSupport
import XCTest

final class MainlineTests: XCTestCase {
  func testMainlineIsTheFirstParentChainOldestFirst() throws {
    let repo = try FixtureRepo()
    try buildRandomHistory(in: repo, seed: 11, commits: 70, branchProbability: 0.4)
    let expected = try repo.git(["rev-list", "--first-parent", "--reverse", "main"]).split(separator: "\n")
      .map(
        String.init)
    let (changes, _) = try mineAll(repo)
    XCTAssertEqual(changes.map(\.id.hex), expected)
  }

  func testContributingCommitsAreThoseOnlyReachableFromOtherParents() throws {
    let repo = try FixtureRepo()
    try buildRandomHistory(in: repo, seed: 13, commits: 80, branchProbability: 0.5)
    let (changes, _) = try mineAll(repo)
    let merges = changes.filter { $0.commit.isMerge }
    XCTAssertGreaterThan(merges.count, 3)
    for change in changes {
      let parents = change.commit.parents.map(\.hex)
      guard parents.count > 1 else {
        XCTAssertTrue(change.contributing.isEmpty)
        continue
      }
      let expected = try repo.git(["rev-list", "^" + parents[0]] + parents.dropFirst()).split(separator: "\n")
        .map(String.init)
      XCTAssertEqual(Set(change.contributing.map(\.commit.id.hex)), Set(expected), change.id.short)
      XCTAssertEqual(change.contributing.count, expected.count, "no duplicates")
    }
  }

  func testOctopusMergeBringsInEveryBranch() throws {
    let repo = try FixtureRepo()
    try repo.write("base.txt", "base\n")
    try repo.commit("base", day: 1)
    var tips: [String] = []
    for (index, name) in ["one", "two", "three"].enumerated() {
      try repo.checkoutNewBranch(name, at: "main")
      try repo.write("\(name).txt", "\(name)\n")
      tips.append(try repo.commit("add \(name)", day: 2 + index))
    }
    try repo.checkout("main")
    let merge = try repo.mergeOctopus(["one", "two", "three"], message: "octopus", day: 9)
    let (changes, _) = try mineAll(repo)
    let last = try XCTUnwrap(changes.last)
    XCTAssertEqual(last.id.hex, merge)
    XCTAssertEqual(last.commit.parents.count, 4)
    XCTAssertEqual(Set(last.contributing.map(\.commit.id.hex)), Set(tips))
    XCTAssertEqual(last.linesAdded, 3)
    XCTAssertEqual(last.files.count, 3)
  }

  func testSinceUntilAndLimitFilterByCommitTime() throws {
    let repo = try FixtureRepo()
    for day in 0..<10 {
      try repo.write("f.txt", "line \(day)\n")
      try repo.commit("day \(day)", day: day)
    }
    let repository = try Repository(discovering: repo.url.path)
    let plan = try repository.mainlinePlan(for: repository.mainlineBranch())
    let base: Int64 = 1_735_689_600  // 2025-01-01
    let window = plan.filtered(since: base + 3 * 86_400, until: base + 7 * 86_400)
    XCTAssertEqual(window.count, 4)
    XCTAssertEqual(plan.filtered(limit: 2).ids, Array(plan.ids.suffix(2)))
    XCTAssertEqual(plan.filtered(since: base + 3 * 86_400, limit: 100).count, 7)
  }
}
