import Attribution
import OutcomeModel
import XCTest

/// The ways real histories fool naive detectors (ai-signals.md §2 and §4).
final class TrapTests: XCTestCase {
  let bot = "users.noreply.github.com"

  func attribute(_ commit: CommitInfo) -> Attribution {
    Fixture.attributor.attribute(Fixture.change(commit))
  }

  func coAuthored(_ identity: String) -> CommitInfo {
    Fixture.commit(message: "Tune the cache\n\nCo-authored-by: \(identity)\n")
  }

  func testClaudeModelNamesDriftButStayClaude() {
    for name in ["Claude", "Claude Opus 4.6", "Claude Opus 4.6 (1M context)", "Claude Sonnet 4.5"] {
      let result = attribute(coAuthored("\(name) <noreply@anthropic.com>"))
      XCTAssertEqual(result.cohort, .assisted, name)
      XCTAssertEqual(result.tools, ["claude-code"], name)
      XCTAssertEqual(result.models, name == "Claude" ? [] : [name], name)
    }
  }

  func testHyphenatedNoReplyMatchesLikeNoReply() {
    for email in ["noreply@anthropic.com", "no-reply@anthropic.com"] {
      XCTAssertEqual(attribute(coAuthored("Claude <\(email)>")).tools, ["claude-code"], email)
    }
  }

  func testAllThreeAiderEmails() {
    for email in ["noreply@aider.chat", "aider@aider.chat", "noreply@aider.dev"] {
      let result = attribute(coAuthored("aider (anthropic/claude-sonnet-4-5) <\(email)>"))
      XCTAssertEqual(result.cohort, .assisted, email)
      XCTAssertEqual(result.tools, ["aider"], email)
      XCTAssertEqual(result.models, ["anthropic/claude-sonnet-4-5"], email)
    }
  }

  func testAiderCommitterOnlyIsRecordedButNotAI() {
    let commit = Fixture.commit(
      author: "Dana Example <dana@example.com>", committer: "Dana Example (aider) <dana@example.com>",
      message: "Rename the walker\n")
    let result = attribute(commit)
    XCTAssertEqual(result.cohort, .unmarked)
    XCTAssertEqual(result.tools, [])
    XCTAssertEqual(result.aiLinesAdded, 0)
    XCTAssertEqual(result.evidence.map(\.tool), ["aider-committer"])
    XCTAssertEqual(result.evidence.first?.signal, .committer)
    XCTAssertTrue(result.evidence.first?.detail.contains("not AI evidence") ?? false)
  }

  func testAiderPrefixOnTheHumansOwnEditsIsNotCounted() {
    let commit = Fixture.commit(
      author: "Dana Example <dana@example.com>", committer: "Dana Example (aider) <dana@example.com>",
      message: "aider: Rename the walker\n")
    let result = attribute(commit)
    XCTAssertEqual(result.cohort, .unmarked)
    XCTAssertEqual(result.ignored.map(\.signal), [.subject])
    XCTAssertTrue(result.ignored[0].detail.contains("not counted"))
  }

  func testAiderEditsOnBothNamesCountOnceAsTheAuthor() {
    let identity = "Dana Example (aider) <dana@example.com>"
    let result = attribute(Fixture.commit(author: identity, committer: identity, message: "aider: Rename\n"))
    XCTAssertEqual(result.cohort, .agent)
    XCTAssertEqual(result.evidence.map(\.signal), [.author, .subject])
  }

  /// A public `.mailmap` maps this identity to its maintainer; attribution sees the raw identity.
  func testCodexIdentityHiddenByMailmapIsStillAI() {
    let result = attribute(Fixture.commit(author: "GPT 5.4 <codex@openai.com>", message: "Add the ledger\n"))
    XCTAssertEqual(result.cohort, .agent)
    XCTAssertEqual(result.tools, ["codex"])
    XCTAssertEqual(result.models, ["GPT 5.4"])
  }

  func testHumanCoAuthorIsNotEvidence() {
    let result = attribute(coAuthored("Priya Raman <priya@example.in>"))
    XCTAssertEqual(result.cohort, .unmarked)
    XCTAssertEqual(result.evidence, [])
  }

  func testPeopleNamedClaudeAreNotClaude() {
    let commits = [
      Fixture.commit(author: "Claude Martin <claude.martin@example.fr>", message: "Fix typo\n"),
      coAuthored("Claude Martin <claude.martin@example.fr>"),
      Fixture.commit(message: "Fix typo\n\nCo-developed-by: Claude Martin <claude@martin.example>\n"),
      Fixture.commit(message: "Fix typo\n\nCo-developed-by: Claude Martin\n"),
      Fixture.commit(message: "Fix typo\n\nAssisted-by: Claude Martin <claude@martin.example>\n"),
    ]
    for commit in commits {
      XCTAssertEqual(attribute(commit).cohort, .unmarked, commit.message)
      XCTAssertEqual(attribute(commit).evidence, [], commit.message)
    }
  }

  /// People who build the tools commit from the tools' domains.
  func testEmployeesOfToolMakersAreNotTools() {
    for identity in [
      "Jane Roe <jane.roe@anthropic.com>", "Sam Poe <sam@openai.com>", "Xin Li <xin@all-hands.dev>",
    ] {
      XCTAssertEqual(
        attribute(Fixture.commit(author: identity, message: "Fix\n")).cohort, .unmarked, identity)
    }
  }

  func testBareWordsInProseAreNotEvidence() {
    let commit = Fixture.commit(
      message:
        "Mention Claude, Cursor and Devin in the docs\n\nContinue with the codex of rules; amp up Jules.\n")
    XCTAssertEqual(attribute(commit).evidence, [])
  }

  /// 41898282 is github-actions[bot]: the pair (41898282, claude[bot]) is nobody's identity.
  func testClaudeLoginWithGitHubActionsIDIsNotClaude() {
    let result = attribute(
      Fixture.commit(author: "claude[bot] <41898282+claude[bot]@\(bot)>", message: "Fix\n"))
    XCTAssertEqual(result.cohort, .unmarked)
    XCTAssertEqual(result.evidence, [])
  }

  func testBareNoReplySuffixAndGitHubCommitterAreNotEvidence() {
    let commit = Fixture.commit(
      author: "Dana Example <4711+dana@\(bot)>", committer: "GitHub <noreply@github.com>", message: "Fix\n")
    XCTAssertEqual(attribute(commit).evidence, [])
  }

  func testCopilotReviewSuggestionIsNotTheCodingAgent() {
    let result = attribute(
      Fixture.commit(
        message: "Update Sources/Walker.swift\n\nCo-authored-by: Copilot <175728472+Copilot@\(bot)>\n"))
    XCTAssertEqual(result.tools, ["copilot-review"])
    XCTAssertEqual(result.cohort, .assisted)
    XCTAssertEqual(Fixture.catalogue.tool("copilot-review")?.toolClass, .reviewSuggestion)
  }

  func testClaudeSetupBranchIsNotEvidence() {
    let result = Fixture.attributor.attribute(
      Fixture.change(Fixture.commit(message: "Add Claude Code GitHub Workflow\n")),
      branchNames: ["add-claude-github-actions-1712345678"])
    XCTAssertEqual(result.evidence, [])
  }

  /// git reads only the final trailer block; squash messages stack several.
  func testStackedTrailerBlocksInASquashMessage() {
    let message = """
      Add the parser cache (#42)

      * Add the cache

      Co-authored-by: Claude <noreply@anthropic.com>

      * Fix the tests

      🤖 Generated with [Claude Code](https://claude.ai/code)

      ---------

      Co-authored-by: Priya Raman <priya@example.in>
      Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>

      """
    let commit = Fixture.commit(message: message)
    XCTAssertEqual(commit.trailers.count, 2, "the fixture mimics libgit2's final-block parse")
    let result = attribute(commit)
    XCTAssertEqual(result.tools, ["claude-code", "copilot-cli"])
    XCTAssertEqual(result.evidence.map(\.signal), [.trailer, .trailer, .footer])
  }

  /// `"\r\n"` is a single Character: a Character-based line split would see one line.
  func testCRLFMessages() {
    let commit = Fixture.commit(
      message: "Fix\r\n\r\nBody\r\n\r\nCo-authored-by: Claude <noreply@anthropic.com>\r\n", trailers: [])
    let result = attribute(commit)
    XCTAssertEqual(result.tools, ["claude-code"])
    XCTAssertEqual(result.evidence.first?.detail, "co-author: Co-authored-by: Claude <noreply@anthropic.com>")
  }

  /// Chosen behaviour: a mark dated before its tool existed is noise. It is not evidence; it is kept in
  /// `ignored` with the reason, so `explain` can show it.
  func testMarkOlderThanItsToolIsIgnored() {
    let commit = Fixture.commit(
      message: "Fix\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", date: "2019-06-08")
    let result = attribute(commit)
    XCTAssertEqual(result.cohort, .unmarked)
    XCTAssertEqual(result.evidence, [])
    XCTAssertEqual(result.ignored.count, 1)
    XCTAssertTrue(result.ignored[0].detail.contains("dated before claude-code existed (2025-02-01)"))
    XCTAssertEqual(Fixture.attributor.evidence(for: commit), [])
  }

  func testAiderGatesDifferByMark() {
    // The `aider:` prefix exists from 2023, `(aider)` names only from 2024.
    let prefix = Fixture.commit(message: "aider: Fix\n", date: "2023-08-01")
    XCTAssertEqual(attribute(prefix).cohort, .assisted)
    let names = Fixture.commit(
      author: "Dana (aider) <dana@example.com>", message: "Fix\n", date: "2023-08-01")
    XCTAssertEqual(attribute(names).cohort, .unmarked)
  }

  func testAssistedByAPersonIsNotAI() {
    XCTAssertEqual(
      attribute(Fixture.commit(message: "Fix\n\nAssisted-by: Priya Raman <priya@example.in>\n")).cohort,
      .unmarked)
  }

  func testGeneratedByBeforeAIAssistantsIsNotAI() {
    let commit = Fixture.commit(
      message: "Regenerate the parser\n\nGenerated-by: bison 3.0\n", date: "2015-01-01")
    XCTAssertEqual(attribute(commit).cohort, .unmarked)
  }

  func testTrailersOnlyInTheParsedListAreStillRead() {
    // A folded trailer reaches us only through libgit2's parse.
    let commit = Fixture.commit(
      message: "Fix\n\nCo-authored-by: Claude\n <noreply@anthropic.com>\n",
      trailers: [Trailer(key: "Co-authored-by", value: "Claude <noreply@anthropic.com>")])
    XCTAssertEqual(attribute(commit).tools, ["claude-code"])
  }
}
