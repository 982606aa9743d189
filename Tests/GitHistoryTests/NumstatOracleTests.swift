import GitHistory
import OutcomeModel
import TestSupport
import XCTest

/// Line counts must equal `git log --numstat --first-parent`, file by file, on branchy random histories.
final class NumstatOracleTests: XCTestCase {
  func testCountsEqualGitWithoutRenames() throws {
    for seed: UInt64 in [7, 19] {
      let repo = try FixtureRepo()
      try buildRandomHistory(in: repo, seed: seed, commits: 90, branchProbability: 0.35)
      let oracle = try repo.numstat(["--first-parent", "--no-renames"])
      let (changes, _) = try mineAll(repo) { $0.detectRenames = false }
      XCTAssertEqual(changes.count, oracle.count, "seed \(seed): one change per first-parent commit")
      XCTAssertEqual(Set(changes.map(\.id.hex)), Set(oracle.keys))
      for change in changes {
        let expected = try XCTUnwrap(oracle[change.id.hex])
        XCTAssertEqual(change.linesAdded, expected.added, "seed \(seed) \(change.id.short) added")
        XCTAssertEqual(change.linesDeleted, expected.deleted, "seed \(seed) \(change.id.short) deleted")
        XCTAssertEqual(change.files.count, expected.files.count, "seed \(seed) \(change.id.short) files")
        XCTAssertEqual(change.files.filter(\.isBinary).count, expected.binaryFiles)
        for file in expected.files {
          let mined = change.files.first { $0.path == file.path }
          XCTAssertNotNil(mined, "\(change.id.short) lacks \(file.path)")
          XCTAssertEqual(mined?.isBinary == true ? nil : mined?.linesAdded, file.added, file.path)
          XCTAssertEqual(mined?.isBinary == true ? nil : mined?.linesDeleted, file.deleted, file.path)
        }
      }
    }
  }

  func testCountsEqualGitWithRenameDetection() throws {
    let repo = try FixtureRepo()
    try buildRandomHistory(in: repo, seed: 23, commits: 90, branchProbability: 0.3)
    let oracle = try repo.numstat(["--first-parent", "-M"])
    let (changes, _) = try mineAll(repo)
    var renames = 0
    for change in changes {
      let expected = try XCTUnwrap(oracle[change.id.hex])
      XCTAssertEqual(change.linesAdded, expected.added, "\(change.id.short) added")
      XCTAssertEqual(change.linesDeleted, expected.deleted, "\(change.id.short) deleted")
      XCTAssertEqual(change.files.count, expected.files.count, "\(change.id.short) files")
      renames += change.files.filter { $0.kind == .renamed }.count
    }
    XCTAssertGreaterThan(renames, 0, "the random history renames files; detection must see some")
  }

  func testWorkerCountDoesNotChangeResultsOrOrder() throws {
    let repo = try FixtureRepo()
    try buildRandomHistory(in: repo, seed: 5, commits: 60)
    let one = try mineAll(repo) {
      $0.workers = 1
      $0.detail = .hunks
    }
    let three = try mineAll(repo) {
      $0.workers = 3
      $0.lookahead = 2
      $0.detail = .hunks
    }
    XCTAssertEqual(one.changes, three.changes)
    XCTAssertEqual(one.changes.map(\.index), Array(0..<one.changes.count))
    XCTAssertEqual(one.summary, three.summary)
  }
}
