import Foundation
import XCTest

/// Compares rendered text with `Golden/<name>`; `OUTCOMES_RECORD_GOLDEN=1` rewrites the files instead.
enum Golden {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Golden")
  static var recording: Bool { ProcessInfo.processInfo.environment["OUTCOMES_RECORD_GOLDEN"] == "1" }

  static func assertMatches(
    _ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    let url = directory.appendingPathComponent(name)
    if recording {
      try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      XCTAssertNoThrow(try actual.write(to: url, atomically: true, encoding: .utf8), file: file, line: line)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      XCTFail(
        "missing golden file \(url.path); record it with OUTCOMES_RECORD_GOLDEN=1", file: file, line: line)
      return
    }
    guard actual != expected else { return }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let index = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
    let got = index < a.count ? String(a[index]) : "<end>"
    let want = index < e.count ? String(e[index]) : "<end>"
    XCTFail(
      "\(name) differs at line \(index + 1):\n  got:  \(got)\n  want: \(want)\nre-record with OUTCOMES_RECORD_GOLDEN=1 if intended",
      file: file, line: line)
  }
}
