import Foundation
import TestSupport
import XCTest

/// Runs the built `outcomes` binary with a clean environment (no salt unless given, no terminal).
func outcomes(_ args: [String], in folder: URL? = nil, env extra: [String: String] = [:]) throws
  -> ProcessResult
{
  var env = ProcessInfo.processInfo.environment
  env["OUTCOMES_SALT"] = nil
  env.merge(extra) { $1 }
  return try runProcess(try OutcomesBinary.url(), args, env: env, cwd: folder)
}

/// Parses JSON-lines output into dictionaries.
func jsonLines(_ text: String) throws -> [[String: Any]] {
  try text.split(separator: "\n").map { line in
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
    return try XCTUnwrap(object as? [String: Any])
  }
}

/// Asserts the run failed with exit code 1 and a single-line message containing `fragment`.
func assertUsageFailure(_ result: ProcessResult, contains fragment: String, line: UInt = #line) {
  XCTAssertEqual(result.status, 1, "exit code; stderr: \(result.stderr)", line: line)
  let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
  XCTAssertTrue(message.contains(fragment), "\(message) lacks \(fragment)", line: line)
  XCTAssertEqual(message.split(separator: "\n").count, 1, "one line: \(message)", line: line)
  XCTAssertTrue(result.stdout.isEmpty, "no data on failure", line: line)
}
