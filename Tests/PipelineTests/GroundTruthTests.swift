import Foundation
import OutcomeModel
import TestSupport
import XCTest

@testable import Pipeline

/// Attribution end to end on a real repository: seeded AI markers (and traps) are committed with git,
/// mined through libgit2 and attributed; every cohort and tool set must match what was written.
final class GroundTruthTests: XCTestCase {
  func testCohortPrecisionAndRecallAreBothPerfect() throws {
    let repo = try FixtureRepo()
    var generator = AIMarkerGenerator(seed: 2026)
    let marked = generator.commits(160)
    var expected: [String: MarkedCommit] = [:]
    for (index, commit) in marked.enumerated() {
      try repo.write("work/file\(index % 7).txt", "change \(index)\n")
      try repo.git(["add", "-A"])
      try repo.git(
        ["commit", "-q", "--no-verify", "--cleanup=verbatim", "-F", "-"], stdin: commit.message,
        env: [
          "GIT_AUTHOR_NAME": commit.author.name, "GIT_AUTHOR_EMAIL": commit.author.email,
          "GIT_AUTHOR_DATE": "@\(commit.author.time) +0000",
          "GIT_COMMITTER_NAME": commit.committer.name, "GIT_COMMITTER_EMAIL": commit.committer.email,
          "GIT_COMMITTER_DATE": "@\(commit.committer.time) +0000",
        ])
      expected[try repo.revParse("HEAD")] = commit
    }
    var request = MiningRequest()
    request.path = repo.url.path
    let session = try MiningSession(request)
    let builder = ChangeRecordBuilder(
      pseudonymizer: Pseudonymizer(salt: "t"), mailmap: session.mailmap, attribution: session.attribution)
    var truePositive = 0
    var falsePositive = 0
    var falseNegative = 0
    var seen = 0
    _ = try session.mine { change in
      let truth = try XCTUnwrap(expected[change.id.hex])
      let record = builder.record(for: change)
      seen += 1
      XCTAssertEqual(record.cohort, truth.expectedCohort, "\(truth.scenario) \(change.id.short)")
      XCTAssertEqual(record.tools ?? [], truth.expectedTools, truth.scenario)
      let saidAI = record.cohort?.isAI ?? false
      let isAI = truth.expectedCohort.isAI
      if saidAI && isAI { truePositive += 1 }
      if saidAI && !isAI { falsePositive += 1 }
      if !saidAI && isAI { falseNegative += 1 }
    }
    XCTAssertEqual(seen, marked.count)
    XCTAssertGreaterThan(truePositive, 40, "the seed must produce a real mix of marked commits")
    XCTAssertGreaterThan(marked.count - truePositive - falseNegative, 10, "and of traps and unmarked ones")
    XCTAssertEqual(falsePositive, 0, "precision 100%")
    XCTAssertEqual(falseNegative, 0, "recall 100%")
  }

  func testMergeOfAgentBranchIsAgentAndNotesCountOnlyAILines() throws {
    let repo = try FixtureRepo()
    try repo.write("app.swift", "let a = 1\n")
    try repo.commit("root", day: 1)
    try repo.checkoutNewBranch("copilot/fix")
    let copilot = Person(name: "Copilot", email: "198982749+Copilot@users.noreply.github.com")
    for step in 0..<3 {
      try repo.write("fix\(step).swift", "line\nline\n")
      try repo.commit("Step \(step)", author: copilot, day: 400 + step)
    }
    try repo.checkout("main")
    try repo.merge("copilot/fix", message: "Merge pull request #7 from acme/copilot/fix", day: 410)
    try repo.write("noted.swift", "one\ntwo\nthree\nfour\n")
    let noted = try repo.commit("Add noted", day: 411)
    try repo.addNote(
      """
      noted.swift
        s_4be81f09c2d713::t_0a6e5c92b7f4d1 2-3
      ---
      {"schema_version":"authorship/3.0.0","base_commit_sha":"\(noted)","prompts":{},
       "sessions":{"s_4be81f09c2d713":{"agent_id":{"tool":"claude","id":"x","model":"claude-sonnet-4-5"}}}}
      """, to: noted)
    var request = MiningRequest()
    request.path = repo.url.path
    let session = try MiningSession(request)
    let builder = ChangeRecordBuilder(
      pseudonymizer: Pseudonymizer(salt: "t"), mailmap: session.mailmap, attribution: session.attribution)
    var records: [ChangeRecord] = []
    _ = try session.mine { records.append(builder.record(for: $0)) }
    XCTAssertEqual(records.count, 3)
    XCTAssertEqual(records[1].cohort, .agent, "all contributing commits are the Copilot agent's")
    XCTAssertEqual(records[1].tools, ["copilot-agent"])
    XCTAssertEqual(records[1].aiLinesAdded, 6)
    XCTAssertEqual(records[2].aiLinesAdded, 2, "only note lines 2-3 are AI")
    XCTAssertEqual(records[2].linesAdded, 4)
  }
}
