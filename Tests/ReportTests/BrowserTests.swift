import Foundation
import XCTest

@testable import Report

/// The HTML report in real headless Chromium: it must render every chart with no console error.
/// Chromium is required; its absence fails loudly rather than skipping.
final class BrowserTests: XCTestCase {
  var scratch: URL!

  override func setUpWithError() throws {
    scratch = FileManager.default.temporaryDirectory.appendingPathComponent("browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: scratch)
  }

  func requireChromium() throws -> URL {
    guard let chromium = Browser.chromium() else { throw ChromiumMissing() }
    return chromium
  }

  /// Where the screenshot goes: `OUTCOMES_SCREENSHOT_DIR` when set, else the system temp directory.
  static var screenshotDirectory: URL {
    if let dir = ProcessInfo.processInfo.environment["OUTCOMES_SCREENSHOT_DIR"] {
      return URL(fileURLWithPath: dir)
    }
    return FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-report-screenshot")
  }

  func testReportRendersEveryChartWithoutErrorsAndScreenshots() throws {
    let chromium = try requireChromium()
    let report = ReportFixture.report()
    let page = scratch.appendingPathComponent("report.html")
    try ReportWriter.writeAtomically(Data(HTMLRenderer.render(report).utf8), to: page)
    let charts = HTMLRenderer.chartIDs(report)
    XCTAssertEqual(charts.count, 8)
    let opened = try Browser.open(chromium, page, scratch: scratch)
    XCTAssertEqual(Browser.problems(opened, expectedCharts: charts), [])

    try FileManager.default.createDirectory(at: Self.screenshotDirectory, withIntermediateDirectories: true)
    let png = Self.screenshotDirectory.appendingPathComponent("report.png")
    try? FileManager.default.removeItem(at: png)
    try Browser.screenshot(chromium, page, to: png, scratch: scratch)
    let data = try Data(contentsOf: png)
    XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "not a PNG")
    XCTAssertGreaterThan(data.count, 20_000, "suspiciously small screenshot")
    print("report screenshot: \(png.path)")

    // Printed, the page must still come out: the report is read on paper in quarterly reviews.
    let pdf = scratch.appendingPathComponent("report.pdf")
    try Browser.printToPDF(chromium, page, to: pdf, scratch: scratch)
    let printed = try Data(contentsOf: pdf)
    XCTAssertEqual(String(decoding: printed.prefix(5), as: UTF8.self), "%PDF-")
    XCTAssertGreaterThan(printed.count, 20_000)
  }

  /// The checker must see a script error and a missing chart, or a passing test above proves nothing.
  func testCheckerCatchesScriptErrorsAndMissingCharts() throws {
    let chromium = try requireChromium()
    let report = ReportFixture.report()
    var html = HTMLRenderer.render(report)
    let charts = HTMLRenderer.chartIDs(report)
    html = html.replacingOccurrences(of: "<svg id=\"\(charts[1])\"", with: "<svg id=\"renamed\"")
    html = html.replacingOccurrences(of: "</body>", with: "<script>undefinedFunction();</script></body>")
    let page = scratch.appendingPathComponent("broken.html")
    try ReportWriter.writeAtomically(Data(html.utf8), to: page)
    let problems = Browser.problems(
      try Browser.open(chromium, page, scratch: scratch), expectedCharts: charts)
    XCTAssertTrue(problems.contains("chart \(charts[1]) missing"), "\(problems)")
    XCTAssertTrue(
      problems.contains { $0.hasPrefix("console:") && $0.contains("undefinedFunction") }, "\(problems)")
  }
}

/// Thrown, not skipped: a missing browser must fail the suite with a reason.
struct ChromiumMissing: Error, CustomStringConvertible {
  var description: String {
    "Chromium is not installed, so the HTML report was not checked in a browser: apt-get install chromium (or set OUTCOMES_CHROMIUM to a Chromium or Chrome binary)"
  }
}
