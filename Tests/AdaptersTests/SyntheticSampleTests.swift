import Foundation
import OutcomeModel
import XCTest

@testable import Adapters

/// Traps the reference files lack, from the synthetic samples in samples/.
final class SyntheticSampleTests: XCTestCase {
  func testBackToBackPagesWithTraps() throws {
    let loaded = try ExportLoader.load(paths: [Paths.sample("github-issues-paginated.json")])
    XCTAssertEqual(loaded.files.first?.records, 5)
    XCTAssertEqual(loaded.duplicates, 1, "issue #3 repeats on an overlapping page")
    XCTAssertEqual(loaded.workItems.map(\.ref.key), ["2", "3", "4"])
    XCTAssertEqual(loaded.changeRequests.map(\.ref.key), ["5"])
    let items = Dictionary(uniqueKeysWithValues: loaded.workItems.map { ($0.ref.key, $0) })
    XCTAssertEqual(items["3"]?.updatedAt, iso("2024-03-05T08:00:00Z"), "the newer copy wins")
    XCTAssertEqual(items["3"]?.state, .canceled)
    XCTAssertEqual(items["3"]?.resolution, .duplicate)
    XCTAssertEqual(items["3"]?.author?.kind, .deleted)
    XCTAssertEqual(items["3"]?.kind, .bug, "type: bug")
    XCTAssertEqual(items["2"]?.state, .done)
    XCTAssertNil(items["2"]?.resolution, "state_reason null")
    XCTAssertEqual(items["2"]?.isResolvedCompleted, true)
    XCTAssertEqual(items["2"]?.author?.kind, .deleted, "user null")
    XCTAssertEqual(items["2"]?.kind, .bug, "Bug 🐛")
    XCTAssertEqual(items["4"]?.resolution, .notPlanned)
    XCTAssertEqual(items["4"]?.kind, .feature)
    XCTAssertEqual(items["4"]?.author?.kind, .bot, "renovate without [bot]")
    XCTAssertEqual(items["4"]?.createdAt, iso("2024-03-01T00:00:00Z").addingTimeInterval(0.5))
    XCTAssertEqual(loaded.changeRequests[0].author?.kind, .aiAgent)
    XCTAssertEqual(loaded.changeRequests[0].author?.tool, "copilot-agent")
    XCTAssertEqual(loaded.changeRequests[0].state, .merged)
  }

  func testPullsNDJSONAndAgentFacts() throws {
    let loaded = try ExportLoader.load(paths: [Paths.sample("github-pulls-ai.ndjson")])
    let prs = Dictionary(uniqueKeysWithValues: loaded.changeRequests.map { ($0.ref.key, $0) })
    XCTAssertEqual(prs.count, 3)
    XCTAssertNil(prs["6"]?.landingSHA)
    XCTAssertEqual(prs["6"]?.state, .closedUnmerged)

    let copilot = try XCTUnwrap(prs["5"]).facts(aiLabels: ["AI-Generated"])
    XCTAssertEqual(copilot.agentTool, "copilot-agent")
    XCTAssertTrue(copilot.isMerged)
    XCTAssertEqual(Set(copilot.evidence.map(\.signal)), [.author, .branch, .prBody, .label])
    XCTAssertEqual(copilot.timeToMerge, 86_400)

    let claude = try XCTUnwrap(prs["6"]).facts()
    XCTAssertNil(claude.agentTool)
    XCTAssertEqual(claude.evidence.map(\.tool), ["claude-code"])
    XCTAssertEqual(claude.evidence.first?.signal, .prBody)
    XCTAssertTrue(claude.isClosedUnmerged)

    let devin = try XCTUnwrap(prs["7"]).facts()
    XCTAssertEqual(devin.agentTool, "devin")
    XCTAssertEqual(devin.timeToMerge, 5_400)
  }

  func testJiraGermanNamesTeamAndAppReporter() throws {
    let loaded = try ExportLoader.load(paths: [Paths.sample("jira-issues-synthetic.json")])
    XCTAssertEqual(loaded.workItems.map(\.ref.key), ["PAY-87", "PAY-88"])
    XCTAssertEqual(loaded.workItems.map(\.kind), [.bug, .feature])
    XCTAssertEqual(loaded.workItems.map(\.state), [.canceled, .inProgress])
    XCTAssertEqual(loaded.workItems[0].resolution, .duplicate)
    XCTAssertEqual(loaded.workItems.map(\.team), ["Payments", "Payments"])
    XCTAssertEqual(loaded.workItems[0].author?.kind, .bot)
    XCTAssertEqual(loaded.workItems[0].resolvedAt, iso("2024-03-10T11:00:00Z"))
  }

  func testLinearCSV() throws {
    let loaded = try ExportLoader.load(paths: [Paths.sample("linear-export.csv")])
    XCTAssertEqual(loaded.files.first?.format, .linearCSV)
    let items = loaded.workItems
    XCTAssertEqual(items.map(\.ref.key), ["ENG-101", "ENG-102", "ENG-103", "ENG-104"])
    XCTAssertEqual(items.map(\.state), [.done, .canceled, .inProgress, .open])
    XCTAssertEqual(items.map(\.resolution), [.completed, .notPlanned, nil, nil])
    XCTAssertEqual(items[0].labels, ["Bug", "Regression"])
    XCTAssertEqual(items[0].kind, .bug)
    XCTAssertEqual(items[1].title, "=SUM(A1) in export")
    XCTAssertEqual(items[0].sprint, "Cycle 7")
    XCTAssertEqual(items[0].ref.container, "ENG")
    XCTAssertEqual(items[2].createdAt, iso("2024-05-06T06:04:21Z"))
    XCTAssertEqual(items[0].facts().timeToResolution, 4 * 86_400 + 3_600)
  }

  func testForcedFormatMismatchIsARecordError() throws {
    let options = ExportLoadOptions(format: .jira)
    XCTAssertThrowsError(
      try ExportLoader.load(paths: [Paths.sample("github-pulls-ai.ndjson")], options: options)
    ) {
      XCTAssertTrue("\($0)".hasSuffix("github-pulls-ai.ndjson: record 0: missing \"key\""), "\($0)")
    }
  }
}
