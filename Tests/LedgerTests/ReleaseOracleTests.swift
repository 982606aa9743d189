import GitHistory
import Ledger
import OutcomeModel
import TestSupport
import XCTest

/// Release counts must equal blame at each tag over git's `previous..tag` range, tags on branches included.
final class ReleaseOracleTests: XCTestCase {
  func testReleaseLinesEqualBlameOverTagRanges() throws {
    let repo = try FixtureRepo()
    try buildRandomHistory(in: repo, seed: 5, commits: 80, branchProbability: 0.45)
    let names = try repo.git(["tag", "--list"]).split(separator: "\n").map(String.init)
    XCTAssertTrue(names.contains { $0.hasSuffix("-rc") }, "the history should have tags on branches")
    // An arbitrary but fixed AI predicate, so AI counts are checked too.
    let isAI: (String) -> Bool = { sha in "02468ace".contains(sha.first!) }

    let probe = try LedgerRun(repo, keep: [])
    var tags = try names.map { (name: $0, position: try probe.position(of: $0, in: repo)) }
    tags.sort { ($0.position, $0.name) < ($1.position, $1.name) }
    var windows: [ReleaseWindow] = []
    for (index, tag) in tags.enumerated() {
      var inRange = probe.graph.ancestors(of: tag.position)
      if index > 0 {
        let previous = probe.graph.ancestors(of: tags[index - 1].position)
        for position in inRange.indices where previous[position] { inRange[position] = false }
      }
      windows.append(ReleaseWindow(position: tag.position, inRange: inRange))
    }
    // Merges stay unmarked: a mainline merge with AI marks of its own marks every line it lands, which is
    // the ledger's rule for pull-request evidence but not what per-commit blame counts.
    let run = try LedgerRun(repo, keep: [], releases: windows) { info in
      CommitFacts(person: 0, isAI: !info.isMerge && isAI(info.id.hex))
    }
    let merges = Set(try repo.git(["rev-list", "--merges", "--all"]).split(separator: "\n").map(String.init))

    var checkedLines = 0
    for (index, tag) in tags.enumerated() {
      var range = ["rev-list", tag.name]
      if index > 0 { range.append("^" + tags[index - 1].name) }
      let inRange = Set(try repo.git(range).split(separator: "\n").map(String.init))
      var lines = 0
      var aiLines = 0
      for path in try textFiles(repo, at: tag.name) {
        for sha in try blame(repo, path, at: tag.name) where inRange.contains(sha) {
          lines += 1
          if isAI(sha) && !merges.contains(sha) { aiLines += 1 }
        }
      }
      XCTAssertEqual(run.ledger.releases[index].lines, lines, "\(tag.name): lines")
      XCTAssertEqual(run.ledger.releases[index].aiLines, aiLines, "\(tag.name): AI lines")
      checkedLines += lines
    }
    XCTAssertGreaterThan(checkedLines, 100)
  }
}
