import Attribution
import OutcomeModel
import XCTest

/// Non-AI automation is cohort `bot`: never AI, never unmarked; only an AI author wins.
final class BotCohortTests: XCTestCase {
  func attribute(
    author: String, message: String = "Bump serde from 1.0.1 to 1.0.2\n",
    options: AttributionOptions = .init()
  ) -> Attribution {
    Attributor(catalogue: Fixture.catalogue, options: options)
      .attribute(Fixture.change(Fixture.commit(author: author, message: message)))
  }

  func testCatalogueBots() {
    let cases = [
      ("dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>", "dependabot"),
      ("pre-commit-ci[bot] <66853113+pre-commit-ci[bot]@users.noreply.github.com>", "pre-commit-ci"),
      ("renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>", "renovate"),
      ("github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>", "github-actions"),
      ("goreleaserbot <bot@goreleaser.com>", "release-bots"),
    ]
    for (author, tool) in cases {
      let result = attribute(author: author)
      XCTAssertEqual(result.cohort, .bot, author)
      XCTAssertEqual(result.tools, [], author)
      XCTAssertEqual(result.aiLinesAdded, 0, author)
      XCTAssertEqual(result.evidence.map(\.tool), [tool], author)
    }
  }

  func testAnyGitHubAppOutsideTheCatalogueIsABot() {
    let result = attribute(
      author: "beads-flake-updater[bot] <285320059+beads-flake-updater[bot]@users.noreply.github.com>")
    XCTAssertEqual(result.cohort, .bot)
    XCTAssertEqual(result.evidence.map(\.tool), ["bot"])
    XCTAssertTrue(result.evidence[0].detail.contains("outside the catalogue"), result.evidence[0].detail)
  }

  func testAIAppsAndAIEvidenceAreNotBots() {
    // An AI tool's App, even paired with another account's id (ai-signals.md §2), is no bot.
    XCTAssertEqual(
      attribute(author: "claude[bot] <41898282+claude[bot]@users.noreply.github.com>").cohort, .unmarked)
    XCTAssertEqual(
      attribute(author: "claude[bot] <209825114+claude[bot]@users.noreply.github.com>").cohort, .agent)
    let devin = "Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>"
    XCTAssertEqual(attribute(author: devin).cohort, .agent)
    let merged = Fixture.attributor.attribute(
      Fixture.change(
        Fixture.commit(message: "Merge branch 'devin/1'\n", parents: 2), linesAdded: 40,
        contributing: [
          ContributingCommit(commit: Fixture.commit(author: devin, message: "Fix\n"), linesAdded: 20),
          ContributingCommit(commit: Fixture.commit(message: "Tidy\n"), linesAdded: 20),
        ]))
    XCTAssertEqual(merged.cohort, .assisted, "an AI agent's commits are not automation")
    // Automation's work with an AI co-author (worktrunk's Dependabot bumps fixed up with Claude) stays
    // automation; the AI mark is kept for explain but counts for nothing.
    let coAuthored = attribute(
      author: "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
      message: "Bump serde\n\nCo-authored-by: Claude <noreply@anthropic.com>\n")
    XCTAssertEqual(coAuthored.cohort, .bot)
    XCTAssertEqual(coAuthored.tools, [])
    XCTAssertEqual(coAuthored.aiLinesAdded, 0)
    XCTAssertEqual(coAuthored.evidence.map(\.tool), ["dependabot", "claude-code"])
    XCTAssertFalse(
      Fixture.attributor.isAI(
        Fixture.commit(
          author: "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
          message: "Bump serde\n\nCo-authored-by: Claude <noreply@anthropic.com>\n")))
    // A bot as committer or co-author says nothing about who wrote the change.
    let committed = Fixture.attributor.attribute(
      Fixture.change(
        Fixture.commit(
          author: Fixture.human,
          committer: "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>",
          message:
            "Fix\n\nCo-authored-by: dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>\n")))
    XCTAssertEqual(committed.cohort, .unmarked)
    XCTAssertEqual(committed.evidence, [])
    // A person whose name merely contains "bot".
    XCTAssertEqual(attribute(author: "Abbot Costello <abbot@example.com>").cohort, .unmarked)
  }

  func testDeclaredBots() {
    let options = AttributionOptions(bots: ["w@worktrunk.dev", "*-release@EXAMPLE.com"])
    for author in ["Worktrunk Bot <w@worktrunk.dev>", "ci-release <ci-release@example.com>"] {
      let result = attribute(author: author, options: options)
      XCTAssertEqual(result.cohort, .bot, author)
      XCTAssertTrue(result.evidence[0].detail.contains("declared a bot"), result.evidence[0].detail)
    }
    XCTAssertEqual(
      attribute(author: "Worktrunk Bot <w@worktrunk.dev>").cohort, .unmarked, "only when declared")
    XCTAssertEqual(attribute(author: "Dana <dana@example.com>", options: options).cohort, .unmarked)
    // Declaring a bot covers its AI-assisted changes too; undeclared, they are AI.
    let message = "Release\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"
    XCTAssertEqual(
      attribute(author: "Worktrunk Bot <w@worktrunk.dev>", message: message, options: options).cohort, .bot)
    XCTAssertEqual(attribute(author: "Worktrunk Bot <w@worktrunk.dev>", message: message).cohort, .assisted)
  }

  func testBotsAreNeverAIForTheLedger() {
    let commit = Fixture.commit(
      author: "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>", message: "Bump x\n")
    XCTAssertFalse(Fixture.attributor.isAI(commit))
  }
}
