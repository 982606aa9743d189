import Foundation
import TestSupport
import XCTest

/// `--moves off|file|commit` on every command that runs the line pass, and what it does to the rows.
final class MovesOptionTests: XCTestCase {
  /// A 30-line function moved by another person to another file, plus an ordinary edit.
  private func movedFunction() throws -> FixtureRepo {
    let repo = try FixtureRepo()
    let body = (1...30).map { "    let value\($0) = compute(\($0) * factor) // step \($0)" }
    try repo.write(
      "a.swift", (["func parse() {"] + body + ["}", "let keep = 1"]).joined(separator: "\n") + "\n")
    try repo.commit("Add parse", author: .alice, day: 1)
    try repo.write("a.swift", "let keep = 1\n")
    try repo.write("b.swift", (["func parse() {"] + body + ["}"]).joined(separator: "\n") + "\n")
    try repo.commit("Move parse to b.swift", author: .bob, day: 2)
    try repo.write("a.swift", "let keep = 2\n")
    try repo.commit("Edit", author: .bob, day: 3)
    return repo
  }

  func testEveryLinePassCommandTakesTheOptionAndRefusesABadValue() throws {
    let commands: [[String]] = [
      ["changes"], ["report"], ["releases", "--tags", "v*"], ["explain", "HEAD"], ["ci"], ["self"],
      ["blame", "a.swift"], ["publish"], ["mine", "--repos", "."],
    ]
    for command in commands {
      assertUsageFailure(try outcomes(command + ["--moves", "sideways"]), contains: "--moves")
      let help = try outcomes([command[0], "--help"])
      XCTAssertEqual(help.status, 0, "\(command)")
      XCTAssertTrue(help.stdout.contains("--moves"), "\(command[0]) --help lacks --moves")
    }
    let help = try outcomes(["changes", "--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
      .split(separator: " ").joined(separator: " ")
    XCTAssertTrue(help.contains("git blame -M -C"), help)
  }

  func testRowsCarryMovedAndCopiedLinesUnlessMovesAreOff() throws {
    let repo = try movedFunction()
    let measured = try outcomes(["changes", "--repo", repo.url.path, "--no-cache"])
    XCTAssertEqual(measured.status, 0, measured.stderr)
    for row in try jsonLines(measured.stdout) {
      let moved = try XCTUnwrap(row["linesMoved"] as? Int, "\(row)")
      XCTAssertNotNil(row["linesCopied"] as? Int)
      let fate = try XCTUnwrap(row["fate"] as? [String: Any])
      XCTAssertEqual(fate["moved"] as? Int, moved)
      // Every added line is either written here (owned) or moved here, never both.
      XCTAssertEqual((fate["owned"] as? Int).map { $0 + moved }, row["linesAdded"] as? Int, "\(row)")
    }
    // The moved function (32 lines with its braces) keeps Alice's origin: Bob wrote none of it. Within
    // files only (`git blame -M`), a move to another file is Bob's writing.
    let rows = try jsonLines(measured.stdout)
    XCTAssertEqual(rows.map { $0["linesMoved"] as? Int }, [0, 32, 0])
    let fileOnly = try jsonLines(
      try outcomes(["changes", "--repo", repo.url.path, "--no-cache", "--moves", "file"]).stdout)
    XCTAssertEqual(fileOnly.map { $0["linesMoved"] as? Int }, [0, 0, 0])
    XCTAssertEqual(fileOnly.map { ($0["fate"] as? [String: Any])?["owned"] as? Int }, [33, 32, 1])
    for options in [["--moves", "off"], ["--no-ledger"]] {
      let result = try outcomes(["changes", "--repo", repo.url.path, "--no-cache"] + options)
      XCTAssertEqual(result.status, 0, result.stderr)
      XCTAssertFalse(result.stdout.contains("linesMoved"), "\(options): absent, not 0 or null")
      XCTAssertFalse(result.stdout.contains("linesCopied"), "\(options)")
      XCTAssertFalse(result.stdout.contains("\"moved\""), "\(options)")
    }
    let csv = try outcomes([
      "changes", "--repo", repo.url.path, "--no-cache", "--format", "csv", "--moves", "off",
    ])
    let lines = csv.stdout.split(separator: "\n")
    XCTAssertTrue(lines[0].hasSuffix(",evidence,linesMoved,linesCopied"), String(lines[0]))
    XCTAssertTrue(lines.dropFirst().allSatisfy { $0.hasSuffix(",,") }, "empty when not measured")
  }

  func testChangingMovesRebuildsTheCache() throws {
    let repo = try movedFunction()
    let first = try outcomes(["changes", "--repo", repo.url.path])
    XCTAssertEqual(first.status, 0, first.stderr)
    let off = try outcomes(["changes", "--repo", repo.url.path, "--moves", "off"])
    XCTAssertTrue(off.stderr.contains("cache: rebuilding (the move detection (--moves) changed)"), off.stderr)
    let again = try outcomes(["changes", "--repo", repo.url.path, "--moves", "off"])
    XCTAssertFalse(again.stderr.contains("rebuilding"), again.stderr)
    XCTAssertEqual(again.stdout, off.stdout)
    let back = try outcomes(["changes", "--repo", repo.url.path])
    XCTAssertTrue(back.stderr.contains("rebuilding"), back.stderr)
    XCTAssertEqual(back.stdout, first.stdout)
  }

  func testReportSaysOnceWhenMovesWereNotMeasured() throws {
    let repo = try movedFunction()
    for (options, noted) in [([String](), false), (["--moves", "off"], true)] {
      let result = try outcomes(
        ["report", "--repo", repo.url.path, "--format", "json", "--no-cache", "-q"] + options)
      XCTAssertEqual(result.status, 0, result.stderr)
      let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
      let caveats = try XCTUnwrap((object as? [String: Any])?["caveats"] as? [String])
      XCTAssertEqual(
        caveats.filter { $0.contains("Moved and copy-pasted lines were not measured") }.count, noted ? 1 : 0,
        "\(options)")
    }
  }

  /// Real rows, measured or not, follow `schemas/changes.schema.json` (checked by python3-jsonschema).
  func testRowsFollowTheChangesSchema() throws {
    let repo = try movedFunction()
    try repo.write("c.swift", "let c = 1\n")
    try repo.commit(
      "Add c\n\nCo-Authored-By: Claude <noreply@anthropic.com>", author: .carol, day: 400)
    let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("schemas/changes.schema.json")
    let folder = repo.root
    var files: [String] = []
    for options in [[], ["--moves", "off"], ["--no-ledger"], ["--moves", "file"]] {
      let result = try outcomes(["changes", "--repo", repo.url.path, "--no-cache", "-q"] + options)
      XCTAssertEqual(result.status, 0, result.stderr)
      XCTAssertTrue(result.stdout.contains("claude-code"), "evidence is part of what is checked")
      let file = folder.appendingPathComponent("rows\(files.count).jsonl")
      try result.stdout.write(to: file, atomically: true, encoding: .utf8)
      files.append(file.path)
    }
    let script = """
      import json, sys
      try:
          import jsonschema
      except ImportError:
          sys.exit(3)
      validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
      for path in sys.argv[2:]:
          for line in open(path):
              validator.validate(json.loads(line))
      """
    let python = try runProcess(
      URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, schema.path] + files)
    if python.status == 3 { throw XCTSkip("python3 has no jsonschema module") }
    XCTAssertEqual(python.status, 0, python.stderr)
  }

  func testStoredRowsRefuseTheOption() throws {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent(
      "none-\(UUID().uuidString).sqlite")
    assertUsageFailure(
      try outcomes(["report", "--from", store.path, "--moves", "off"]),
      contains: "--from reads rows already mined: --moves do not apply")
    assertUsageFailure(
      try outcomes([
        "publish", "--facts", "rows.jsonl", "--repo-name", "x", "--to", store.path, "--moves", "file",
      ]),
      contains: "--facts reads rows already mined: --moves do not apply")
    XCTAssertFalse(FileManager.default.fileExists(atPath: store.path), "nothing was opened")
  }
}
