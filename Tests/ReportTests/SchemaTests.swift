import Foundation
import XCTest

@testable import Report

final class SchemaTests: XCTestCase {
  static let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("schemas/report.schema.json")

  func validator() throws -> SchemaValidator {
    try SchemaValidator(schema: JSONValue.parse(String(contentsOf: Self.schemaURL, encoding: .utf8)))
  }

  func testReportFollowsSchema() throws {
    let json = try JSONRenderer.render(ReportFixture.report())
    XCTAssertEqual(try validator().validate(JSONValue.parse(json)), [])
    // Without tracker data, with insufficient and suppressed cells, it still follows the schema.
    var records = ReportFixture.records().filter { $0.team != "payments" }
    records.removeLast(20)
    let sparse = ReportBuilder(options: ReportFixture.options).build(
      ReportFixture.input(records, withTracker: false))
    XCTAssertEqual(try validator().validate(JSONValue.parse(try JSONRenderer.render(sparse))), [])
  }

  /// The validator itself must catch what the schema forbids, or the test above proves nothing.
  func testValidatorRejectsBrokenReports() throws {
    let json = try JSONRenderer.render(ReportFixture.report())
    let broken = json.replacingOccurrences(of: "\"cohort\" : \"unmarked\"", with: "\"cohort\" : \"human\"")
      .replacingOccurrences(of: "\"suppressedTeams\" : 2", with: "\"suppressedTeams\" : -1, \"people\" : []")
    let errors = try validator().validate(JSONValue.parse(broken))
    XCTAssertTrue(errors.contains { $0.contains("\"human\"") || $0.contains("human") }, "\(errors.prefix(3))")
    XCTAssertTrue(errors.contains { $0.contains("minimum") })
    XCTAssertTrue(errors.contains { $0.contains("unexpected property `people`") })
    XCTAssertThrowsError(try SchemaValidator(schema: .object(["oneOf": .array([])])).validate(.null))
  }

  /// A second opinion from the reference implementation, when python3 has `jsonschema` installed.
  func testPythonJSONSchemaAgreesWhenAvailable() throws {
    guard let python = Browser.findExecutable(["python3"])
    else { throw XCTSkip("python3 not found") }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let doc = dir.appendingPathComponent("report.json")
    try JSONRenderer.render(ReportFixture.report()).write(to: doc, atomically: true, encoding: .utf8)
    let script = """
      import json, sys
      try:
          import jsonschema
      except ImportError:
          sys.exit(3)
      jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))
      """
    try runPythonSchemaCheck(python, script: script, arguments: [Self.schemaURL.path, doc.path])
  }
}
