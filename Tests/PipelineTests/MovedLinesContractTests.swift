import Foundation
import Ledger
import OutcomeModel
import TestSupport
import XCTest

@testable import Outcomes
@testable import Pipeline

/// `linesMoved` and `linesCopied` in the contract: present with the ledger's counts when moves were
/// followed, left out (never 0 or null) when they were not.
final class MovedLinesContractTests: XCTestCase {
  private func lines(moved: Int, copied: Int) -> ChangeLines {
    var lines = ChangeLines(time: 1_700_000_000, person: 0)
    lines.owned = 30
    lines.linesMoved = moved
    lines.linesCopied = copied
    return lines
  }

  private func filled(_ moves: MoveDetection, moved: Int = 12, copied: Int = 5) -> ChangeRecord {
    let summary = MainlineSummary(
      sha: String(repeating: "a", count: 40), subject: "move parse()", message: "move parse()\n",
      trailers: [], time: 1_700_000_000, isMerge: false)
    var inputs = OutcomeInputs()
    inputs.moves = moves
    let outcomes = ChangeOutcomes(
      changes: [summary], lines: [lines(moved: moved, copied: copied)], endTime: 1_700_000_000 + 86_400 * 40,
      inputs: inputs)
    var record = ChangeRecord(
      sha: summary.sha, parents: [], authoredAt: "2023-11-14T22:13:20Z", committedAt: "2023-11-14T22:13:20Z",
      author: "p_0123456789abcdef", filesChanged: 2, linesAdded: 42, linesDeleted: 12, isMerge: false,
      contributingCommits: 0)
    outcomes.fill(&record, at: 0)
    return record
  }

  private func json(_ record: ChangeRecord) throws -> [String: Any] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let object = try JSONSerialization.jsonObject(with: try encoder.encode(record))
    return try XCTUnwrap(object as? [String: Any])
  }

  func testFollowedMovesAreWrittenInTheRowAndItsFate() throws {
    for moves in [MoveDetection.file, .commit] {
      let record = filled(moves)
      XCTAssertEqual(record.linesMoved, 12, "\(moves)")
      XCTAssertEqual(record.linesCopied, 5, "\(moves)")
      let row = try json(record)
      XCTAssertEqual(row["linesMoved"] as? Int, 12)
      XCTAssertEqual(row["linesCopied"] as? Int, 5)
      let fate = try XCTUnwrap(row["fate"] as? [String: Any])
      XCTAssertEqual(fate["moved"] as? Int, 12)
      XCTAssertEqual(fate["copied"] as? Int, 5)
    }
    // Measured zero is written as 0: "none found" is a finding.
    let none = try json(filled(.commit, moved: 0, copied: 0))
    XCTAssertEqual(none["linesMoved"] as? Int, 0)
    XCTAssertEqual(none["linesCopied"] as? Int, 0)
  }

  func testMovesOffLeavesBothOutEvenWhenTheLedgerCounted() throws {
    let record = filled(.off)
    XCTAssertNil(record.linesMoved)
    XCTAssertNil(record.linesCopied)
    let row = try json(record)
    XCTAssertFalse(row.keys.contains("linesMoved"), "absent, not null or 0")
    XCTAssertFalse(row.keys.contains("linesCopied"))
    let fate = try XCTUnwrap(row["fate"] as? [String: Any])
    XCTAssertFalse(fate.keys.contains("moved"))
    XCTAssertFalse(fate.keys.contains("copied"))
    XCTAssertEqual(row["linesAlive"] as? Int, 30, "the rest of the outcomes are still there")
  }

  func testRowsRoundTripAndOlderRowsReadAsUnmeasured() throws {
    let record = filled(.commit)
    let decoded = try JSONDecoder().decode(ChangeRecord.self, from: try JSONEncoder().encode(record))
    XCTAssertEqual(decoded.linesMoved, 12)
    XCTAssertEqual(decoded.linesCopied, 5)
    XCTAssertEqual(decoded.fate, record.fate)
    var older = try json(record)
    older["linesMoved"] = nil
    older["linesCopied"] = nil
    var fate = try XCTUnwrap(older["fate"] as? [String: Any])
    fate["moved"] = nil
    fate["copied"] = nil
    older["fate"] = fate
    let old = try JSONDecoder().decode(
      ChangeRecord.self, from: try JSONSerialization.data(withJSONObject: older))
    XCTAssertNil(old.linesMoved)
    XCTAssertNil(old.fate?.moved)
  }

  func testCSVHasBothColumnsLastAndEmptyWhenUnmeasured() throws {
    let columns = FactTableWriter.csvColumns
    XCTAssertEqual(Array(columns.suffix(2)), ["linesMoved", "linesCopied"])
    let measured = FactTableWriter.csvRow(filled(.commit)).dropLast().split(
      separator: ",", omittingEmptySubsequences: false)
    XCTAssertEqual(measured.count, columns.count)
    XCTAssertEqual(measured.suffix(2).map(String.init), ["12", "5"])
    let off = FactTableWriter.csvRow(filled(.off)).dropLast().split(
      separator: ",", omittingEmptySubsequences: false)
    XCTAssertEqual(off.count, columns.count)
    XCTAssertEqual(off.suffix(2).map(String.init), ["", ""])
  }
}

/// `--moves` decides the cached ledger's origins: another value must rebuild, the same value resume.
final class MovesCacheTests: XCTestCase {
  func run(_ repo: FixtureRepo, moves: MoveDetection, cache: CacheMode) throws -> (
    rows: [String], notes: String
  ) {
    let run = try CacheTests.run(repo, cache: cache) { $0.ledger?.moves = moves }
    return (run.rows, run.notes.joined)
  }

  func testChangingMovesRebuildsTheCacheAndKeepingItResumes() throws {
    let repo = try FixtureRepo()
    try buildRandomHistory(in: repo, seed: 21, commits: 40)
    let first = try run(repo, moves: .commit, cache: .readWrite)
    XCTAssertTrue(first.rows.allSatisfy { $0.contains("\"linesMoved\":") }, "measured by default")
    let off = try run(repo, moves: .off, cache: .readWrite)
    XCTAssertTrue(off.notes.contains("cache: rebuilding (the move detection (--moves) changed)"), off.notes)
    XCTAssertEqual(off.rows, try run(repo, moves: .off, cache: .off).rows, "same rows as reading all history")
    XCTAssertFalse(off.rows.contains { $0.contains("linesMoved") || $0.contains("linesCopied") })
    let again = try run(repo, moves: .off, cache: .readWrite)
    XCTAssertFalse(again.notes.contains("rebuilding"), again.notes)
    XCTAssertEqual(again.rows, off.rows)
    let file = try run(repo, moves: .file, cache: .readWrite)
    XCTAssertTrue(file.notes.contains("(the move detection (--moves) changed)"), file.notes)
    XCTAssertEqual(file.rows, try run(repo, moves: .file, cache: .off).rows)
  }

  /// Moved lines of changes before the cached tip come back from the cache, not from a new reading.
  func testResumedRunsGiveTheMovedLinesOfReadingAllHistory() throws {
    let repo = try FixtureRepo()
    try buildRandomHistory(in: repo, seed: 8, commits: 90, shapes: [.moves])
    let tip = try repo.revParse("main")
    let chain = try repo.git(["rev-list", "--first-parent", "main"]).split(separator: "\n").map(String.init)
    let full = try run(repo, moves: .commit, cache: .off)
    let moved = full.rows.filter { !$0.contains("\"linesMoved\":0") }.count
    XCTAssertGreaterThan(moved, 0, "the history moves lines")
    for back in [20, 3] {
      try repo.git(["update-ref", "refs/heads/main", chain[back]])
      _ = try run(repo, moves: .commit, cache: .readWrite)
      try repo.git(["update-ref", "refs/heads/main", tip])
      let resumed = try run(repo, moves: .commit, cache: .readWrite)
      XCTAssertTrue(resumed.notes.contains("cache: resumed"), resumed.notes)
      XCTAssertEqual(resumed.rows.count, full.rows.count)
      for (index, (a, b)) in zip(resumed.rows, full.rows).enumerated() where a != b {
        XCTFail("cut \(back), row \(index) differs:\n\(a)\n\(b)")
        break
      }
    }
  }
}
