import OutcomeModel
import XCTest

@testable import Report

final class PeriodTests: XCTestCase {
  func day(_ text: String) -> Int64 { Timestamp.parse(text)! }

  func testQuarterAndMonth() throws {
    let q = try ReportPeriod.quarter("2026Q3")
    XCTAssertEqual(q.start, day("2026-07-01"))
    XCTAssertEqual(q.end, day("2026-10-01"))
    XCTAssertEqual(q.months.map(\.label), ["2026-07", "2026-08", "2026-09"])
    XCTAssertEqual(try ReportPeriod.quarter("2026q4").end, day("2027-01-01"))
    XCTAssertThrowsError(try ReportPeriod.quarter("2026Q5"))
    let m = try ReportPeriod.month("2026-12")
    XCTAssertEqual(m.start, day("2026-12-01"))
    XCTAssertEqual(m.end, day("2027-01-01"))
    XCTAssertThrowsError(try ReportPeriod.month("2026-13"))
    XCTAssertTrue(q.contains(day("2026-09-30T23:59:59Z")))
    XCTAssertFalse(q.contains(day("2026-10-01")))
  }

  func testSinceUntilIncludesTheWholeUntilDayAndClipsMonths() throws {
    let p = try ReportPeriod.range(since: "2026-07-15", until: "2026-08-10", historyStart: 0, historyEnd: 0)
    XCTAssertEqual(p.end, day("2026-08-11"))
    XCTAssertEqual(p.label, "2026-07-15..2026-08-10")
    XCTAssertEqual(p.months.map(\.label), ["2026-07", "2026-08"])
    XCTAssertEqual(p.months[0].start, day("2026-07-15"))
    XCTAssertEqual(p.months[1].end, day("2026-08-11"))
    XCTAssertThrowsError(
      try ReportPeriod.range(since: "2026-09-01", until: "2026-08-01", historyStart: 0, historyEnd: 0))
    XCTAssertThrowsError(
      try ReportPeriod.parse(quarter: "2026Q1", month: "2026-01", historyStart: 0, historyEnd: 0))
  }

  func testDefaultIsLastFullQuarterOrAllHistory() {
    let long = ReportPeriod.defaultPeriod(historyStart: day("2024-01-01"), historyEnd: day("2026-08-20"))
    XCTAssertEqual(long.label, "2026Q2")
    let januaryEnd = ReportPeriod.defaultPeriod(
      historyStart: day("2020-01-01"), historyEnd: day("2026-01-03"))
    XCTAssertEqual(januaryEnd.label, "2025Q4")
    let short = ReportPeriod.defaultPeriod(historyStart: day("2026-05-10"), historyEnd: day("2026-08-20"))
    XCTAssertEqual(short.kind, .all)
    XCTAssertEqual(short.start, day("2026-05-10"))
    XCTAssertTrue(short.contains(day("2026-08-20")))
  }

  func testProvisionalUntilHorizonPassed() throws {
    let q = try ReportPeriod.quarter("2026Q1")
    XCTAssertTrue(q.isProvisional(horizonDays: 180, observedUntil: day("2026-06-30")))
    XCTAssertFalse(q.isProvisional(horizonDays: 180, observedUntil: day("2026-10-01")))
    XCTAssertTrue(ReportFixture.report().period.provisional)
  }
}
