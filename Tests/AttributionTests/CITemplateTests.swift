import Foundation
import XCTest
import Yams

/// The CI templates in `adapters/ci/` are valid YAML with the keys that make `outcomes ci` work: the whole
/// history, the notes, the cache of `.git/outcomes/`, the report and its artifact.
///
/// They live here because this target already links Yams (through Attribution).
final class CITemplateTests: XCTestCase {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("adapters/ci")

  func load(_ name: String) throws -> Node {
    let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    return try XCTUnwrap(try Yams.compose(yaml: text), "\(name) is empty")
  }

  /// A mapping value by its key's text, so YAML 1.1 booleans such as `on:` are found by name too.
  func value(_ node: Node?, _ key: String) -> Node? {
    node?.mapping?.first { $0.key.scalar?.string == key }?.value
  }

  func text(_ node: Node?) -> String? { node?.scalar?.string }

  func testGitHubWorkflowChecksOutEverythingCachesAndUploads() throws {
    let workflow = try load("github-actions.yml")
    let triggers = try XCTUnwrap(value(workflow, "on"), "workflow triggers")
    XCTAssertNotNil(value(triggers, "push"))
    XCTAssertNotNil(triggers.mapping?.first { $0.key.scalar?.string == "pull_request" }, "pull requests too")
    let jobs = try XCTUnwrap(value(workflow, "jobs")?.mapping)
    XCTAssertEqual(jobs.count, 1)
    let job = try XCTUnwrap(jobs.first?.value)
    XCTAssertNotNil(text(value(job, "runs-on")))
    let steps = try XCTUnwrap(value(job, "steps")?.sequence).map { $0 }
    func step(uses prefix: String) -> Node? {
      steps.first { text(value($0, "uses"))?.hasPrefix(prefix) ?? false }
    }
    func runs(_ fragment: String) -> Bool {
      steps.contains { text(value($0, "run"))?.contains(fragment) ?? false }
    }
    let checkout = try XCTUnwrap(step(uses: "actions/checkout@"), "a checkout step")
    XCTAssertEqual(text(value(value(checkout, "with"), "fetch-depth")), "0", "the whole history")
    XCTAssertTrue(runs("git fetch origin 'refs/notes/*:refs/notes/*'"), "the notes, refs/notes/ai among them")
    let cache = try XCTUnwrap(step(uses: "actions/cache@"), "a cache step")
    XCTAssertEqual(text(value(value(cache, "with"), "path")), ".git/outcomes")
    XCTAssertNotNil(text(value(value(cache, "with"), "key")))
    XCTAssertTrue(runs("outcomes ci --out outcomes-report"), "the report")
    let upload = try XCTUnwrap(step(uses: "actions/upload-artifact@"), "an artifact upload")
    XCTAssertEqual(text(value(value(upload, "with"), "path")), "outcomes-report/")
    let order = ["actions/checkout@", "actions/cache@", "actions/upload-artifact@"].map { prefix in
      steps.firstIndex { text(value($0, "uses"))?.hasPrefix(prefix) ?? false } ?? -1
    }
    XCTAssertEqual(order, order.sorted(), "checkout, then cache, then upload")
  }

  func testGitLabJobFetchesEverythingCachesAndKeepsArtifacts() throws {
    let pipeline = try load("gitlab-ci.yml")
    let job = try XCTUnwrap(value(pipeline, "outcomes"), "the outcomes job")
    XCTAssertEqual(text(value(value(job, "variables"), "GIT_DEPTH")), "0", "the whole history")
    let cached = try XCTUnwrap(value(value(job, "cache"), "paths")?.sequence).compactMap { text($0) }
    XCTAssertEqual(cached, [".git/outcomes/"])
    let fallback = try XCTUnwrap(value(value(job, "cache"), "fallback_keys")?.sequence).compactMap {
      text($0)
    }
    XCTAssertEqual(
      fallback, ["outcomes-$CI_DEFAULT_BRANCH"], "merge requests start from the mainline's cache")
    let script = try XCTUnwrap(value(job, "script")?.sequence).compactMap { text($0) }
    XCTAssertTrue(script.contains { $0.contains("outcomes ci --out outcomes-report") }, "\(script)")
    let before = (value(job, "before_script")?.sequence).map { lines in lines.compactMap { text($0) } } ?? []
    XCTAssertTrue((before + script).contains { $0.contains("refs/notes/") }, "the notes are fetched")
    let artifacts = try XCTUnwrap(value(value(job, "artifacts"), "paths")?.sequence).compactMap { text($0) }
    XCTAssertEqual(artifacts, ["outcomes-report/"])
  }
}
