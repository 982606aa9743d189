import OutcomeModel
import XCTest

@testable import Report

/// Moved and copy-pasted shares of added lines per cohort: values, intervals, comparisons, the rows in
/// every format, privacy, and what happens when moves were not measured.
final class MovedLinesReportTests: XCTestCase {
  /// Team "core": 6 unmarked authors whose changes move 10 of 30 added lines; 6 assisted authors whose
  /// changes paste 8 of 20; `unmeasured` more unmarked changes with moves not followed.
  func records(moved: Bool = true, unmeasured: Int = 0) -> [ChangeRecord] {
    var records: [ChangeRecord] = []
    var i = 0
    for a in 1...6 {
      for k in 0..<5 {
        i += 1
        records.append(
          ReportFixture.record(
            i, author: "u\(a)", team: "core", cohort: .unmarked, day: k * 15 + a, linesAdded: 20,
            moved: moved ? 10 : nil, copied: 0))
        i += 1
        records.append(
          ReportFixture.record(
            i, author: "g\(a)", team: "core", cohort: .assisted, day: k * 15 + a, linesAdded: 20,
            moved: moved ? 0 : nil, copied: 8))
      }
    }
    for k in 0..<unmeasured {
      i += 1
      records.append(
        ReportFixture.record(
          i, author: "u\(k % 6 + 1)", team: "core", cohort: .unmarked, day: k + 2, linesAdded: 500))
    }
    return records
  }

  func build(_ records: [ChangeRecord]) -> OutcomeReport {
    ReportBuilder(options: ReportFixture.options).build(ReportFixture.input(records, withTracker: false))
  }

  func value(_ team: TeamReport, _ cohort: ReportCohort, _ id: MetricID) -> MetricValue? {
    team.cells.first { $0.cohort == cohort }?.metrics.first { $0.metric == id }
  }

  func testSharesAreMovedAndCopiedLinesOverAddedLinesPerCohort() throws {
    // Unmeasured rows (500 added lines each) would pull the unmarked shares down if they counted.
    let report = build(records(unmeasured: 4))
    let team = try XCTUnwrap(report.teams.first { $0.team == "core" })
    let expected: [(ReportCohort, MetricID, Double, Int)] = [
      (.unmarked, .movedShare, 10.0 / 30, 30), (.unmarked, .copiedShare, 0, 30),
      (.assisted, .movedShare, 0, 30), (.assisted, .copiedShare, 8.0 / 20, 30),
      (.ai, .copiedShare, 8.0 / 20, 30), (.all, .movedShare, 300.0 / 1500, 60),
      (.all, .copiedShare, 240.0 / 1500, 60),
    ]
    for (cohort, id, share, n) in expected {
      let m = try XCTUnwrap(value(team, cohort, id), "\(cohort) \(id)")
      XCTAssertEqual(try XCTUnwrap(m.value), share, accuracy: 1e-6, "\(cohort) \(id)")
      XCTAssertEqual(m.n, n, "\(cohort) \(id): only changes whose moves were measured")
      XCTAssertLessThanOrEqual(try XCTUnwrap(m.low), share + 1e-6)
      XCTAssertGreaterThanOrEqual(try XCTUnwrap(m.high), share - 1e-6)
    }
    let comparisons = Dictionary(uniqueKeysWithValues: team.comparisons.map { ($0.metric, $0) })
    XCTAssertEqual(comparisons[.movedShare]?.verdict, .lowerWithAI)
    XCTAssertEqual(try XCTUnwrap(comparisons[.movedShare]?.difference), -1.0 / 3, accuracy: 1e-6)
    XCTAssertEqual(comparisons[.copiedShare]?.verdict, .higherWithAI)
    XCTAssertFalse(report.caveats.contains { $0.contains("not measured") })
    XCTAssertEqual(
      report.caveats.filter { $0.contains("were measured for 60 of 64 changes") }.count, 1,
      "\(report.caveats)")
    // The overview says clear differences in words, these two included.
    XCTAssertTrue(
      report.overview.sentences.contains { $0.contains("copy-pasted more existing code") },
      "\(report.overview.sentences)")
  }

  func testRowsSitNextToChurnInEveryFormat() throws {
    let report = build(records())
    XCTAssertFalse(report.caveats.contains { $0.contains("Moved and copy-pasted") }, "all measured: no note")
    let markdown = try ReportFormat.md.render(report)
    let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }.map(String.init)
    func row(_ title: String) -> Int? { rows.firstIndex { $0.hasPrefix("| \(title) |") } }
    let churn = try XCTUnwrap(row(MetricID.churn21d.title))
    let moved = try XCTUnwrap(row(MetricID.movedShare.title))
    let copied = try XCTUnwrap(row(MetricID.copiedShare.title))
    XCTAssertTrue(churn < moved && moved + 1 == copied, rows.joined(separator: "\n"))
    XCTAssertTrue(rows[copied].contains("higher with AI"), rows[copied])
    let html = try ReportFormat.html.render(report)
    let churnAt = try XCTUnwrap(html.range(of: ">\(MetricID.churn21dOthers.title)</th>"))
    let movedAt = try XCTUnwrap(html.range(of: ">\(MetricID.movedShare.title)</th>"))
    let defectAt = try XCTUnwrap(html.range(of: ">\(MetricID.defectRate.title)</th>"))
    XCTAssertTrue(churnAt.upperBound < movedAt.lowerBound && movedAt.upperBound < defectAt.lowerBound)
    let csv = try ReportFormat.csv.render(report)
    XCTAssertTrue(csv.contains("\ncore,2026Q1,ai,copiedShare,0.4,"), csv)
    XCTAssertTrue(csv.contains("\ncore,2026Q1,ai-minus-unmarked,movedShare,"), csv)
    XCTAssertTrue(csv.contains("\n*,2026Q1,all,movedShare,0.2,"), "the overview too")
    let json = try ReportFormat.json.render(report)
    XCTAssertTrue(json.contains("\"movedShare\""))
  }

  func testMovesOffLeavesTheRowsOutWithOneNote() throws {
    let report = build(records(moved: false))
    let team = try XCTUnwrap(report.teams.first)
    for id in [MetricID.movedShare, .copiedShare] {
      let m = try XCTUnwrap(value(team, .all, id), "\(id)")
      XCTAssertNil(m.value, "not measured is not 0%")
      XCTAssertEqual(m.note, "moves not measured")
      XCTAssertFalse(team.comparisons.contains { $0.metric == id })
    }
    let notes = report.caveats.filter { $0.contains("Moved and copy-pasted lines were not measured") }
    XCTAssertEqual(notes.count, 1)
    let markdown = try ReportFormat.md.render(report)
    XCTAssertFalse(markdown.contains("| \(MetricID.movedShare.title) |"))
    XCTAssertFalse(markdown.contains("| \(MetricID.copiedShare.title) |"))
    XCTAssertEqual(markdown.components(separatedBy: "--moves off").count, 2, "said once")
    let html = try ReportFormat.html.render(report)
    XCTAssertFalse(html.contains("<th scope=\"row\">\(MetricID.movedShare.title)</th>"))
    XCTAssertFalse(try ReportFormat.csv.render(report).contains("movedShare"))
  }

  /// Few unmarked authors: their cell is hidden, and with it every share that would give it back.
  func testHiddenCellsShowNoMovedOrCopiedShare() throws {
    var records: [ChangeRecord] = []
    var i = 0
    for a in 1...6 {
      for k in 0..<6 {
        i += 1
        records.append(
          ReportFixture.record(
            i, author: "g\(a)", team: "core", cohort: .assisted, day: k * 13, linesAdded: 10, moved: 2,
            copied: 5))
      }
    }
    for k in 0..<8 {
      i += 1
      records.append(
        ReportFixture.record(
          i, author: "u\(k % 2)", team: "core", cohort: .unmarked, day: k * 9, linesAdded: 10, moved: 9,
          copied: 0))
    }
    let report = build(records)
    let team = try XCTUnwrap(report.teams.first)
    for cohort in [ReportCohort.unmarked, .ai, .assisted] {
      let cell = try XCTUnwrap(team.cells.first { $0.cohort == cohort })
      XCTAssertEqual(cell.status, .suppressed, "\(cohort)")
      XCTAssertFalse(cell.metrics.contains { $0.metric == .movedShare || $0.metric == .copiedShare })
    }
    XCTAssertTrue(team.comparisons.isEmpty)
    // The total rests on 8 people and is shown; its share mixes both sides.
    let all = try XCTUnwrap(value(team, .all, .movedShare)?.value)
    let moved: Double = 36 * 2 + 8 * 9
    let added: Double = 36 * 12 + 8 * 19
    XCTAssertEqual(all, moved / added, accuracy: 1e-6)
    let csv = try ReportFormat.csv.render(report)
    for cohort in ["unmarked", "assisted", "ai"] {
      XCTAssertFalse(csv.contains("core,2026Q1,\(cohort),movedShare"), cohort)
      XCTAssertFalse(csv.contains("core,2026Q1,\(cohort),copiedShare"), cohort)
    }
  }
}
