import Foundation
import OutcomeModel
import XCTest

@testable import Pipeline

final class FactTableWriterTests: XCTestCase {
  func testCSVEscaping() {
    XCTAssertEqual(FactTableWriter.csvEscape("plain"), "plain")
    XCTAssertEqual(FactTableWriter.csvEscape("a,b"), "\"a,b\"")
    XCTAssertEqual(FactTableWriter.csvEscape("say \"hi\""), "\"say \"\"hi\"\"\"")
    XCTAssertEqual(FactTableWriter.csvEscape("=cmd()"), "'=cmd()")
    XCTAssertEqual(FactTableWriter.csvEscape("-12"), "-12")
  }

  func testOutputFileAppearsOnlyWhenFinished() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("facts.jsonl")
    do {
      let sink = try OutputSink(path: target.path)
      try sink.write("partial\n")
      // Dropped without finish(): an interrupted run must leave no file behind.
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])

    let sink = try OutputSink(path: target.path)
    try sink.write("complete\n")
    try sink.finish()
    XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "complete\n")
  }

  func testUnwritableFolderIsAOneLineError() {
    XCTAssertThrowsError(try OutputSink(path: "/nonexistent-folder/x.jsonl")) { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("/nonexistent-folder/x.jsonl"), text)
      XCTAssertFalse(text.contains("\n"))
    }
  }
}
