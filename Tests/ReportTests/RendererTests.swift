import Foundation
import XCTest

@testable import Report

final class RendererTests: XCTestCase {
  static let report = ReportFixture.report()

  func testMarkdownGolden() {
    Golden.assertMatches(MarkdownRenderer.render(Self.report), "report.md")
  }

  func testJSONGolden() throws {
    Golden.assertMatches(try JSONRenderer.render(Self.report), "report.json")
  }

  func testCSVGolden() {
    Golden.assertMatches(CSVRenderer.render(Self.report), "report.csv")
  }

  func testHTMLGolden() {
    Golden.assertMatches(HTMLRenderer.render(Self.report), "report.html")
  }

  func testJSONRoundTrips() throws {
    let json = try JSONRenderer.render(Self.report)
    XCTAssertEqual(try JSONDecoder().decode(OutcomeReport.self, from: Data(json.utf8)), Self.report)
  }

  func testCSVIsTidy() {
    let lines = CSVRenderer.render(Self.report).split(separator: "\n")
    XCTAssertEqual(lines.first, "team,period,cohort,metric,value,low,high,n")
    for line in lines.dropFirst() {
      XCTAssertEqual(line.split(separator: ",", omittingEmptySubsequences: false).count, 8, String(line))
    }
    XCTAssertTrue(lines.contains { $0.hasPrefix("payments,2026Q1,ai-minus-unmarked,revertRate14d,") })
    XCTAssertTrue(lines.contains { $0.hasPrefix("payments,2026-02,ai,changes,") })
    XCTAssertEqual(CSVRenderer.field("a,\"b\""), "\"a,\"\"b\"\"\"")
  }

  func testHTMLIsSelfContainedAndAccessible() {
    let html = HTMLRenderer.render(Self.report)
    XCTAssertFalse(html.contains("<script"))
    XCTAssertFalse(html.contains("src="))
    XCTAssertFalse(
      html.contains("http://")
        && html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
    XCTAssertFalse(html.contains("https://"))
    let charts = HTMLRenderer.chartIDs(Self.report)
    XCTAssertEqual(
      charts.count, 8,
      "trend, rates and survival for the overview and both teams, but no trend for platform: its months are hidden so that the overview's months can be shown"
    )
    for id in charts {
      XCTAssertTrue(html.contains("<svg id=\"\(id)\""), id)
      XCTAssertTrue(html.contains("<title id=\"\(id)-title\">"), id)
      XCTAssertTrue(html.contains("<desc id=\"\(id)-desc\">"), id)
    }
    XCTAssertTrue(html.contains("@media print"))
  }

  func testNamesAreEscaped() {
    var records = ReportFixture.records()
    for i in records.indices where records[i].team == "payments" {
      records[i].team = "<b>pay|ments</b>"
      records[i].teams = ["<b>pay|ments</b>"]
    }
    let report = ReportBuilder(options: ReportFixture.options).build(ReportFixture.input(records))
    XCTAssertFalse(HTMLRenderer.render(report).contains("<b>pay"))
    XCTAssertTrue(MarkdownRenderer.render(report).contains("pay\\|ments"))
  }
}
