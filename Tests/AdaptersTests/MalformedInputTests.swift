import OutcomeModel
import XCTest

@testable import Adapters

final class MalformedInputTests: XCTestCase {
  func testTruncatedJSONNamesLineAndColumn() {
    let text =
      "[\n  {\"number\": 1, \"state\": \"open\", \"title\": \"a\"},\n  {\"number\": 2, \"title\": \"b"
    XCTAssertThrowsError(try ExportLoader.load(bytes: Array(text.utf8), file: "issues.json")) {
      XCTAssertEqual("\($0)", "issues.json:3:26: unterminated string (truncated JSON?)")
    }
  }

  func testTruncatedAfterAValueNamesTheEnd() {
    let text = "[{\"number\": 1, \"state\": \"open\", \"title\": \"a\"},"
    XCTAssertThrowsError(try ExportLoader.load(bytes: Array(text.utf8), file: "issues.json")) {
      XCTAssertEqual("\($0)", "issues.json:1:47: unexpected end of input (truncated JSON?)")
    }
  }

  func testWrongShapedRecordNamesItsIndex() {
    let text = #"[{"number": 1, "state": "open", "title": "a"}, {"number": "x", "state": "open"}, "oops"]"#
    XCTAssertThrowsError(try ExportLoader.load(bytes: Array(text.utf8), file: "issues.json")) {
      XCTAssertEqual("\($0)", "issues.json: record 1: \"number\" is a string, expected a number")
    }
  }

  func testSkipBadRecordsCountsAndReports() throws {
    let text = #"""
      [{"number": 1, "state": "open", "title": "a"}, {"number": "x", "state": "open"}, "oops",
       {"number": 4, "state": "weird", "title": "d"}, {"number": 5, "state": "open", "created_at": "yesterday"},
       {"number": 6, "state": "open", "title": "f"}]
      [{"number": 7, "state": "open", "title": "g"}, {"number": 8,
      """#
    let loaded = try ExportLoader.load(
      bytes: Array(text.utf8), file: "issues.json", options: ExportLoadOptions(skipBadRecords: true))
    // The truncated second page still gives its first record: only the broken one is lost.
    XCTAssertEqual(loaded.workItems.map(\.ref.key), ["1", "6", "7"])
    XCTAssertEqual(loaded.files.first?.skipped, 5)
    XCTAssertEqual(loaded.files.first?.skippedAtLeast, false)
    XCTAssertEqual(
      loaded.skipped.map(\.description),
      [
        "issues.json: record 1: \"number\" is a string, expected a number",
        "issues.json: record 2: expected an object, found a string",
        "issues.json: record 3: unknown issue state \"weird\"",
        "issues.json: record 4: \"created_at\" is not a date: yesterday",
        "issues.json:4:61: unexpected end of input inside an object (truncated JSON?); the rest of the file was skipped (1 record(s) lost)",
      ])
  }

  func testUnknownFormats() {
    XCTAssertThrowsError(try ExportLoader.load(bytes: Array("name,age\nx,1\n".utf8), file: "people.csv")) {
      XCTAssertEqual(
        "\($0)",
        "people.csv:1:1: unknown export format: neither JSON nor a Linear CSV header (use --tracker-format to force one)"
      )
    }
    XCTAssertThrowsError(try ExportLoader.load(bytes: Array(#"{"hello": 1}"#.utf8), file: "x.json")) {
      XCTAssertEqual(
        "\($0)",
        "x.json: record 0: unknown export format (first record: hello); use --tracker-format to force one")
    }
    XCTAssertThrowsError(try ExportLoader.load(paths: ["/nonexistent/issues.json"])) {
      XCTAssertEqual("\($0)", "/nonexistent/issues.json: no such file or folder")
    }
  }

  func testUnterminatedCSVQuote() {
    let text = "Id,Team,Title,Status,Created\nENG-1,Eng,\"broken,Todo,2024-01-01T00:00:00Z\n"
    XCTAssertThrowsError(try ExportLoader.load(bytes: Array(text.utf8), file: "linear.csv")) {
      XCTAssertEqual("\($0)", "linear.csv:2:11: unterminated quoted cell (truncated CSV?)")
    }
  }

  /// A file that yields no record is an error, and with --skip-bad-records a file the warning names.
  func testFileWithoutRecords() throws {
    for text in [" \n", "[]", "[]\n[]\n", "Id,Team,Title,Status,Created\n"] {
      XCTAssertThrowsError(try ExportLoader.load(bytes: Array(text.utf8), file: "empty.json"), text) {
        XCTAssertEqual(
          "\($0)",
          "empty.json: no records: the file is empty or holds no issue or pull request (--skip-bad-records goes on without it)"
        )
      }
      let loaded = try ExportLoader.load(
        bytes: Array(text.utf8), file: "empty.json", options: ExportLoadOptions(skipBadRecords: true))
      XCTAssertEqual(loaded.workItems.count + loaded.changeRequests.count, 0)
      XCTAssertEqual(loaded.emptyFiles, ["empty.json"], text)
      XCTAssertEqual(loaded.skipped, [], text)
    }
  }

  func testXMLIsNamedUnsupported() {
    let text =
      "<?xml version=\"1.0\"?>\n<rss version=\"0.92\"><channel><item><key>ENG-1</key></item></channel></rss>\n"
    for format in [nil, ExportFormat.jira] {
      XCTAssertThrowsError(
        try ExportLoader.load(
          bytes: Array(text.utf8), file: "jira.xml",
          options: ExportLoadOptions(format: format, skipBadRecords: true))
      ) {
        XCTAssertEqual(
          "\($0)",
          "jira.xml:1:1: XML is not supported (a Jira XML export?): export JSON instead, e.g. the pages of Jira's REST search/jql"
        )
      }
    }
  }

  func testDates() {
    let cases: [(String, String)] = [
      ("2024-03-07T16:40:02Z", "2024-03-07T16:40:02Z"),
      ("2024-06-15T17:07:56.000+0800", "2024-06-15T09:07:56Z"),
      ("2024-06-15T17:07:56+08:00", "2024-06-15T09:07:56Z"),
      ("2023-06-06T08:04:21.00Z", "2023-06-06T08:04:21Z"),
      ("2020-02-29 23:59:59-0130", "2020-03-01T01:29:59Z"),
      ("2024-01-02", "2024-01-02T00:00:00Z"),
    ]
    for (text, expected) in cases {
      XCTAssertEqual(TrackerDate.parse(text), iso(expected), text)
    }
    XCTAssertEqual(
      TrackerDate.parse("2024-05-03T11:20:45.118Z")?.timeIntervalSince(iso("2024-05-03T11:20:45Z"))
        ?? 0, 0.118, accuracy: 0.0001)
    for bad in ["yesterday", "2024-13-01", "2024-01-01T10", "2024-01-01T10:00:00Q"] {
      XCTAssertNil(TrackerDate.parse(bad), bad)
    }
  }

  func testEmbeddedMapsEqualTheEditableCopies() throws {
    let root = Paths.samples.deletingLastPathComponent().appendingPathComponent("adapters/trackers")
    XCTAssertEqual(
      try String(contentsOf: root.appendingPathComponent("issue-types.yml"), encoding: .utf8),
      EmbeddedTrackerMaps.issueTypes + "\n")
    XCTAssertEqual(
      try String(contentsOf: root.appendingPathComponent("jira-fields.yml"), encoding: .utf8),
      EmbeddedTrackerMaps.jiraFields + "\n")
    let maps = try TrackerMaps.load(
      issueTypesFile: root.appendingPathComponent("issue-types.yml").path,
      jiraFieldsFile: root.appendingPathComponent("jira-fields.yml").path)
    XCTAssertEqual(maps, TrackerMaps.defaults)
    XCTAssertEqual(maps.jiraSprintFields, ["customfield_10020"])
    XCTAssertEqual(maps.kind(typeName: nil, labels: ["type::bug"]), .bug)
    XCTAssertEqual(maps.resolution(name: "Won’t Do"), .wontFix)
  }
}
