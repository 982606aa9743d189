import TestSupport
import XCTest

final class MergeTests: XCTestCase {
  func testNoFastForwardMergeHasTwoParents() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "a\n")
    let base = try repo.commit("Base", day: 0)
    try repo.checkoutNewBranch("feature")
    try repo.write("b.txt", "b\n")
    let tip = try repo.commit("Feature", author: .bob, day: 1)
    try repo.checkout("main")
    let merge = try repo.merge("feature", author: .carol, day: 2)

    XCTAssertEqual(try repo.parents(of: merge), [base, tip])
    XCTAssertEqual(
      try repo.git(["log", "-1", "--format=%an|%at|%s", merge]),
      "\(Person.carol.name)|1735862400|Merge branch 'feature'")
  }

  func testFastForwardMakesNoCommit() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "a\n")
    try repo.commit("Base", day: 0)
    try repo.branch("feature")
    try repo.checkout("feature")
    try repo.write("a.txt", "b\n")
    let tip = try repo.commit("Feature", day: 1)
    try repo.checkout("main")
    XCTAssertEqual(try repo.merge("feature", day: 2, noFastForward: false), tip)
  }

  func testConflictIsResolvedInTheMergeCommit() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "one\ntwo\nthree\n")
    try repo.commit("Base", day: 0)
    try repo.checkoutNewBranch("feature")
    try repo.write("a.txt", "one\nfeature\nthree\n")
    try repo.commit("Feature", day: 1)
    try repo.checkout("main")
    try repo.write("a.txt", "one\nmain\nthree\n")
    try repo.commit("Main", day: 1, seconds: 60)

    XCTAssertThrowsError(try repo.merge("feature", day: 2)) { error in
      XCTAssertTrue("\(error)".contains("merge of feature failed"), "\(error)")
    }
    XCTAssertEqual(try repo.git(["status", "--porcelain"]), "", "a failed merge is aborted")

    var sawConflicts: [String] = []
    let merge = try repo.merge("feature", message: "Merge feature, keep both", day: 2) { repo in
      sawConflicts = try repo.conflictedPaths()
      try repo.resolveConflictsKeepingBothSides()
    }
    XCTAssertEqual(sawConflicts, ["a.txt"])
    XCTAssertEqual(try repo.parents(of: merge).count, 2)
    XCTAssertEqual(try repo.read("a.txt"), "one\nmain\nfeature\nthree\n")
    XCTAssertEqual(try repo.git(["log", "-1", "--format=%B"]), "Merge feature, keep both")
    XCTAssertEqual(try repo.git(["status", "--porcelain"]), "")
  }

  func testOctopusMergeHasThreeOrMoreParents() throws {
    let repo = try FixtureRepo()
    try repo.write("base.txt", "base\n")
    let base = try repo.commit("Base", day: 0)
    var tips: [String] = []
    for name in ["one", "two", "three"] {
      try repo.checkoutNewBranch(name, at: base)
      try repo.write("\(name).txt", "\(name)\n")
      tips.append(try repo.commit("Add \(name)", day: 1))
    }
    try repo.checkout("main")
    let octopus = try repo.mergeOctopus(["one", "two", "three"], message: "Octopus", day: 2)
    XCTAssertEqual(try repo.parents(of: octopus), [base] + tips)
  }

  func testOrphanBranchGivesASecondRootCommit() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "a\n")
    let first = try repo.commit("First root", day: 0)
    try repo.checkoutOrphan("imported")
    try repo.write("other.txt", "other\n")
    let second = try repo.commit("Second root", day: 1)
    try repo.checkout("main")
    let merge = try repo.merge("imported", day: 2, extraArgs: ["--allow-unrelated-histories"])

    XCTAssertEqual(try repo.parents(of: second), [])
    XCTAssertEqual(try repo.parents(of: merge), [first, second])
    XCTAssertEqual(try repo.git(["rev-list", "--max-parents=0", "HEAD"]).split(separator: "\n").count, 2)
  }
}
