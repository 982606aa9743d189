import Attribution
import OutcomeModel
import XCTest

final class MergeTests: XCTestCase {
  let bot = "users.noreply.github.com"

  func contributing(_ author: String, _ message: String, linesAdded: Int? = nil) -> ContributingCommit {
    ContributingCommit(commit: Fixture.commit(author: author, message: message), linesAdded: linesAdded)
  }

  func merge(
    _ contributing: [ContributingCommit], subject: String = "Merge branch 'feature'", linesAdded: Int = 40
  )
    -> Change
  {
    Fixture.change(
      Fixture.commit(message: subject + "\n", parents: 2), linesAdded: linesAdded, contributing: contributing)
  }

  func testAgentWhenMostContributingCommitsAreAIAuthored() {
    let agent = "copilot-swe-agent[bot] <198982749+Copilot@\(bot)>"
    let result = Fixture.attributor.attribute(
      merge([
        contributing(agent, "Initial plan\n"), contributing(agent, "Fix the walker\n"),
        contributing(Fixture.human, "Tidy up\n"),
      ]))
    XCTAssertEqual(result.cohort, .agent)
    XCTAssertEqual(result.tools, ["copilot-agent"])
  }

  /// A person merging a Renovate branch lands a bot's work; one bot commit among people's does not.
  func testBotWhenMostContributingCommitsAreAutomation() {
    let renovate = "renovate[bot] <29139614+renovate[bot]@\(bot)>"
    let landed = Fixture.attributor.attribute(
      merge([contributing(renovate, "fix(deps): update x to v1.42.0\n")], subject: "Merge pull request #2528")
    )
    XCTAssertEqual(landed.cohort, .bot)
    XCTAssertTrue(landed.evidence[0].detail.contains("1 of 1 contributing commit(s) by automation"))
    let mixed = Fixture.attributor.attribute(
      merge([
        contributing(renovate, "Bump x\n"),
        contributing(Fixture.human, "Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"),
        contributing(Fixture.human, "Docs\n"),
      ]))
    XCTAssertEqual(mixed.cohort, .assisted)
    XCTAssertEqual(mixed.tools, ["claude-code"])
  }

  func testAssistedWhenAIAuthoredOnlyAMinority() {
    let agent = "Cursor Agent <cursoragent@cursor.com>"
    let result = Fixture.attributor.attribute(
      merge([
        contributing(agent, "Draft\n"), contributing(Fixture.human, "Fix\n"),
        contributing(Fixture.human, "Docs\n"),
      ]))
    XCTAssertEqual(result.cohort, .assisted)
  }

  func testEvidenceIsTheUnionOfMergeAndContributingCommits() {
    let result = Fixture.attributor.attribute(
      merge(
        [
          contributing(Fixture.human, "Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"),
          contributing(Fixture.human, "Docs\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"),
          contributing(Fixture.human, "Test\n\nMade-with: Cursor\n"),
        ], subject: "Merge pull request #7 from dana/codex/fix-walker"),
      labels: ["ai"])
    XCTAssertEqual(result.cohort, .assisted)
    XCTAssertEqual(result.tools, ["claude-code", "cursor"])
    let details = result.evidence.map(\.detail)
    XCTAssertEqual(details.count, 3)
    XCTAssertTrue(details[0].hasPrefix("branch: codex/fix-walker (from the merge subject)"), details[0])
    XCTAssertTrue(details[1].hasSuffix("and 1 more)"), details[1])
    XCTAssertTrue(details[2].contains("Made-with: Cursor (in "), details[2])
  }

  func testAILinesFromContributingLineCounts() {
    let result = Fixture.attributor.attribute(
      merge(
        [
          contributing(
            Fixture.human, "Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n", linesAdded: 30),
          contributing(Fixture.human, "Docs\n", linesAdded: 10),
        ], linesAdded: 40))
    XCTAssertEqual(result.aiLinesAdded, 30)
  }

  func testAILinesFromCommitShareWhenLineCountsAreMissing() {
    let result = Fixture.attributor.attribute(
      merge(
        [
          contributing(
            Fixture.human, "Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n", linesAdded: 30),
          contributing(Fixture.human, "Docs\n"),
        ], linesAdded: 40))
    XCTAssertEqual(result.aiLinesAdded, 20)
  }

  func testNoteRefinesAContributingCommitsShare() {
    let marked = contributing(Fixture.human, "Fix\n", linesAdded: 30)
    let note = LineAttribution(
      source: "git-ai authorship/3.0.0",
      files: ["a.swift": [AttributedRange(lines: 1...6, contributor: .ai(tool: "claude", model: nil))]])
    let result = Fixture.attributor.attribute(
      merge([marked, contributing(Fixture.human, "Docs\n", linesAdded: 10)], linesAdded: 40),
      notes: [marked.commit.id: note])
    XCTAssertEqual(result.cohort, .assisted)
    XCTAssertEqual(result.tools, ["claude-code"])
    XCTAssertEqual(result.aiLinesAdded, 6)
    XCTAssertTrue(result.notesUsed)
  }

  /// A Codex cloud pull request: no commit carries a mark, only the pull request does.
  func testPullRequestEvidenceCoversTheWholeMerge() {
    let result = Fixture.attributor.attribute(
      merge([contributing(Fixture.human, "Fix\n", linesAdded: 30)], linesAdded: 30),
      prBody: "[Codex Task](https://chatgpt.com/codex/tasks/task_e_0123456789abcdef)")
    XCTAssertEqual(result.cohort, .assisted)
    XCTAssertEqual(result.aiLinesAdded, 30)
  }

  func testUnmarkedMergeHasNoAILines() {
    let result = Fixture.attributor.attribute(
      merge(
        [contributing(Fixture.human, "Fix\n", linesAdded: 30)],
        subject: "Merge pull request #8 from dana/claude/x"))
    XCTAssertEqual(result.cohort, .unmarked)
    XCTAssertEqual(result.aiLinesAdded, 0)
    XCTAssertEqual(result.evidence.map(\.signal), [.branch])
  }
}
