import OutcomeModel
import XCTest

@testable import Report

final class SuppressionTests: XCTestCase {
  func testFourAuthorTeamDisappearsAndCannotBeRecovered() throws {
    let records = ReportFixture.records()
    let report = ReportFixture.report()
    XCTAssertEqual(report.teams.map(\.team), ["payments", "platform"])
    XCTAssertEqual(report.suppressedTeams, 2)
    for format in ReportFormat.allCases {
      for team in ["tiny", "micro"] {
        XCTAssertFalse(try format.render(report).contains(team), "\(format) names the hidden team \(team)")
      }
    }
    // The overview is the one total; minus the shown teams it gives back only the two hidden teams
    // together, whose authors are enough for a cell of their own.
    let hidden = records.filter { $0.team == "tiny" || $0.team == "micro" }
    let published = report.teams.map { team in team.cells.first { $0.cohort == .all }!.changes! }
    XCTAssertEqual(published, [140, 90])
    let overall = report.overview.cells.first { $0.cohort == .all }
    XCTAssertEqual(overall?.changes, records.count)
    XCTAssertEqual(published.reduce(0, +) + hidden.count, records.count)
    XCTAssertGreaterThanOrEqual(Set(hidden.map(\.author)).count, report.settings.minAuthors)
    assertNoSingleHiddenCell(report)
  }

  /// For every additive relation in a published team, never exactly one hidden member.
  func assertNoSingleHiddenCell(_ report: OutcomeReport, file: StaticString = #filePath, line: UInt = #line) {
    for team in report.teams {
      let status = Dictionary(uniqueKeysWithValues: team.cells.map { ($0.cohort, $0.status) })
      let relations: [[ReportCohort]] = [
        [.all, .agent, .assisted, .unmarked], [.ai, .agent, .assisted], [.all, .ai, .unmarked],
      ]
      for relation in relations {
        let hidden = relation.filter { status[$0] == .suppressed }.count
        XCTAssertNotEqual(hidden, 1, "\(team.team): \(relation) leaks by subtraction", file: file, line: line)
      }
      let months = Set(team.trend.map(\.month))
      for cohort in ReportBuilder.trendCohorts {
        let hiddenMonths = team.trend.filter { $0.cohort == cohort && $0.status == .suppressed }.count
        let periodHidden = status[cohort] == .suppressed ? 1 : 0
        XCTAssertNotEqual(
          hiddenMonths + periodHidden, 1, "\(team.team) \(cohort) months leak", file: file, line: line)
        _ = months
      }
    }
  }

  func testSmallCohortGetsComplementarySuppression() throws {
    // 7 unmarked authors, 6 agent authors, 2 assisted authors: assisted is hidden, and so must be one
    // more of {agent, ai}, or ai − agent would give it back.
    var records: [ChangeRecord] = []
    var i = 0
    func add(_ author: String, _ cohort: Cohort, _ count: Int) {
      for k in 0..<count {
        i += 1
        records.append(
          ReportFixture.record(i, author: author, team: "core", cohort: cohort, day: k % 80, linesAdded: 10))
      }
    }
    for a in 1...7 { add("u\(a)", .unmarked, 6) }
    for a in 1...6 { add("g\(a)", .agent, 5) }
    for a in 1...2 { add("s\(a)", .assisted, 3) }
    let report = ReportBuilder(options: ReportFixture.options).build(
      ReportFixture.input(records, withTracker: false))
    let status = Dictionary(uniqueKeysWithValues: report.teams[0].cells.map { ($0.cohort, $0.status) })
    XCTAssertEqual(status[.assisted], .suppressed)
    XCTAssertEqual(status[.agent], .suppressed, "agent is the least important partner of assisted")
    XCTAssertEqual(status[.ai], .published)
    XCTAssertEqual(status[.unmarked], .published)
    XCTAssertEqual(status[.all], .published)
    assertNoSingleHiddenCell(report)
  }

  /// Few unmarked authors: unmarked is hidden and so must be a partner in every relation; and the AI
  /// line shares of the total, which would give the AI lines and then the unmarked lines back, go too.
  func testHiddenUnmarkedHidesItsPartnersAndTheShares() throws {
    var records: [ChangeRecord] = []
    var i = 0
    for a in 1...6 {
      for k in 0..<6 {
        i += 1
        records.append(
          ReportFixture.record(
            i, author: "g\(a)", team: "core", cohort: .assisted, day: k * 13, linesAdded: 10))
      }
    }
    for k in 0..<8 {
      i += 1
      records.append(
        ReportFixture.record(
          i, author: "u\(k % 2)", team: "core", cohort: .unmarked, day: k * 9, linesAdded: 10))
    }
    let report = ReportBuilder(options: ReportFixture.options).build(
      ReportFixture.input(records, withTracker: false))
    let team = try XCTUnwrap(report.teams.first)
    let cells = Dictionary(uniqueKeysWithValues: team.cells.map { ($0.cohort, $0) })
    XCTAssertEqual(cells[.unmarked]?.status, .suppressed)
    XCTAssertEqual(cells[.agent]?.status, .empty)
    XCTAssertEqual(cells[.all]?.status, .published)
    XCTAssertEqual(cells[.ai]?.status, .suppressed, "otherwise all − ai = unmarked")
    XCTAssertEqual(cells[.assisted]?.status, .suppressed, "otherwise all − assisted − agent(0) = unmarked")
    XCTAssertFalse(
      cells[.all]!.metrics.contains { $0.metric == .aiShareAdded || $0.metric == .aiShareSurviving })
    XCTAssertTrue(team.comparisons.isEmpty)
    assertNoSingleHiddenCell(report)
  }

  /// A month with too few authors hides a second month, or the quarter minus the rest would show it.
  func testThinMonthTakesAnotherMonthWithIt() throws {
    var records: [ChangeRecord] = []
    var i = 0
    for a in 1...6 {
      for k in 0..<5 {
        i += 1
        // January and February: everyone; March: only a1 and a2.
        let day = k < 4 ? (k % 2 == 0 ? 5 : 40) : 70
        let author = k == 4 ? "a\(1 + a % 2)" : "a\(a)"
        records.append(
          ReportFixture.record(
            i, author: author, team: "core", cohort: .unmarked, day: day + a, linesAdded: 10))
      }
    }
    let report = ReportBuilder(options: ReportFixture.options).build(
      ReportFixture.input(records, withTracker: false))
    let team = try XCTUnwrap(report.teams.first)
    let months = team.trend.filter { $0.cohort == .unmarked }
    XCTAssertEqual(months.map(\.month), ["2026-01", "2026-02", "2026-03"])
    XCTAssertEqual(months[2].status, .suppressed)
    XCTAssertEqual(months.filter { $0.status == .suppressed }.count, 2)
    assertNoSingleHiddenCell(report)
  }

  func testMinAuthorsIsNeverBelowThree() {
    XCTAssertEqual(ReportOptions(minAuthors: 1).minAuthors, 3)
    XCTAssertEqual(ReportOptions(minAuthors: 8).minAuthors, 8)
  }

  func testNestedTeamsCannotIsolateOnePerson() {
    // "core" is five people; "platform" is the same five plus one: platform − core would be one
    // person's changes, so the smaller team is hidden.
    var records: [ChangeRecord] = []
    var i = 0
    for a in 1...6 {
      for k in 0..<8 {
        i += 1
        var r = ReportFixture.record(
          i, author: "p\(a)", team: "platform", cohort: .unmarked, day: k * 9, linesAdded: 10)
        if a <= 5 { r.teams = ["core", "platform"] }
        records.append(r)
      }
    }
    let report = ReportBuilder(options: ReportFixture.options).build(
      ReportFixture.input(records, withTracker: false))
    XCTAssertEqual(report.teams.map(\.team), ["platform"])
    XCTAssertEqual(report.suppressedTeams, 1)
  }

  func testSmallCellsShowCountsOnlyAsInsufficient() {
    var records: [ChangeRecord] = []
    for i in 0..<12 {
      records.append(
        ReportFixture.record(i, author: "a\(i % 6)", team: "t", cohort: .unmarked, day: i, linesAdded: 10))
    }
    let report = ReportBuilder(options: ReportFixture.options).build(
      ReportFixture.input(records, withTracker: false))
    let all = report.teams[0].cells.first { $0.cohort == .all }!
    XCTAssertEqual(all.status, .insufficient)
    XCTAssertEqual(all.metrics.map(\.metric), [.changes, .linesAdded])
    XCTAssertTrue(report.teams[0].comparisons.isEmpty)
    XCTAssertTrue(MarkdownRenderer.render(report).contains("Insufficient data"))
    let ai = report.teams[0].cells.first { $0.cohort == .ai }!
    XCTAssertEqual(ai.status, .empty)
  }
}
