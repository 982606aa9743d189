import Commands
import Foundation
import Report
import TestSupport
import XCTest

/// `outcomes releases` as it runs (`ReleasesCommand.rows`: tag selection, windows, the pass and real
/// attribution) against `git blame` at each tag over git's `previous..tag`, tags on branches included.
final class ReleasesOracleTests: XCTestCase {
  func testReleaseRowsEqualBlameOverTagRanges() throws {
    var branchTags = 0
    for seed in [UInt64(5), 808, 13] {
      let repo = try FixtureRepo()
      // Day 300 on: the AI trailer's tool exists by then, so its commits count as AI.
      try buildRandomHistory(
        in: repo, seed: seed, commits: 80, branchProbability: 0.45, startDay: 300, shapes: .all, aiShare: 0.3)
      var request = MiningRequest()
      request.path = repo.url.path
      let result = try ReleasesCommand.rows(
        session: try MiningSession(request), tags: "*", progress: nil, environment: ["OUTCOMES_SALT": "x"])
      let tags = try repo.git(["tag", "--list"]).split(separator: "\n").map(String.init)
      XCTAssertEqual(Set(result.rows.map(\.tag)), Set(tags), "seed \(seed): every tag is reachable")
      branchTags += tags.filter { $0.hasSuffix("-rc") }.count

      let ai = Set(
        try repo.git(["log", "--all", "--no-merges", "--format=%H", "--grep=^Co-Authored-By: Claude"])
          .split(separator: "\n").map(String.init))
      var checked = 0
      var checkedAI = 0
      for row in result.rows {
        XCTAssertEqual(row.commit, try repo.revParse(row.tag + "^{commit}"), row.tag)
        let range = ["rev-list", row.tag] + (row.previous.map { ["^" + $0] } ?? [])
        let inRange = Set(try repo.git(range).split(separator: "\n").map(String.init))
        var lines = 0
        var aiLines = 0
        for path in try textFiles(repo, at: row.tag) {
          for sha in try blame(repo, path, at: row.tag) where inRange.contains(sha) {
            lines += 1
            if ai.contains(sha) { aiLines += 1 }
          }
        }
        XCTAssertEqual(row.lines, lines, "seed \(seed) \(row.tag): lines")
        XCTAssertEqual(row.aiLines, aiLines, "seed \(seed) \(row.tag): AI lines")
        checked += lines
        checkedAI += aiLines
      }
      XCTAssertGreaterThan(checked, 100, "seed \(seed)")
      XCTAssertGreaterThan(checkedAI, 10, "seed \(seed)")
    }
    XCTAssertGreaterThan(branchTags, 0, "the seeds should tag branches too")
  }

  /// The commit of every line of `path` at `rev`, in order.
  func blame(_ repo: FixtureRepo, _ path: String, at rev: String) throws -> [String] {
    try repo.git(["blame", "--porcelain", rev, "--", path]).split(separator: "\n").compactMap { line in
      let fields = line.split(separator: " ")
      guard fields.count >= 3, fields[0].count == 40, fields[0].allSatisfy(\.isHexDigit) else { return nil }
      return String(fields[0])
    }
  }

  /// Text files at `rev` (binary ones show `-` in numstat against the empty tree).
  func textFiles(_ repo: FixtureRepo, at rev: String) throws -> [String] {
    let emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
    return try repo.git(["diff", "--numstat", "--no-renames", emptyTree, rev]).split(separator: "\n")
      .compactMap { line in
        let fields = line.split(separator: "\t", maxSplits: 2)
        return fields.count == 3 && fields[0] != "-" ? String(fields[2]) : nil
      }
  }
}
