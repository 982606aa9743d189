import OutcomeModel
import XCTest

@testable import Report

final class BuilderTests: XCTestCase {
  func metric(_ report: OutcomeReport, _ team: String, _ cohort: ReportCohort, _ id: MetricID) -> MetricValue?
  {
    report.teams.first { $0.team == team }?.cells.first { $0.cohort == cohort }?.metrics.first {
      $0.metric == id
    }
  }

  /// 25 unmarked changes by 5 people on known days: reverts count only once their window has passed.
  func testRevertRatesUseMaturedChangesAndIgnoreCancelledReverts() throws {
    var records: [ChangeRecord] = []
    for i in 0..<25 {
      var r = ReportFixture.record(
        i, author: "a\(i % 5)", team: "t", cohort: .unmarked, day: i * 3, linesAdded: 10)
      if i < 3 {
        r = ReportFixture.record(
          i, author: "a\(i % 5)", team: "t", cohort: .unmarked, day: i * 3, linesAdded: 10, revertDays: 5)
      }
      if i == 3 {
        r = ReportFixture.record(
          i, author: "a3", team: "t", cohort: .unmarked, day: 9, linesAdded: 10, revertDays: 30)
      }
      if i == 4 {
        r = ReportFixture.record(
          i, author: "a4", team: "t", cohort: .unmarked, day: 12, linesAdded: 10, revertDays: 2)
        r.reverted?.relandedBy = "e" + String(repeating: "0", count: 39)
      }
      records.append(r)
    }
    // Observe until 100 days after the period start: changes landed after day 10 have no 90-day window.
    var input = ReportFixture.input(records, withTracker: false)
    input.observedUntil = ReportFixture.period.start + 100 * 86_400
    let report = ReportBuilder(options: ReportFixture.options).build(input)
    let r14 = try XCTUnwrap(metric(report, "t", .unmarked, .revertRate14d))
    XCTAssertEqual(r14.successes, 3)
    XCTAssertEqual(r14.n, 25)
    XCTAssertFalse(r14.provisional)
    let r90 = try XCTUnwrap(metric(report, "t", .unmarked, .revertRate90d))
    XCTAssertEqual(r90.n, 4, "days 0, 3, 6, 9 have 90 days behind them")
    XCTAssertEqual(r90.successes, 4)
    XCTAssertTrue(r90.provisional)
    XCTAssertEqual(metric(report, "t", .unmarked, .prMergeRate)?.note, "no PR export given")
  }

  func testEveryFormatSaysSelectionIsNotControlled() throws {
    let report = ReportFixture.report()
    for format in ReportFormat.allCases where format != .csv {
      XCTAssertTrue(try format.render(report).contains("does not control for selection"), "\(format)")
    }
    XCTAssertTrue(report.caveats.contains(Caveats.selection))
  }

  func testComparisonsCarryVerdicts() throws {
    let report = ReportFixture.report()
    let payments = try XCTUnwrap(report.teams.first { $0.team == "payments" })
    XCTAssertFalse(payments.comparisons.isEmpty)
    for c in payments.comparisons {
      let spans = (c.low ?? 0) <= 0 && (c.high ?? 0) >= 0
      XCTAssertEqual(c.verdict == .noClearDifference, spans, "\(c.metric)")
    }
    XCTAssertTrue(MarkdownRenderer.render(report).contains("no clear difference"))
  }

  func testIdenticalCohortsShowNoClearDifference() throws {
    var records: [ChangeRecord] = []
    for i in 0..<80 {
      let cohort: Cohort = i % 2 == 0 ? .assisted : .unmarked
      records.append(
        ReportFixture.record(
          i, author: "a\(i % 10)", team: "t", cohort: cohort, day: i, linesAdded: 20,
          revertDays: i % 8 < 2 ? 3 : nil,
          deaths: i % 4 < 2 ? [[5, 5]] : [], churn14: i % 4 < 2 ? 5 : 0, churn21: i % 4 < 2 ? 5 : 0))
    }
    let report = ReportBuilder(options: ReportFixture.options).build(
      ReportFixture.input(records, withTracker: false))
    let comparisons = report.teams[0].comparisons
    XCTAssertEqual(comparisons.first { $0.metric == .revertRate14d }?.verdict, .noClearDifference)
    XCTAssertEqual(comparisons.first { $0.metric == .churn21d }?.verdict, .noClearDifference)
    XCTAssertEqual(comparisons.first { $0.metric == .revertRate14d }?.difference, 0)
  }

  func testSurvivalUsesCensoringAndNeedsChangesAtRisk() throws {
    let report = ReportFixture.report()
    let s90 = try XCTUnwrap(metric(report, "payments", .all, .survival90d))
    let lines = ReportFixture.records().filter { $0.team == "payments" }.compactMap {
      $0.fate.flatMap(KaplanMeier.Lines.init(fate:))
    }
    let expected = KaplanMeier.curve(lines, horizon: 180).survival[90]
    XCTAssertEqual(try XCTUnwrap(s90.value), expected, accuracy: 1e-6)
    XCTAssertFalse(s90.provisional, "every Q1 change has 90 days of history behind it")
    let s180 = try XCTUnwrap(metric(report, "payments", .all, .survival180d))
    XCTAssertNil(s180.value, "history ends ~180 days after the period start: too few changes observed")
    XCTAssertTrue(s180.provisional)
    XCTAssertNotNil(s180.note)
    let payments = report.teams.first { $0.team == "payments" }!
    XCTAssertEqual(Set(payments.survival.map(\.cohort)), [.ai, .unmarked])
  }

  /// Bot changes get their own column and stay out of AI vs unmarked and of the shares' denominators.
  func testBotsAreShownApartAndLeftOutOfShares() throws {
    var records: [ChangeRecord] = []
    for i in 0..<60 {
      let cohort: [Cohort] = [.assisted, .unmarked, .bot]
      records.append(
        ReportFixture.record(
          i, author: "a\(i % 10)", team: "t", cohort: cohort[i % 3], day: i, linesAdded: i % 3 == 2 ? 100 : 20
        ))
    }
    let report = ReportBuilder(options: ReportFixture.options).build(
      ReportFixture.input(records, withTracker: false))
    XCTAssertEqual(metric(report, "t", .bot, .changes)?.value, 20)
    XCTAssertEqual(metric(report, "t", .unmarked, .changes)?.value, 20)
    XCTAssertEqual(metric(report, "t", .ai, .changes)?.value, 20)
    XCTAssertEqual(metric(report, "t", .all, .changes)?.value, 60)
    // 400 AI lines of 800 once the 2,000 bot lines are left out.
    XCTAssertEqual(try XCTUnwrap(metric(report, "t", .all, .aiShareAdded)?.value), 0.5, accuracy: 1e-9)
    XCTAssertEqual(try XCTUnwrap(metric(report, "t", .all, .aiShareSurviving)?.value), 0.5, accuracy: 1e-9)
    XCTAssertTrue(report.caveats.contains { $0.contains("\"Bot\" changes") })
    XCTAssertTrue(MarkdownRenderer.render(report).contains("| Bot (automation) |"))
  }

  func testSharesAndIssuesAndPullRequests() throws {
    let report = ReportFixture.report()
    let share = try XCTUnwrap(metric(report, "payments", .all, .aiShareAdded)?.value)
    XCTAssertGreaterThan(share, 0.2)
    XCTAssertLessThan(share, 0.8)
    XCTAssertNil(metric(report, "payments", .ai, .aiShareAdded), "shares are a property of all changes")
    let merge = try XCTUnwrap(metric(report, "payments", .all, .prMergeRate))
    XCTAssertNotNil(merge.value)
    XCTAssertLessThan(merge.value!, 1)
    XCTAssertNotNil(metric(report, "payments", .all, .issueResolutionRate)?.value)
  }

  /// Rows from a run without the ledger say nothing about reverts or defects: no 0% is invented.
  func testUnmeasuredOutcomesAreNotZero() throws {
    let records = (0..<30).map { i -> ChangeRecord in
      var r = ReportFixture.record(
        i, author: "a\(i % 6)", team: "t", cohort: .unmarked, day: i, linesAdded: 10)
      r.outcomesComputed = false
      r.reverted = nil
      r.defectsInduced = nil
      r.fate = nil
      return r
    }
    let report = ReportBuilder(options: ReportFixture.options).build(
      ReportFixture.input(records, withTracker: false))
    for id in [
      MetricID.revertRate14d, .revertRate90d, .defectRate, .defectsPer1000Lines, .survival30d, .churn21d,
    ] {
      let m = try XCTUnwrap(metric(report, "t", .all, id), "\(id)")
      XCTAssertNil(m.value, "\(id)")
      XCTAssertNotNil(m.note, "\(id)")
    }
    XCTAssertEqual(ReportPeriod.historyBounds(records)?.start, Timestamp.parse(records[0].committedAt))
  }

  func testWriteAllIsAtomicAndComplete() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let urls = try ReportWriter.writeAll(ReportFixture.report(), to: dir)
    XCTAssertEqual(urls.map(\.lastPathComponent), ["report.md", "report.json", "report.csv", "report.html"])
    let listing = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    XCTAssertEqual(listing, ["report.csv", "report.html", "report.json", "report.md"], "no temp files left")
  }
}
