import Attribution
import OutcomeModel
import XCTest

/// `aiLinesAdded` from git-ai notes: only added lines inside AI ranges count.
final class NoteLinesTests: XCTestCase {
  let note = try! GitAINote.parse(GitAINoteTests.example).attribution

  func walkerChange(hunks: [Hunk], message: String = "Walk renames\n") -> Change {
    let added = hunks.reduce(0) { $0 + $1.newCount }
    return Fixture.change(
      Fixture.commit(message: message),
      files: [
        FileDiff(
          oldPath: "Sources/Miner/Walker.swift", newPath: "Sources/Miner/Walker.swift", kind: .modified,
          linesAdded: added, hunks: hunks)
      ])
  }

  func testCountsOnlyAddedLinesInAIRanges() {
    // New lines 30-45 (16 lines: 30-38 AI, 39-45 human) and 58-61 (58-60 AI, 61 unmarked).
    let change = walkerChange(hunks: [
      Hunk(oldStart: 29, oldCount: 0, newStart: 30, newCount: 16),
      Hunk(oldStart: 50, oldCount: 2, newStart: 58, newCount: 4),
    ])
    let result = Fixture.attributor.attribute(change, notes: [change.id: note])
    XCTAssertEqual(result.aiLinesAdded, 12)
    XCTAssertTrue(result.notesUsed)
    XCTAssertFalse(result.needsHunks)
    XCTAssertEqual(result.cohort, .assisted)
    XCTAssertEqual(result.tools, ["claude-code", "codex"])
    XCTAssertEqual(result.evidence.map(\.signal), [.note, .note])
  }

  func testNoteWithoutHunksAsksForThem() {
    let change = Fixture.change(
      Fixture.commit(message: "Walk renames\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"),
      linesAdded: 25)
    let result = Fixture.attributor.attribute(change, notes: [change.id: note])
    XCTAssertTrue(result.needsHunks)
    XCTAssertEqual(result.aiLinesAdded, 0)
    XCTAssertEqual(result.cohort, .assisted)
  }

  func testEmptyNoteFallsBackToMarks() throws {
    let empty = try GitAINote.parse("---\n{\"schema_version\":\"authorship/3.0.0\",\"prompts\":{}}")
      .attribution
    let change = Fixture.change(
      Fixture.commit(message: "Walk renames\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"),
      linesAdded: 25)
    let result = Fixture.attributor.attribute(change, notes: [change.id: empty])
    XCTAssertFalse(result.notesUsed)
    XCTAssertEqual(result.aiLinesAdded, 25)
  }

  func testHumanOnlyNoteAttributesNoLines() {
    let human = LineAttribution(
      source: "git-ai authorship/3.0.0",
      files: ["Sources/Miner/Walker.swift": [AttributedRange(lines: 1...100, contributor: .human(nil))]])
    let change = walkerChange(hunks: [Hunk(oldStart: 0, oldCount: 0, newStart: 1, newCount: 10)])
    let result = Fixture.attributor.attribute(change, notes: [change.id: human])
    XCTAssertEqual(result.cohort, .unmarked)
    XCTAssertEqual(result.aiLinesAdded, 0)
    XCTAssertTrue(result.notesUsed)
  }

  func testAgentTraceToolNamesMapToCatalogueIDs() {
    let trace = LineAttribution(
      source: "agent-trace 0.1.0",
      files: [
        "Sources/Miner/Walker.swift": [
          AttributedRange(lines: 1...5, contributor: .ai(tool: "cursor-agent", model: nil))
        ]
      ])
    let change = walkerChange(hunks: [Hunk(oldStart: 0, oldCount: 0, newStart: 1, newCount: 10)])
    let result = Fixture.attributor.attribute(change, notes: [change.id: trace])
    XCTAssertEqual(result.tools, ["cursor-agent"])
    XCTAssertEqual(result.aiLinesAdded, 5)
  }
}
