import Attribution
import OutcomeModel
import XCTest

/// Each disclosure convention of the catalogue with the trap that looks like it but is not AI.
final class ConventionTests: XCTestCase {
  func attribute(_ message: String, author: String = Fixture.human, date: String = "2026-06-02")
    -> Attribution
  {
    Fixture.attributor.attribute(Fixture.change(Fixture.commit(author: author, message: message, date: date)))
  }

  func testEntireCheckpointTrailer() {
    let marked = attribute("Add retries\n\nEntire-Checkpoint: 3f9a0c7d12e4\n")
    XCTAssertEqual(marked.cohort, .assisted)
    XCTAssertEqual(marked.tools, ["entire"])
    XCTAssertEqual(marked.evidence.map(\.strength), [.strong])
    // Not a checkpoint id: prose under the same key.
    XCTAssertEqual(attribute("Add retries\n\nEntire-Checkpoint: see the wiki\n").cohort, .unmarked)
  }

  func testQEMUAIUsedFor() {
    let marked = attribute("hw/arm: fix the timer\n\nAI-used-for: drafting the commit message\n")
    XCTAssertEqual(marked.cohort, .assisted)
    XCTAssertEqual(marked.tools, ["policy"])
    XCTAssertEqual(attribute("hw/arm: fix the timer\n\nAI-used-for: none\n").cohort, .unmarked)
    // QEMU's policy starts on 2026-05-01: an earlier line is noise.
    let early = attribute("hw/arm: fix the timer\n\nAI-used-for: tests\n", date: "2026-04-20")
    XCTAssertEqual(early.cohort, .unmarked)
    XCTAssertEqual(early.ignored.map(\.tool), ["policy"])
  }

  func testAssistedByNamesAnAIOrNothing() {
    for value in ["Claude:claude-sonnet-4-5 sparse", "ChatGPTv5", "GPT 5.6", "OpenAI GPT-5.4", "Copilot"] {
      XCTAssertEqual(attribute("Fix\n\nAssisted-by: \(value)\n").cohort, .assisted, value)
    }
    // `none` and `n/a` mean none; curl credits people with a bare name.
    for value in ["none", "N/A", "n/a", "Daniel Stenberg", "Jay Satiro", "Aidan Smith"] {
      XCTAssertEqual(attribute("Fix\n\nAssisted-by: \(value)\n").cohort, .unmarked, value)
    }
  }

  func testNewAssistantIdentities() {
    let cases = [
      ("Qwen-Coder <qwen-coder@alibabacloud.com>", "qwen-code"),
      ("Junie <junie@jetbrains.com>", "junie"),
      ("Kiro <noreply@kiro.dev>", "kiro"),
      ("Goose <opensource@block.xyz>", "goose"),
    ]
    for (identity, tool) in cases {
      let result = attribute("Tune the cache\n\nCo-authored-by: \(identity)\n")
      XCTAssertEqual(result.cohort, .assisted, identity)
      XCTAssertEqual(result.tools, [tool], identity)
    }
    // Block's open-source address also publishes releases: as an author, or not named goose, it is not AI.
    XCTAssertEqual(
      attribute("Release 1.2.0\n", author: "Block Open Source <opensource@block.xyz>").cohort, .unmarked)
    XCTAssertEqual(
      attribute("Tune\n\nCo-authored-by: Block Open Source <opensource@block.xyz>\n").cohort, .unmarked)
    // A person at the same company domain is a person.
    XCTAssertEqual(attribute("Tune\n\nCo-authored-by: Jane Doe <jane.doe@jetbrains.com>\n").cohort, .unmarked)
  }

  /// VS Code added `Co-authored-by: Copilot <copilot@github.com>` by default until 2026-05-03, with or
  /// without AI: inside the window it is medium evidence, outside it stays strong.
  func testVSCodeCopilotCoAuthorWindow() {
    let message = "Tune the cache\n\nCo-authored-by: Copilot <copilot@github.com>\n"
    for date in ["2026-04-01", "2026-04-20", "2026-05-03"] {
      let inside = attribute(message, date: date)
      XCTAssertEqual(inside.cohort, .unmarked, date)
      XCTAssertEqual(inside.evidence.map(\.strength), [.medium], date)
      XCTAssertTrue(inside.evidence[0].detail.contains("2026-04-01..2026-05-03"), inside.evidence[0].detail)
      let accepted = Attributor(catalogue: Fixture.catalogue, options: AttributionOptions(acceptMedium: true))
        .attribute(Fixture.change(Fixture.commit(message: message, date: date)))
      XCTAssertEqual(accepted.cohort, .assisted, date)
    }
    for date in ["2026-03-31", "2026-05-04", "2025-11-02"] {
      let outside = attribute(message, date: date)
      XCTAssertEqual(outside.cohort, .assisted, date)
      XCTAssertEqual(outside.evidence.map(\.strength), [.strong], date)
    }
  }
}
