import Attribution
import Foundation
import XCTest

@testable import Adapters

/// Pull requests are attributed from the same catalogue as commits: what the catalogue says reaches
/// the PR signatures, and a user's catalogue adds tools there too.
final class CatalogueSignaturesTests: XCTestCase {
  func testEmbeddedCatalogueDrivesPullRequestMarks() throws {
    let catalogue = try SignatureCatalogue.embedded()
    let signatures = AgentSignatures.defaults
    // Every AI tool with an App identity is known by login and id; bots are known as bots.
    for tool in catalogue.tools where tool.toolClass.countsAsAI {
      for identity in tool.identities {
        guard case .bot(let id, let logins) = identity.key else { continue }
        XCTAssertNotNil(signatures.agentTool(login: "x", accountID: String(id)), "\(tool.id) id \(id)")
        for login in logins {
          XCTAssertNotNil(signatures.agentTool(login: login, accountID: nil), "\(tool.id) login \(login)")
        }
      }
      for prefix in tool.branches {
        XCTAssertEqual(signatures.branchTool(prefix + "fix-1")?.tool, tool.id, prefix)
      }
    }
    XCTAssertTrue(signatures.isKnownBot(login: "dependabot[bot]"))
    XCTAssertTrue(signatures.isKnownBot(login: "app/pre-commit-ci"))
    XCTAssertTrue(signatures.isKnownBot(login: "snyk-bot"), "a user-account bot with no App id")
    XCTAssertNil(signatures.agentTool(login: "dependabot[bot]", accountID: "49699333"), "bots are not AI")
    // The first tool that owns a shared login wins, as for commits: Copilot's agent, not its CLI.
    XCTAssertEqual(signatures.agentTool(login: "Copilot", accountID: nil), "copilot-agent")
    XCTAssertEqual(signatures.agentTool(login: "Copilot", accountID: "223556219"), "copilot-cli")
  }

  func testUserCatalogueToolReachesPullRequests() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("signatures.yml")
    try """
    version: 1
    tools:
      - id: acme-agent
        name: Acme Agent
        class: agent
        identities:
          - {bot: 900001, login: 'acme-agent[bot]'}
        prBody:
          - 'Opened by Acme Agent run \\d+'
        branches: [acme/]
    """.write(to: file, atomically: true, encoding: .utf8)
    let catalogue = try SignatureCatalogue.embedded().merging(SignatureCatalogue.load(contentsOf: file))
    let signatures = AgentSignatures(catalogue: catalogue)
    XCTAssertEqual(signatures.agentTool(login: "app/acme-agent", accountID: nil), "acme-agent")
    XCTAssertEqual(signatures.branchTool("acme/task-7")?.tool, "acme-agent")
    XCTAssertEqual(
      signatures.bodyMatches("Fixes #4\n\nOpened by Acme Agent run 31").map(\.tool), ["acme-agent"])
    XCTAssertEqual(AgentSignatures.defaults.bodyMatches("Opened by Acme Agent run 31").count, 0)
  }
}
