import Attribution
import Foundation
import XCTest

final class CatalogueTests: XCTestCase {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()
  static let catalogueFile = repository.appendingPathComponent("adapters/assistants/catalogue.yml")

  /// The binary embeds the catalogue; run `adapters/assistants/embed.sh` after editing the YAML.
  func testEmbeddedCatalogueEqualsTheFile() throws {
    let yaml = try String(contentsOf: Self.catalogueFile, encoding: .utf8)
    XCTAssertTrue(
      SignatureCatalogue.embeddedYAML == yaml,
      "EmbeddedCatalogue.swift is stale: run adapters/assistants/embed.sh")
    XCTAssertEqual(
      try SignatureCatalogue.embedded(), try SignatureCatalogue.load(contentsOf: Self.catalogueFile))
  }

  func testEmbeddedCatalogueHasTheDocumentedTools() throws {
    let ids = Set(try SignatureCatalogue.embedded().tools.map(\.id))
    for id in [
      "claude-code", "copilot-agent", "copilot-cli", "copilot-ide", "copilot-review", "copilot-autofix",
      "cursor",
      "cursor-agent", "aider", "codex", "devin", "jules", "amazon-q", "amp", "openhands", "continue",
      "replit",
      "opencode", "firebender", "windsurf", "gemini-cli", "policy", "entire", "qwen-code", "junie", "kiro",
      "goose", "dependabot", "renovate", "pre-commit-ci", "github-actions", "mergify", "release-bots",
    ] {
      XCTAssertTrue(ids.contains(id), id)
    }
  }

  func testUserFileOverridesOneToolAndAddsOne() throws {
    let url = try write(
      """
      coauthorKeys: [Helped-by]
      tools:
        - id: claude-code
          name: Claude Code (company build)
          class: assisted
          identities:
            - {email: claude@corp.example}
        - id: acme-bot
          name: ACME internal agent
          class: agent
          identities:
            - {domain: bots.corp.example}
      """)
    let base = try SignatureCatalogue.embedded()
    let merged = base.merging(try SignatureCatalogue.load(contentsOf: url))
    XCTAssertEqual(merged.tools.count, base.tools.count + 1)
    XCTAssertEqual(
      merged.tools.firstIndex { $0.id == "claude-code" }, base.tools.firstIndex { $0.id == "claude-code" })
    XCTAssertEqual(merged.tool("claude-code")?.name, "Claude Code (company build)")
    XCTAssertEqual(merged.tools.last?.id, "acme-bot")
    XCTAssertNotEqual(merged.fingerprint, base.fingerprint)
    XCTAssertEqual(merged.fingerprint, base.merging(try SignatureCatalogue.load(contentsOf: url)).fingerprint)

    let attributor = Attributor(catalogue: merged)
    let helped = Fixture.commit(message: "Fix\n\nHelped-by: Claude <claude@corp.example>\n")
    XCTAssertEqual(attributor.evidence(for: helped).map(\.tool), ["claude-code"])
    // The override replaced the whole entry: the public trailer is no longer Claude Code's.
    let publicTrailer = Fixture.commit(message: "Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n")
    XCTAssertEqual(attributor.evidence(for: publicTrailer), [])
    let bot = Fixture.commit(author: "Builder <ci@bots.corp.example>", message: "Bump\n")
    XCTAssertEqual(attributor.attribute(Fixture.change(bot)).cohort, .agent)
  }

  func testFingerprintIsStable() throws {
    XCTAssertEqual(
      try SignatureCatalogue.embedded().fingerprint, try SignatureCatalogue.embedded().fingerprint)
    XCTAssertEqual(try SignatureCatalogue.embedded().fingerprint.count, 16)
  }

  func testBadFilesNameFileAndLine() throws {
    let cases: [(String, Int?, String)] = [
      (
        "tools:\n  - id: x\n    class: agent\n    footers: ['a\n", 5,
        "invalid YAML: while scanning a quoted scalar from line 4: found unexpected end of stream"
      ),
      ("tools:\n  - id: x\n    class: agent\n   name: y\n", 4, "invalid YAML"),
      (
        "tools:\n  - id: x\n    class: agent\n    footers:\n      - 'Generated with [Claude'\n", 5,
        "invalid regular expression in 'footers': Generated with [Claude"
      ),
      ("tools:\n  - id: x\n    clas: agent\n", 3, "unknown key 'clas' in a tool"),
      ("tools:\n  - id: x\n    class: robot\n", 3, "unknown class 'robot'"),
      (
        "tools:\n  - id: x\n    class: agent\n    since: 2025-13-01\n", 4, "'since' must be a date YYYY-MM-DD"
      ),
      (
        "tools:\n  - id: x\n    class: agent\n    identities:\n      - {bot: 41898282}\n", 5,
        "a 'bot' needs its 'login'"
      ),
      (
        "tools:\n  - id: x\n    class: agent\n    identities:\n      - {domain: users.noreply.github.com}\n",
        5,
        "match GitHub accounts with 'bot' and 'login', not the domain"
      ),
      ("tools:\n  - id: x\n    class: agent\n  - id: x\n    class: agent\n", 4, "tool 'x' is defined twice"),
      ("version: 2\n", 1, "unsupported catalogue version '2'"),
      (
        "tools:\n  - id: x\n    class: assisted\n    identities:\n      - {email: x@example.com, mediumBetween: [2026-05-03, 2026-04-01]}\n",
        5, "'mediumBetween' must be [from, until], two dates in order"
      ),
    ]
    for (yaml, line, message) in cases {
      let url = try write(yaml)
      XCTAssertThrowsError(try SignatureCatalogue.load(contentsOf: url), message) { error in
        guard let error = error as? CatalogueError else { return XCTFail("\(error)") }
        XCTAssertEqual(error.file, url.path)
        XCTAssertEqual(error.line, line, "\(message): \(error)")
        XCTAssertTrue(error.message.contains(message), "\(error)")
        XCTAssertTrue(
          error.description.hasPrefix("\(url.path):\(line.map(String.init) ?? "")"), error.description)
        XCTAssertFalse(error.description.contains("\n"), error.description)
      }
    }
  }

  func testUnreadableFile() {
    let url = URL(fileURLWithPath: "/nonexistent/signatures.yml")
    XCTAssertThrowsError(try SignatureCatalogue.load(contentsOf: url)) { error in
      XCTAssertEqual(
        String(describing: error), "/nonexistent/signatures.yml: cannot read the file as UTF-8 text")
    }
  }

  private func write(_ text: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "signatures-\(UUID().uuidString).yml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }
}
