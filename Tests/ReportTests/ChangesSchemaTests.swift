import Foundation
import OutcomeModel
import XCTest

@testable import Report

/// `schemas/changes.schema.json` describes the rows `outcomes changes` writes, as `ChangeRecord` encodes
/// them: measured, unmeasured (`--moves off`, `--no-ledger`) and everything in between.
final class ChangesSchemaTests: XCTestCase {
  static let schemaURL = SchemaTests.schemaURL.deletingLastPathComponent().appendingPathComponent(
    "changes.schema.json")

  func validator() throws -> SchemaValidator {
    try SchemaValidator(schema: JSONValue.parse(String(contentsOf: Self.schemaURL, encoding: .utf8)))
  }

  func json(_ record: ChangeRecord) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(record), as: UTF8.self)
  }

  /// Fixture rows plus the shapes the fixture lacks: moves off, no ledger, and every optional field.
  func rows() -> [ChangeRecord] {
    var rows = Array(ReportFixture.records().prefix(60))
    var off = rows[0]
    off.linesMoved = nil
    off.linesCopied = nil
    off.fate?.moved = nil
    off.fate?.copied = nil
    var noLedger = rows[1]
    noLedger.outcomesComputed = false
    noLedger.fate = nil
    noLedger.reverted = nil
    noLedger.linesAlive = nil
    noLedger.churned21d = nil
    noLedger.defectsInduced = nil
    noLedger.linesMoved = nil
    noLedger.linesCopied = nil
    var full = rows[2]
    full.parents = [String(repeating: "b", count: 40), String(repeating: "c", count: 40)]
    full.isMerge = true
    full.evidence = [
      Evidence(tool: "claude-code", signal: .trailer, strength: .strong, detail: "Co-Authored-By: Claude")
    ]
    full.models = ["Claude Opus 4.6"]
    full.missingBlobs = 2
    full.fix = "fixes-trailer"
    full.relanded = RevertRecord(
      by: String(repeating: "d", count: 40), at: "2026-02-01T00:00:00Z", days: 3, via: "pr",
      relandedBy: String(repeating: "e", count: 40))
    full.pr = PullRequestRef(number: 7, state: "merged", createdAt: "2026-01-30T00:00:00Z", mergedAt: nil)
    rows += [off, noLedger, full]
    return rows
  }

  func testRowsFollowTheSchema() throws {
    let validator = try validator()
    for record in rows() {
      let text = try json(record)
      XCTAssertEqual(try validator.validate(JSONValue.parse(text)), [], text)
    }
  }

  /// Unmeasured moves must be absent: null or a negative count is not a row the contract allows.
  func testSchemaRejectsNullOrNegativeMovesAndUnknownFields() throws {
    let validator = try validator()
    let row = try json(ReportFixture.records()[0])
    XCTAssertTrue(row.contains("\"linesMoved\":"), row)
    for (broken, expected) in [
      (row.replacingOccurrences(of: "\"linesMoved\":", with: "\"linesMoved\":null,\"x\":"), "linesMoved"),
      (row.replacingOccurrences(of: "\"linesCopied\":", with: "\"linesCopied\":-1,\"y\":"), "minimum"),
      (row.replacingOccurrences(of: "\"moved\":", with: "\"moved\":null,\"z\":"), "fate.moved"),
      (row.replacingOccurrences(of: "\"reverted\":", with: "\"reverted\":7,\"w\":"), "reverted"),
    ] {
      let errors = try validator.validate(JSONValue.parse(broken))
      XCTAssertTrue(errors.contains { $0.contains(expected) }, "\(expected): \(errors)")
      XCTAssertTrue(errors.contains { $0.contains("unexpected property") }, "\(errors)")
    }
  }

  /// A second opinion from the reference implementation (python3-jsonschema).
  func testPythonJSONSchemaAgreesWhenAvailable() throws {
    guard let python = Browser.findExecutable(["python3"]) else { throw XCTSkip("python3 not found") }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("changes-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let doc = dir.appendingPathComponent("rows.jsonl")
    try rows().map(json).joined(separator: "\n").write(to: doc, atomically: true, encoding: .utf8)
    let script = """
      import json, sys
      try:
          import jsonschema
      except ImportError:
          sys.exit(3)
      validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
      rows = [json.loads(line) for line in open(sys.argv[2])]
      for row in rows:
          validator.validate(row)
      broken = dict(rows[0], linesMoved=None)
      sys.exit(4 if validator.is_valid(broken) else 0)
      """
    try runPythonSchemaCheck(python, script: script, arguments: [Self.schemaURL.path, doc.path])
  }
}
