import Commands
import Foundation
import XCTest

/// Which CI a run is in and what its variables say about the build.
final class CIEnvironmentTests: XCTestCase {
  func testGitHubPullRequestReadsTheEventPayload() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ci-env-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let event = folder.appendingPathComponent("event.json")
    try Data(
      #"{"repository": {"default_branch": "trunk"}, "pull_request": {"number": 42, "base": {"sha": "b1"}, "head": {"sha": "h1"}}}"#
        .utf8
    ).write(to: event)
    let ci = CIEnvironment(environment: [
      "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": event.path,
      "GITHUB_BASE_REF": "trunk", "GITHUB_HEAD_REF": "feature", "GITHUB_STEP_SUMMARY": "/tmp/summary.md",
    ])
    XCTAssertEqual(ci.kind, .github)
    XCTAssertEqual(ci.defaultBranch, "trunk")
    XCTAssertEqual(ci.stepSummary, "/tmp/summary.md")
    XCTAssertEqual(
      ci.pullRequest,
      CIEnvironment.PullRequest(
        number: "42", baseRef: "trunk", headRef: "feature", baseSHA: "b1", headSHA: "h1"))
    XCTAssertTrue(ci.shallowFix(path: "/repo").contains("fetch-depth: 0"))
  }

  func testGitHubPushAndRefFallbackAndGitLabAndPlain() {
    let push = CIEnvironment(environment: ["GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "push"])
    XCTAssertEqual(push.kind, .github)
    XCTAssertNil(push.pullRequest)
    let pull = CIEnvironment(environment: [
      "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main",
      "GITHUB_REF": "refs/pull/7/merge",
    ])
    XCTAssertEqual(pull.pullRequest?.number, "7", "from GITHUB_REF without a payload")
    let gitlab = CIEnvironment(environment: [
      "GITLAB_CI": "true", "CI_DEFAULT_BRANCH": "main", "CI_MERGE_REQUEST_IID": "3",
      "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": "fix",
      "CI_MERGE_REQUEST_DIFF_BASE_SHA": "base", "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA": "",
      "CI_COMMIT_SHA": "tip",
    ])
    XCTAssertEqual(gitlab.kind, .gitlab)
    XCTAssertEqual(gitlab.defaultBranch, "main")
    XCTAssertEqual(
      gitlab.pullRequest,
      CIEnvironment.PullRequest(number: "3", baseRef: "main", headRef: "fix", baseSHA: "base", headSHA: "tip")
    )
    XCTAssertTrue(gitlab.shallowFix(path: "/repo").contains("GIT_DEPTH: 0"))
    let plain = CIEnvironment(environment: [:])
    XCTAssertEqual(plain.kind, .plain)
    XCTAssertNil(plain.pullRequest)
    XCTAssertTrue(plain.shallowFix(path: "/repo").contains("git fetch --unshallow"))
  }
}
