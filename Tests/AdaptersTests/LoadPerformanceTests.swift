import Foundation
import XCTest

@testable import Adapters

/// 100,000 issues and 50,000 pull requests, generated, with `OUTCOMES_PERF=1` (run it in release);
/// a tenth of that otherwise, so the everyday suite stays quick.
final class LoadPerformanceTests: XCTestCase {
  func testLoadsGeneratedIssuesAndPulls() throws {
    let scale = ProcessInfo.processInfo.environment["OUTCOMES_PERF"] == "1" ? 10 : 1
    let issueCount = 10_000 * scale
    let pullCount = 5_000 * scale
    var issues = "["
    for n in 1...issueCount {
      if n > 1 { issues += "," }
      issues +=
        #"{"number":\#(n),"node_id":"I_\#(n)","state":"\#(n % 3 == 0 ? "closed" : "open")","state_reason":\#(n % 3 == 0 ? "\"completed\"" : "null"),"title":"Issue \#(n) with a title","body":"Some body text for issue \#(n)\nwith two lines","user":{"login":"user\#(n % 97)","id":\#(n % 97),"type":"User"},"labels":[{"name":"bug"}],"created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-02T00:00:00Z","closed_at":\#(n % 3 == 0 ? "\"2024-01-03T00:00:00Z\"" : "null"),"html_url":"https://github.com/o/r/issues/\#(n)"}"#
    }
    issues += "]"
    var pulls = ""
    for n in (issueCount + 1)...(issueCount + pullCount) {
      pulls +=
        #"{"number":\#(n),"state":"closed","draft":false,"title":"PR \#(n)","body":"Fixes #\#(n - issueCount)","user":{"login":"Copilot","id":198982749,"type":"Bot"},"created_at":"2024-01-01T00:00:00.123+0800","updated_at":"2024-01-02T00:00:00Z","closed_at":"2024-01-02T00:00:00Z","merged_at":"2024-01-02T00:00:00Z","merge_commit_sha":"\#(String(format: "%040x", n))","head":{"ref":"copilot/x-\#(n)","sha":"\#(String(format: "%040x", n + 1_000_000))","repo":null},"base":{"ref":"main","sha":"0000000000000000000000000000000000000000","repo":{"full_name":"o/r"}},"labels":[],"html_url":"https://github.com/o/r/pull/\#(n)"}"#
      pulls += "\n"
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adapters-perf-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(issues.utf8).write(to: folder.appendingPathComponent("issues.json"))
    try Data(pulls.utf8).write(to: folder.appendingPathComponent("pulls.ndjson"))
    let start = Date()
    let loaded = try ExportLoader.load(paths: [folder.path])
    let seconds = Date().timeIntervalSince(start)
    XCTAssertEqual(loaded.workItems.count, issueCount)
    XCTAssertEqual(loaded.changeRequests.count, pullCount)
    XCTAssertEqual(loaded.changeRequests.first?.author?.kind, .aiAgent)
    print(
      "adapters: loaded \(issueCount) issues + \(pullCount) pulls (\((issues.utf8.count + pulls.utf8.count) / 1_000_000) MB) in \(String(format: "%.2f", seconds)) s"
    )
    #if DEBUG
      // Debug builds are several times slower than release; the README gives the release figure.
      let limit = 6.0 * Double(scale)
    #else
      // Release: issue #5 asks for under 5 s at full size (about 2 s on a shared 2-core machine).
      let limit = scale == 10 ? 5.0 : 1.0
    #endif
    XCTAssertLessThan(seconds, limit)
  }
}
