import OutcomeModel
import XCTest

@testable import Adapters

/// `--skip-bad-records` after a syntax error: reading resumes at the next record or page where the
/// syntax allows, and the count of records lost is honest.
final class RecoveryTests: XCTestCase {
  /// One record of the page export, pretty-printed the way `gh api` pages are.
  func issue(_ number: Int) -> String {
    """
      {
        "url": "https://api.github.com/repos/acme/app/issues/\(number)",
        "number": \(number),
        "state": "open",
        "title": "issue \(number)",
        "labels": [{"id": 1, "name": "bug"}, {"id": 2, "name": "ui"}],
        "user": {"login": "dev\(number)"},
        "created_at": "2026-01-0\(number % 9 + 1)T10:00:00Z"
      }
    """
  }

  func load(_ text: String, skip: Bool = true) throws -> LoadedExports {
    try ExportLoader.load(
      bytes: Array(text.utf8), file: "issues.json", options: ExportLoadOptions(skipBadRecords: skip))
  }

  /// The issue's case: a syntax error in record 5 of a one-page export of 16 costs record 5 alone.
  func testBrokenRecordInOnePageCostsThatRecord() throws {
    var records = (0..<16).map(issue)
    records[5] = records[5].replacingOccurrences(of: "\"state\": \"open\",", with: "\"state\": \"open\" ,,")
    let text = "[\n" + records.joined(separator: ",\n") + "\n]\n"
    XCTAssertThrowsError(try load(text, skip: false))
    let loaded = try load(text)
    XCTAssertEqual(loaded.workItems.map(\.ref.number), (0..<16).filter { $0 != 5 })
    XCTAssertEqual(loaded.files.first?.skipped, 1)
    XCTAssertEqual(loaded.files.first?.skippedAtLeast, false)
    XCTAssertEqual(loaded.skipped.count, 1)
    let line =
      text.prefix(
        upTo: text.range(of: "  {\n    \"url\": \"https://api.github.com/repos/acme/app/issues/6\"")!
          .lowerBound
      )
      .filter { $0 == "\n" }.count + 1
    XCTAssertTrue(
      loaded.skipped[0].description.hasSuffix("; 1 record(s) lost, reading resumed at \(line):3"),
      loaded.skipped[0].description)
  }

  /// Several broken records in a row are counted one by one; a later page is read whole.
  func testBrokenRunAndNextPage() throws {
    var first = (0..<6).map(issue)
    first[2] = String(first[2].dropLast(40))  // cut mid-record: the next record's opening follows
    first[3] = first[3].replacingOccurrences(of: "\"title\"", with: "\"title")
    let second = (6..<9).map(issue)
    let text =
      "[\n" + first.joined(separator: ",\n") + "\n]\n[\n" + second.joined(separator: ",\n") + "\n]\n"
    let loaded = try load(text)
    XCTAssertEqual(loaded.workItems.map(\.ref.number), [0, 1, 4, 5, 6, 7, 8])
    XCTAssertEqual(loaded.files.first?.skipped, 2)
  }

  /// A page that cannot be resumed loses the rest of itself, counted by the records' openings, and
  /// reading goes on at the next page.
  func testUnresumablePageCountsItsRestAndGoesOn() throws {
    var first = (0..<5).map(issue)
    // Every record after the first is broken: no later opening in the page reads whole.
    for index in 1..<5 {
      first[index] = first[index].replacingOccurrences(
        of: "\"state\": \"open\",", with: "\"state\": \"open\",,")
    }
    let second = (5..<7).map(issue)
    let text =
      "[\n" + first.joined(separator: ",\n") + "\n]\n[\n" + second.joined(separator: ",\n") + "\n]\n"
    let loaded = try load(text)
    XCTAssertEqual(loaded.workItems.map(\.ref.number), [0, 5, 6])
    XCTAssertEqual(loaded.files.first?.skipped, 4)
    XCTAssertTrue(loaded.skipped[0].description.contains("4 record(s) lost, reading resumed at"))
  }

  /// NDJSON: a broken line costs that line.
  func testBrokenNDJSONLine() throws {
    let lines = (0..<4).map {
      #"{"url": "https://api.github.com/repos/acme/app/issues/\#($0)", "number": \#($0), "state": "open", "title": "t", "created_at": "2026-01-02T10:00:00Z"}"#
    }
    var broken = lines
    broken[1] = String(broken[1].dropLast(10))
    let loaded = try load(broken.joined(separator: "\n") + "\n")
    XCTAssertEqual(loaded.workItems.map(\.ref.number), [0, 2, 3])
    XCTAssertEqual(loaded.files.first?.skipped, 1)
    XCTAssertTrue(loaded.skipped[0].description.hasSuffix("1 record(s) lost, reading resumed at 3:1"))
  }

  /// With no record read before the error, the others cannot be recognised: the count is a lower bound.
  func testFirstRecordBrokenIsALowerBound() throws {
    var records = (0..<3).map(issue)
    records[0] = records[0].replacingOccurrences(of: "\"number\": 0,", with: "\"number\": 0,,")
    let text = "[\n" + records.joined(separator: ",\n") + "\n]\n"
    let loaded = try load(text)
    XCTAssertEqual(loaded.workItems.count, 0)
    XCTAssertEqual(loaded.files.first?.skippedAtLeast, true)
    XCTAssertTrue(
      loaded.skipped[0].description.hasSuffix("the rest of the file was skipped (at least 1 record(s) lost)"))
  }

  /// On well-formed exports the recovering reader reads exactly what the strict one does.
  func testWellFormedExportsReadTheSameWithRecovery() throws {
    let files =
      try FileManager.default.contentsOfDirectory(atPath: Paths.fixtures.path)
      .filter { $0.hasSuffix(".json") || $0.hasSuffix(".ndjson") }
      .filter { !$0.contains("pagination-index") }.map(Paths.fixture)
      + ["github-issues-paginated.json", "github-pulls-ai.ndjson", "jira-issues-synthetic.json"].map {
        Paths.samples.appendingPathComponent($0).path
      }
    XCTAssertGreaterThan(files.count, 8)
    for file in files {
      let strict = try ExportLoader.load(paths: [file])
      let lenient = try ExportLoader.load(paths: [file], options: ExportLoadOptions(skipBadRecords: true))
      XCTAssertEqual(lenient.skipped, [], file)
      XCTAssertEqual(lenient.workItems.map(\.ref), strict.workItems.map(\.ref), file)
      XCTAssertEqual(lenient.changeRequests.map(\.ref), strict.changeRequests.map(\.ref), file)
      XCTAssertEqual(lenient.files, strict.files, file)
      XCTAssertGreaterThan(strict.workItems.count + strict.changeRequests.count, 0, file)
    }
  }
}
