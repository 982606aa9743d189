import Foundation
import OutcomeModel
import XCTest

@testable import Report

final class TrackerInputTests: XCTestCase {
  func testChangeRequestBecomesPullRequestInput() throws {
    let created = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    let request = ChangeRequest(
      ref: ItemRef(system: .github, container: "acme/app", key: "42"), title: "Add thing", isDraft: false,
      state: .closedUnmerged, rawState: "closed", createdAt: created)
    let input = try XCTUnwrap(PullRequestInput(request, author: "p-1", teams: ["web"], cohort: .assisted))
    XCTAssertEqual(input.number, 42)
    XCTAssertEqual(input.state, "closed")
    XCTAssertEqual(input.createdAt, "2026-01-01T00:00:00Z")
    let noDate = ChangeRequest(
      ref: ItemRef(system: .github, container: "acme/app", key: "43"), title: "x", state: .open,
      rawState: "open")
    XCTAssertNil(PullRequestInput(noDate, author: "p", teams: [], cohort: .unmarked))
  }

  func testWorkItemResolutionAndReopen() {
    let at = Date(timeIntervalSince1970: 1_767_225_600)
    let reopened = WorkItem(
      ref: ItemRef(system: .jira, container: "PAY", key: "PAY-7"), title: "Bug", rawState: "Done",
      state: .done,
      resolution: .completed,
      transitions: [
        Transition(at: at, field: "status", from: "In Progress", to: "Done"),
        Transition(at: at.addingTimeInterval(86_400), field: "status", from: "Done", to: "Reopened"),
        Transition(at: at.addingTimeInterval(2 * 86_400), field: "status", from: "Reopened", to: "Done"),
      ])
    let input = IssueInput(reopened)
    XCTAssertEqual(input.key, "PAY-7")
    XCTAssertTrue(input.resolved)
    XCTAssertTrue(input.reopened)
    let open = WorkItem(
      ref: ItemRef(system: .github, container: "", key: "12"), title: "Feature", rawState: "open",
      state: .open)
    XCTAssertEqual(IssueInput(open), IssueInput(key: "#12", resolved: false, reopened: false))
  }

  /// Twenty teams in one report; timing is printed (debug builds are far slower than release).
  func testTwentyTeamsBuildQuickly() {
    var records: [ChangeRecord] = []
    var rng = SplitMix64(seed: 3)
    for i in 0..<1200 {
      let team = "team-\(i % 20)"
      let cohort: Cohort = rng.index(below: 3) == 0 ? .assisted : .unmarked
      records.append(
        ReportFixture.record(
          i, author: "\(team)-\(rng.index(below: 8))", team: team, cohort: cohort, day: rng.index(below: 90),
          linesAdded: 1 + rng.index(below: 200), deaths: [[rng.index(below: 60), 1]]))
    }
    let start = Date()
    let report = ReportBuilder(options: ReportOptions(bootstrapResamples: 500)).build(
      ReportFixture.input(records, withTracker: false))
    let seconds = Date().timeIntervalSince(start)
    XCTAssertEqual(report.teams.count, 20)
    print("20 teams, 1200 changes, 500 resamples: \(seconds) s")
  }
}
