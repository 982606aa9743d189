import OutcomeModel
import XCTest

@testable import Report

final class OverviewTests: XCTestCase {
  static let report = ReportFixture.report()

  func testOverviewHoldsEveryChangeUnderTheSameRules() throws {
    let overview = Self.report.overview
    XCTAssertEqual(overview.status, .published)
    XCTAssertEqual(overview.cells.first { $0.cohort == .all }?.changes, ReportFixture.records().count)
    let ai = ReportFixture.records().filter { $0.cohort != .unmarked }.count
    let share = try XCTUnwrap(overview.aiShareOfChanges)
    XCTAssertEqual(share.successes, ai)
    XCTAssertEqual(share.n, ReportFixture.records().count)
    XCTAssertTrue((3...6).contains(overview.sentences.count), "\(overview.sentences)")
    // Every sentence about a difference names one whose interval excludes zero.
    for c in overview.comparisons where c.verdict != .noClearDifference {
      XCTAssertFalse((c.low ?? 0) <= 0 && (c.high ?? 0) >= 0, "\(c.metric)")
    }
    XCTAssertEqual(overview.trend.map(\.bucket), ["2026-01", "2026-02", "2026-03"])
  }

  /// One hidden team must not come back as the overview minus the shown teams.
  func testOneHiddenTeamIsNotRecoverableFromTheOverview() throws {
    let records = ReportFixture.records().filter { $0.team != "micro" }
    let report = ReportBuilder(options: ReportFixture.options).build(
      ReportFixture.input(records, withTracker: false))
    // The overview's total goes (before a team does): with it, total − payments − platform = tiny.
    XCTAssertEqual(report.teams.map(\.team), ["payments", "platform"])
    XCTAssertNil(report.overview.cells.first { $0.cohort == .all && $0.status != .suppressed })
    XCTAssertFalse(try JSONRenderer.render(report).contains("\"changes\" : \(records.count)"))
  }

  func testSentencesGolden() {
    func cell(_ cohort: ReportCohort, _ metric: MetricID, _ value: Double) -> CohortCell {
      CohortCell(
        cohort: cohort, status: .published, changes: 100,
        metrics: [MetricValue(metric: metric, value: value, low: nil, high: nil, n: 100, provisional: false)])
    }
    let options = ReportOptions()
    let share = MetricValue(
      metric: .aiShareChanges, value: 0.25, low: 0.2, high: 0.31, n: 400, successes: 100, provisional: false)
    var text: [String] = []
    let cases: [(String, Comparison)] = [
      (
        "clear higher",
        Comparison(metric: .revertRate90d, difference: 0.026, low: 0.010, high: 0.055, verdict: .higherWithAI)
      ),
      (
        "clear lower",
        Comparison(metric: .survival90d, difference: -0.08, low: -0.15, high: -0.02, verdict: .lowerWithAI)
      ),
      (
        "no clear difference",
        Comparison(metric: .churn21d, difference: 0.01, low: -0.02, high: 0.04, verdict: .noClearDifference)
      ),
    ]
    for (name, comparison) in cases {
      let values: [MetricID: (Double, Double)] = [
        .revertRate90d: (0.030, 0.004), .survival90d: (0.80, 0.88), .churn21d: (0.12, 0.11),
      ]
      let (a, u) = values[comparison.metric]!
      let cells: [ReportCohort: CohortCell] = [
        .ai: cell(.ai, comparison.metric, a), .unmarked: cell(.unmarked, comparison.metric, u),
        .all: CohortCell(cohort: .all, status: .published, changes: 400, metrics: []),
      ]
      text.append("## \(name)")
      text += OverviewSentences.make(
        cells: cells, comparisons: [comparison], comparisonNote: nil, aiShareOfChanges: share,
        options: options)
    }
    text.append("## suppressed")
    text +=
      ReportBuilder(options: options).overview(
        TeamReport(
          team: ReportBuilder.overviewKey,
          cells: [CohortCell(cohort: .all, status: .suppressed, metrics: [])],
          comparisons: [], survival: [], trend: [], trendPoints: []),
        data: [:], period: ReportFixture.period
      ).sentences
    let rendered = text.joined(separator: "\n") + "\n"
    XCTAssertTrue(
      rendered.contains(
        "reverted within 90 days more often: 3.0% vs 0.4% unmarked, difference +2.6 pts (95% interval +1.0 to +5.5)"
      ))
    XCTAssertTrue(rendered.contains("differ clearly in none"))
    Golden.assertMatches(rendered, "overview-sentences.txt")
  }

  func testToolsAreShownOnlyWithEnoughAuthors() throws {
    let tools = Dictionary(uniqueKeysWithValues: Self.report.byTool.map { ($0.tool, $0) })
    XCTAssertEqual(Set(tools.keys), ["aider", "claude-code", "codex", "copilot-agent", "cursor"])
    XCTAssertEqual(tools["aider"]?.status, .suppressed)
    XCTAssertEqual(tools["codex"]?.status, .suppressed)
    XCTAssertNil(tools["aider"]?.changes)
    XCTAssertTrue(tools["aider"]!.metrics.isEmpty)
    XCTAssertEqual(tools["copilot-agent"]?.status, .published)
    let copilot = ReportFixture.records().filter { $0.tools == ["copilot-agent"] }
    XCTAssertEqual(tools["copilot-agent"]?.changes, copilot.count)
    let revert = try XCTUnwrap(tools["copilot-agent"]?.metrics.first { $0.metric == .revertRate90d })
    XCTAssertEqual(revert.n + (revert.note == nil ? 0 : 0), revert.n)
    XCTAssertNotNil(revert.low)
    let md = MarkdownRenderer.render(Self.report)
    XCTAssertTrue(md.contains("### Outcomes per AI tool"))
    XCTAssertTrue(md.contains("| copilot-agent |"))
    XCTAssertFalse(md.contains("| aider |"), "a suppressed tool is not listed")
    XCTAssertTrue(md.contains("2 tools not shown"))
  }

  func testTrendGapsAreNotedAndLongPeriodsUseQuarters() throws {
    let long = ReportPeriod(
      kind: .range, label: "long", start: Timestamp.parse("2023-02-10")!, end: Timestamp.parse("2026-01-01")!)
    let buckets = ReportBuilder.trendBuckets(long)
    XCTAssertEqual(buckets.first?.label, "2023Q1")
    XCTAssertEqual(buckets.first?.start, long.start)
    XCTAssertEqual(buckets.last?.label, "2025Q4")
    XCTAssertEqual(buckets.count, 12)
    XCTAssertEqual(ReportBuilder.trendBuckets(try ReportPeriod.quarter("2026Q1")).count, 3)

    // A month with fewer than five authors is a gap with a note, not a figure.
    var records = ReportFixture.records().filter { $0.team == "payments" }
    records = records.filter {
      !(Timestamp.parse($0.committedAt)! >= Timestamp.parse("2026-02-01")!
        && Timestamp.parse($0.committedAt)! < Timestamp.parse("2026-03-01")!) || $0.author.hasSuffix("-1")
    }
    let report = ReportBuilder(options: ReportFixture.options).build(
      ReportFixture.input(records, withTracker: false))
    let february = try XCTUnwrap(report.overview.trend.first { $0.bucket == "2026-02" })
    XCTAssertEqual(february.status, .suppressed)
    XCTAssertNil(february.aiShareOfChanges)
    XCTAssertNotNil(february.note)
    // Complementary suppression may hide one more month, never all of them.
    let shown = report.overview.trend.filter { $0.aiShareOfChanges?.value != nil }
    XCTAssertFalse(shown.isEmpty)
    XCTAssertTrue(shown.allSatisfy { $0.aiShareAdded?.value != nil && $0.bucket != "2026-02" })
    let html = HTMLRenderer.render(report)
    XCTAssertTrue(html.contains("Gaps (shaded): "))
    XCTAssertTrue(html.contains("2026-02"))
    XCTAssertTrue(html.contains("class=\"gap\""))
  }

  func firstRunReport(authors: Int) -> OutcomeReport {
    let records = (0..<40).map { i -> ChangeRecord in
      var r = ReportFixture.record(
        i, author: "a\(i % authors)", team: i % 2 == 0 ? "src" : "docs",
        cohort: i % 4 == 0 ? .assisted : .unmarked,
        day: i * 2, linesAdded: 10)
      if i % 4 == 0 {
        r.tools = ["claude-code"]
        r.evidence = [
          Evidence(tool: "claude-code", signal: .trailer, strength: .strong, detail: "Co-Authored-By")
        ]
      }
      return r
    }
    return ReportBuilder(options: ReportFixture.options).build(
      ReportFixture.input(records, withTracker: false))
  }

  func testFirstRunWithOneAndFourAuthorsSaysWhatItCan() throws {
    for authors in [1, 4] {
      let report = firstRunReport(authors: authors)
      XCTAssertTrue(report.teams.isEmpty)
      XCTAssertEqual(report.overview.status, .suppressed)
      let first = try XCTUnwrap(report.firstRun)
      XCTAssertEqual(first.changes.map(\.changes), [0, 10, 30, 0], "agent, assisted, unmarked, bot")
      XCTAssertEqual(first.evidenceKinds, ["claude-code: trailer"])
      XCTAssertNil(first.aiShareAdded, "fewer than 5 authors: no share")
      XCTAssertTrue(first.nextStep.contains("outcomes self"))
      let md = MarkdownRenderer.render(report)
      XCTAssertFalse(md.contains("a0"), "no author appears")
      XCTAssertTrue(md.contains("## What this history shows"))
      Golden.assertMatches(md, "first-run-\(authors).md")
    }
    // Six people, but each folder has three: the overview is shown, no team, and the share of lines.
    let six = firstRunReport(authors: 6)
    XCTAssertTrue(six.teams.isEmpty)
    XCTAssertEqual(six.overview.status, .published)
    XCTAssertNil(six.firstRun?.aiShareAdded, "the overview has the share")
    XCTAssertEqual(six.firstRun?.changes, [], "the overview has the counts it may show")
    XCTAssertTrue(six.firstRun?.nextStep.contains("--teams") == true)
    // Months of fewer than 20 changes have no figures: no chart of gaps, a sentence instead.
    XCTAssertFalse(HTMLRenderer.chartIDs(six).contains("overview-trend"))
    XCTAssertTrue(HTMLRenderer.render(six).contains("No trend can be drawn: 2026-01, 2026-02"))
  }
}
