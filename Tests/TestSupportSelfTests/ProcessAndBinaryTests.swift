import Foundation
import TestSupport
import XCTest

final class ProcessAndBinaryTests: XCTestCase {
  func testLargeOutputOnBothStreamsDoesNotDeadlock() throws {
    let script = "head -c 1000000 /dev/zero | tr '\\0' o; head -c 1000000 /dev/zero | tr '\\0' e >&2; cat"
    let input = String(repeating: "i", count: 500_000)
    let result = try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", script], stdin: input)
    XCTAssertTrue(result.succeeded)
    XCTAssertEqual(result.stdoutData.count, 1_500_000)
    XCTAssertEqual(result.stderrData.count, 1_000_000)
  }

  func testStatusEnvironmentAndWorkingDirectory() throws {
    let repo = try FixtureRepo()
    let result = try runProcess(
      URL(fileURLWithPath: "/bin/sh"), ["-c", "printf %s \"$GREETING\"; pwd >&2; exit 3"],
      env: ["GREETING": "hi"], cwd: repo.url)
    XCTAssertEqual(result.status, 3)
    XCTAssertFalse(result.succeeded)
    XCTAssertEqual(result.stdout, "hi")
    XCTAssertEqual(result.stderr, repo.url.path + "\n")
  }

  func testMissingExecutableThrows() {
    XCTAssertThrowsError(try runProcess(URL(fileURLWithPath: "/no/such/tool"), []))
  }

  func testOutcomesBinaryIsFoundOrExplainsWhereItLooked() throws {
    do {
      let url = try OutcomesBinary.url()
      XCTAssertEqual(url.lastPathComponent, "outcomes")
      XCTAssertTrue(FileManager.default.isExecutableFile(atPath: url.path))
    } catch let error as FixtureError {
      XCTAssertTrue("\(error)".contains("Searched:"), "\(error)")
      throw XCTSkip("outcomes is not built in this package: \(error)")
    }
  }
}
