import OutcomeModel
import Outcomes
import XCTest

final class RevertDetectorTests: XCTestCase {
  func change(_ sha: Character, _ subject: String, body: String = "", day: Int64, contributing: [String] = [])
    -> MainlineSummary
  {
    MainlineSummary(
      sha: String(repeating: sha, count: 40), subject: subject, message: subject + "\n\n" + body,
      contributing: contributing, time: day * 86_400)
  }

  func testAbbreviatedShaSubjectAndPullRequestForms() {
    let changes = [
      change("a", "Add cache", day: 1),
      change("b", "Tune cache (#41)", day: 2),
      change("c", "Revert \"Add cache\"", body: "This reverts commit aaaaaaa.", day: 4),
      change("d", "Revert \"Tune cache (#41)\" (#42)", body: "Reverts org/repo#41", day: 9),
      change("e", "Revert \"Nothing that exists\"", day: 10),
    ]
    let (reverted, relanded) = RevertDetector.records(in: changes)
    XCTAssertEqual(reverted[0]?.by, changes[2].sha)
    XCTAssertEqual(reverted[0]?.days, 3)
    XCTAssertEqual(reverted[0]?.via, "message")
    XCTAssertEqual(reverted[1]?.by, changes[3].sha)
    XCTAssertEqual(reverted[1]?.via, "pr")
    XCTAssertEqual(reverted.count, 2, "a revert of an unknown subject reverts nothing")
    XCTAssertTrue(relanded.isEmpty)
  }

  func testPullRequestNumbersInEveryHostsSubjectForm() {
    let subjects: [(String, Int?)] = [
      ("Merge pull request #12 from acme/feature", 12),
      ("Merged PR 345: Tune the cache", 345),
      ("Merge pull request 'Tune' (#77) from tune into main", nil),
      ("Merge pull request 'Tune' (#77)", 77),
      ("Tune cache (#41)", 41),
      ("Tune cache (#41)  ", 41),
      ("Fix #41 in the cache", nil),
      ("Merge pull request #x from acme/feature", nil),
      ("Plain subject", nil),
    ]
    for (subject, number) in subjects {
      XCTAssertEqual(change("a", subject, day: 1).pullRequestNumber, number, subject)
    }
  }

  func testAmbiguousPrefixFindsNothingAndLaterChangesAreNeverTargets() {
    let changes = [
      MainlineSummary(
        sha: "abcdef1" + String(repeating: "1", count: 33), subject: "one", message: "one", time: 0),
      MainlineSummary(
        sha: "abcdef1" + String(repeating: "2", count: 33), subject: "two", message: "two", time: 1),
      MainlineSummary(
        sha: String(repeating: "9", count: 40), subject: "Revert \"x\"",
        message: "This reverts commit abcdef1.",
        time: 2),
    ]
    XCTAssertTrue(RevertDetector.findings(in: changes).isEmpty)
  }

  func testFixRulesPreferTrailersAndSkipReverts() {
    let rules = FixRules()
    let trailer = MainlineSummary(
      sha: String(repeating: "1", count: 40), subject: "Correct it", message: "",
      trailers: [Trailer(key: "Fixes", value: "0123456789ab (\"Add it\")")], time: 0)
    XCTAssertEqual(rules.kind(of: trailer), .fixesTrailer)
    XCTAssertEqual(FixRules.fixesTrailerShas(trailer), ["0123456789ab"])
    let conventional = MainlineSummary(sha: "2", subject: "fix(parser): crash", message: "", time: 0)
    XCTAssertEqual(rules.kind(of: conventional), .message)
    XCTAssertNil(rules.kind(of: MainlineSummary(sha: "3", subject: "Prefix handling", message: "", time: 0)))
    XCTAssertNil(
      rules.kind(of: MainlineSummary(sha: "4", subject: "Revert \"fix: crash\"", message: "", time: 0)))
    XCTAssertEqual(rules.kind(of: conventional, linkedToBug: true), .bugIssue)
    XCTAssertThrowsError(try FixRules(subjectPatterns: ["(unclosed"]).validate())
  }

  func testFoxtrotSubjects() {
    let changes = [
      MainlineSummary(
        sha: "1", subject: "Merge branch 'main' of github.com:org/repo", message: "", time: 0, isMerge: true),
      MainlineSummary(
        sha: "2", subject: "Merge remote-tracking branch 'origin/main'", message: "", time: 0, isMerge: true),
      MainlineSummary(
        sha: "3", subject: "Merge branch 'feature' of github.com:org/repo", message: "", time: 0,
        isMerge: true),
      MainlineSummary(
        sha: "4", subject: "Merge pull request #3 from org/main", message: "", time: 0, isMerge: true),
    ]
    XCTAssertEqual(FoxtrotDetector.positions(in: changes, branch: "main"), [0, 1])
  }
}
