import Attribution
import OutcomeModel
import XCTest

/// One real-world-shaped commit per catalogue signal (identities, trailers and footers as they appear
/// in public histories), with the tool, signal, strength and cohort each must produce.
final class SignalTableTests: XCTestCase {
  struct Case {
    let name: String
    let commit: CommitInfo
    let tool: String
    let signal: SignalKind
    let strength: Strength
    let cohort: Cohort
    var model: String? = nil
    var options = AttributionOptions()
    var branchNames: [String] = []
    var labels: [String] = []
    var prBody: String? = nil
  }

  static let bot = "users.noreply.github.com"

  static func message(_ body: String, trailers: String? = nil) -> String {
    "Fix the rename limit in the diff walker\n\n\(body)\n" + (trailers.map { "\n\($0)\n" } ?? "")
  }

  static func coAuthored(_ identity: String) -> CommitInfo {
    Fixture.commit(message: message("Keeps large merges fast.", trailers: "Co-authored-by: \(identity)"))
  }

  static func authored(
    _ identity: String, committer: String? = nil, body: String = "Keeps large merges fast."
  )
    -> CommitInfo
  {
    Fixture.commit(author: identity, committer: committer, message: message(body))
  }

  static func trailer(_ line: String) -> CommitInfo {
    Fixture.commit(message: message("Keeps large merges fast.", trailers: line))
  }

  static func body(_ line: String) -> CommitInfo {
    Fixture.commit(message: message("Keeps large merges fast.\n\n\(line)"))
  }

  static let plain = Fixture.commit(message: message("Keeps large merges fast."))

  static let cases: [Case] = [
    // Claude Code
    Case(
      name: "claude trailer, older", commit: coAuthored("Claude <noreply@anthropic.com>"),
      tool: "claude-code",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "claude trailer, model name", commit: coAuthored("Claude Opus 4.6 <noreply@anthropic.com>"),
      tool: "claude-code", signal: .trailer, strength: .strong, cohort: .assisted, model: "Claude Opus 4.6"),
    Case(
      name: "claude footer, claude.ai",
      commit: body("🤖 Generated with [Claude Code](https://claude.ai/code)"),
      tool: "claude-code", signal: .footer, strength: .strong, cohort: .assisted),
    Case(
      name: "claude footer, claude.com",
      commit: body("🤖 Generated with [Claude Code](https://claude.com/claude-code)"), tool: "claude-code",
      signal: .footer, strength: .strong, cohort: .assisted),
    Case(
      name: "claude session trailer",
      commit: trailer("Claude-Session: https://claude.ai/code/session_01AbCdEfGhIjKlMnOpQrStUv"),
      tool: "claude-code", signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "claude session body link",
      commit: body("https://claude.ai/code/session_01AbCdEfGhIjKlMnOpQrStUv"),
      tool: "claude-code", signal: .footer, strength: .strong, cohort: .assisted),
    Case(
      name: "claude web author", commit: authored("Claude <noreply@anthropic.com>"), tool: "claude-code",
      signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "claude code author variant", commit: authored("Claude Code <claude@anthropic.com>"),
      tool: "claude-code", signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "claude github app", commit: authored("claude[bot] <209825114+claude[bot]@\(bot)>"),
      tool: "claude-code", signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "claude-code-action",
      commit: authored("claude-code-action[bot] <208546643+claude-code-action[bot]@\(bot)>"),
      tool: "claude-code", signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "anthropic-claude app",
      commit: authored("anthropic-claude[bot] <215619710+anthropic-claude[bot]@\(bot)>"),
      tool: "claude-code", signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "claude branch, accepted medium", commit: plain, tool: "claude-code", signal: .branch,
      strength: .medium, cohort: .assisted, options: AttributionOptions(acceptMedium: true),
      branchNames: ["claude/fix-rename-limit-k3x9q"]),
    Case(
      name: "claude branch, medium not accepted", commit: plain, tool: "claude-code", signal: .branch,
      strength: .medium, cohort: .unmarked, branchNames: ["claude/fix-rename-limit-k3x9q"]),

    // GitHub Copilot
    Case(
      name: "copilot agent on the PR branch",
      commit: Fixture.commit(
        author: "copilot-swe-agent[bot] <198982749+Copilot@\(bot)>",
        message: message(
          "Initial plan",
          trailers: "Co-authored-by: Dana Example <dana@example.com>\n"
            + "Agent-Logs-Url: https://github.com/acme/widgets/sessions/4f1c2a9e-7b3d-4c1e-9a2b-1d3e5f7a9b0c")
      ),
      tool: "copilot-agent", signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "copilot agent after squash",
      commit: Fixture.commit(
        author: "Copilot <198982749+Copilot@\(bot)>", committer: "GitHub <noreply@github.com>",
        message: message(
          "<!-- START COPILOT CODING AGENT SUFFIX -->\nFixes #31",
          trailers: "Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@\(bot)>")),
      tool: "copilot-agent", signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "copilot agent suffix footer", commit: body("<!-- START COPILOT CODING AGENT SUFFIX -->"),
      tool: "copilot-agent", signal: .footer, strength: .strong, cohort: .assisted),
    Case(
      name: "copilot agent logs trailer",
      commit: trailer(
        "Agent-Logs-Url: https://github.com/acme/widgets/sessions/4f1c2a9e-7b3d-4c1e-9a2b-1d3e5f7a9b0c"),
      tool: "copilot-agent", signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "copilot agent branch", commit: plain, tool: "copilot-agent", signal: .branch, strength: .medium,
      cohort: .assisted, options: AttributionOptions(acceptMedium: true), branchNames: ["copilot/fix-31"]),
    Case(
      name: "copilot cli", commit: coAuthored("Copilot <223556219+Copilot@\(bot)>"), tool: "copilot-cli",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "copilot in vs code", commit: coAuthored("Copilot <copilot@github.com>"), tool: "copilot-ide",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "copilot review suggestion",
      commit: Fixture.commit(
        message: "Update Sources/Walker.swift\n\nCo-authored-by: Copilot <175728472+Copilot@\(bot)>\n"),
      tool: "copilot-review", signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "copilot review subject",
      commit: Fixture.commit(message: "Apply suggestions from code review by Copilot\n"),
      tool: "copilot-review",
      signal: .subject, strength: .strong, cohort: .assisted),
    Case(
      name: "copilot autofix, code-quality bot",
      commit: coAuthored("Copilot Autofix powered by AI <223894421+github-code-quality[bot]@\(bot)>"),
      tool: "copilot-autofix", signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "copilot autofix, review address",
      commit: coAuthored("Copilot Autofix powered by AI <175728472+Copilot@\(bot)>"), tool: "copilot-autofix",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "copilot chat", commit: coAuthored("copilot[bot] <167198135+copilot[bot]@\(bot)>"),
      tool: "copilot-chat", signal: .trailer, strength: .strong, cohort: .assisted),

    // Cursor
    Case(
      name: "cursor trailer", commit: coAuthored("Cursor <cursoragent@cursor.com>"), tool: "cursor",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "cursor made-with", commit: trailer("Made-with: Cursor"), tool: "cursor", signal: .trailer,
      strength: .strong, cohort: .assisted),
    Case(
      name: "cursor background agent author", commit: authored("Cursor Agent <cursoragent@cursor.com>"),
      tool: "cursor-agent", signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "cursor bot author", commit: authored("cursor[bot] <206951365+cursor[bot]@\(bot)>"),
      tool: "cursor-agent", signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "cursoragent bot author",
      commit: authored("cursoragent[bot] <201670782+cursoragent[bot]@\(bot)>"),
      tool: "cursor-agent", signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "cursor PR footer", commit: body("Made with [Cursor](https://cursor.com)"), tool: "cursor-agent",
      signal: .footer, strength: .strong, cohort: .assisted),
    Case(
      name: "cursor agent link",
      commit: body("https://cursor.com/agents/bc-4f1c2a9e-7b3d-4c1e-9a2b-1d3e5f7a9b0c"),
      tool: "cursor-agent", signal: .footer, strength: .strong, cohort: .assisted),
    Case(
      name: "cursor branch", commit: plain, tool: "cursor-agent", signal: .branch, strength: .medium,
      cohort: .assisted, options: AttributionOptions(acceptMedium: true),
      branchNames: ["cursor/fix-walker-a1b2"]),

    // Aider
    Case(
      name: "aider names", commit: authored("Dana Example (aider) <dana@example.com>"), tool: "aider",
      signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "aider prefix", commit: Fixture.commit(message: "aider: Fix the rename limit\n"), tool: "aider",
      signal: .subject, strength: .strong, cohort: .assisted),
    Case(
      name: "aider trailer v0.85", commit: coAuthored("aider (openai/gpt-4.1) <aider@aider.chat>"),
      tool: "aider",
      signal: .trailer, strength: .strong, cohort: .assisted, model: "openai/gpt-4.1"),

    // OpenAI Codex
    Case(
      name: "codex cli trailer", commit: coAuthored("Codex <noreply@openai.com>"), tool: "codex",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "codex author", commit: authored("Codex GPT-5 <codex@openai.com>"), tool: "codex",
      signal: .author,
      strength: .strong, cohort: .agent, model: "GPT-5"),
    Case(
      name: "codex connector bot",
      commit: authored("chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@\(bot)>"),
      tool: "codex", signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "openai-codex bot", commit: authored("openai-codex[bot] <215057067+openai-codex[bot]@\(bot)>"),
      tool: "codex", signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "codex task link in the PR body", commit: plain, tool: "codex", signal: .prBody,
      strength: .strong,
      cohort: .assisted,
      prBody:
        "Summary\n\n[Codex Task](https://chatgpt.com/codex/tasks/task_e_68a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5)"),
    Case(
      name: "codex branch", commit: plain, tool: "codex", signal: .branch, strength: .medium,
      cohort: .assisted,
      options: AttributionOptions(acceptMedium: true), branchNames: ["codex/fix-walker"]),

    // Devin
    Case(
      name: "devin author",
      commit: Fixture.commit(
        author: "Devin AI <158243242+devin-ai-integration[bot]@\(bot)>",
        message: message(
          "Link to Devin run: https://app.devin.ai/sessions/0123456789abcdef0123456789abcdef\nRequested by: Dana Example",
          trailers: "Co-Authored-By: Dana Example <dana@example.com>")),
      tool: "devin", signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "devin run link",
      commit: body("Link to Devin run: https://app.devin.ai/sessions/0123456789abcdef0123456789abcdef"),
      tool: "devin", signal: .footer, strength: .strong, cohort: .assisted),
    Case(
      name: "devin squash co-author",
      commit: coAuthored("Devin AI <158243242+devin-ai-integration[bot]@\(bot)>"),
      tool: "devin", signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "devin generated-with", commit: body("Generated with [Devin](https://devin.ai)"), tool: "devin",
      signal: .footer, strength: .strong, cohort: .assisted),
    Case(
      name: "devin branch", commit: plain, tool: "devin", signal: .branch, strength: .medium,
      cohort: .assisted,
      options: AttributionOptions(acceptMedium: true), branchNames: ["devin/1712345678-fix-walker"]),

    // Others
    Case(
      name: "jules author",
      commit: authored("google-labs-jules[bot] <161369871+google-labs-jules[bot]@\(bot)>"),
      tool: "jules", signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "jules PR footer", commit: plain, tool: "jules", signal: .prBody, strength: .strong,
      cohort: .assisted, prBody: "Fixes the walker.\n\n---\n*PR created automatically by Jules for task 123*"),
    Case(
      name: "amazon q author",
      commit: authored("amazon-q-developer[bot] <208079219+amazon-q-developer[bot]@\(bot)>"),
      tool: "amazon-q", signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "amp co-author", commit: coAuthored("Amp <amp@ampcode.com>"), tool: "amp", signal: .trailer,
      strength: .strong, cohort: .assisted),
    Case(
      name: "amp thread",
      commit: trailer("Amp-Thread-ID: https://ampcode.com/threads/T-4f1c2a9e-7b3d-4c1e-9a2b-1d3e5f7a9b0c"),
      tool: "amp", signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "openhands identity", commit: authored("openhands <openhands@all-hands.dev>"), tool: "openhands",
      signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "openhands co-author", commit: coAuthored("openhands <openhands@all-hands.dev>"),
      tool: "openhands",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "continue co-author", commit: coAuthored("Continue <noreply@continue.dev>"), tool: "continue",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "continue footer", commit: body("Generated with [Continue](https://continue.dev)"),
      tool: "continue",
      signal: .footer, strength: .strong, cohort: .assisted),
    Case(
      name: "continue bot", commit: authored("continue[bot] <230936708+continue[bot]@\(bot)>"),
      tool: "continue",
      signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "replit agent",
      commit: trailer(
        "Replit-Commit-Author: Agent\nReplit-Commit-Session-Id: 4f1c2a9e-7b3d-4c1e-9a2b-1d3e5f7a9b0c"),
      tool: "replit", signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "replit assistant", commit: trailer("Replit-Commit-Author: Assistant"), tool: "replit",
      signal: .trailer,
      strength: .strong, cohort: .assisted),
    Case(
      name: "opencode co-author", commit: coAuthored("opencode <noreply@opencode.ai>"), tool: "opencode",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "opencode footer", commit: body("🤖 Generated with [opencode](https://opencode.ai)"),
      tool: "opencode",
      signal: .footer, strength: .strong, cohort: .assisted),
    Case(
      name: "firebender footer", commit: body("🤖 Generated with [Firebender](https://firebender.com)"),
      tool: "firebender", signal: .footer, strength: .strong, cohort: .assisted),
    Case(
      name: "windsurf co-author", commit: coAuthored("Windsurf <windsurf@codeium.com>"), tool: "windsurf",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "windsurf bot", commit: authored("windsurf-bot[bot] <189301087+windsurf-bot[bot]@\(bot)>"),
      tool: "windsurf", signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "gemini cli co-author", commit: coAuthored("Gemini CLI <gemini-cli@google.com>"),
      tool: "gemini-cli",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "gemini code assist suggestion",
      commit: coAuthored("gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@\(bot)>"),
      tool: "gemini-code-assist", signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "cline bot", commit: authored("cline[bot] <205137888+cline[bot]@\(bot)>"), tool: "cline",
      signal: .author, strength: .strong, cohort: .agent),
    Case(
      name: "entire session", commit: trailer("Entire-Session: 2026-03-02-4f1c2a9e"), tool: "entire",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "entire checkpoint", commit: trailer("Entire-Checkpoint: 0a1b2c3d4e5f"), tool: "entire",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "factory droid co-author",
      commit: coAuthored("factory-droid[bot] <138933559+factory-droid[bot]@\(bot)>"), tool: "factory-droid",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "qwen code co-author", commit: coAuthored("Qwen-Coder <qwen-coder@alibabacloud.com>"),
      tool: "qwen-code", signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "junie co-author", commit: coAuthored("Junie <junie@jetbrains.com>"), tool: "junie",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "kiro co-author", commit: coAuthored("Kiro <kiro@kiro.dev>"), tool: "kiro", signal: .trailer,
      strength: .strong, cohort: .assisted),
    Case(
      name: "goose co-author", commit: coAuthored("goose <opensource@block.xyz>"), tool: "goose",
      signal: .trailer, strength: .strong, cohort: .assisted),

    // Automation: cohort bot, never AI
    Case(
      name: "dependabot", commit: authored("dependabot[bot] <49699333+dependabot[bot]@\(bot)>"),
      tool: "dependabot", signal: .author, strength: .strong, cohort: .bot),
    Case(
      name: "renovate", commit: authored("renovate[bot] <29139614+renovate[bot]@\(bot)>"), tool: "renovate",
      signal: .author, strength: .strong, cohort: .bot),
    Case(
      name: "pre-commit.ci", commit: authored("pre-commit-ci[bot] <66853113+pre-commit-ci[bot]@\(bot)>"),
      tool: "pre-commit-ci", signal: .author, strength: .strong, cohort: .bot),
    Case(
      name: "github actions", commit: authored("github-actions[bot] <41898282+github-actions[bot]@\(bot)>"),
      tool: "github-actions", signal: .author, strength: .strong, cohort: .bot),
    Case(
      name: "mergify", commit: authored("mergify[bot] <37929162+mergify[bot]@\(bot)>"), tool: "mergify",
      signal: .author, strength: .strong, cohort: .bot),
    Case(
      name: "semantic-release", commit: authored("semantic-release-bot <semantic-release-bot@martynus.net>"),
      tool: "release-bots", signal: .author, strength: .strong, cohort: .bot),
    Case(
      name: "nori footer", commit: body("Generated with [Nori](https://nori.ai)"), tool: "nori",
      signal: .footer,
      strength: .strong, cohort: .assisted),

    // Policy trailers
    Case(
      name: "kernel assisted-by", commit: trailer("Assisted-by: Claude:claude-sonnet-4-5 sparse"),
      tool: "policy",
      signal: .trailer, strength: .strong, cohort: .assisted, model: "claude-sonnet-4-5"),
    Case(
      name: "free-text assisted-by", commit: trailer("Assisted-by: OpenAI GPT-5.4"), tool: "policy",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "assisted-by naming a tool identity",
      commit: trailer("Assisted-by: Claude <noreply@anthropic.com>"),
      tool: "claude-code", signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "ASF generated-by", commit: trailer("Generated-by: ChatGPT"), tool: "policy", signal: .trailer,
      strength: .strong, cohort: .assisted),
    Case(
      name: "OpenStack Generated-By", commit: trailer("Generated-By: Claude Code claude-opus-4.6"),
      tool: "policy",
      signal: .trailer, strength: .strong, cohort: .assisted),
    Case(
      name: "OpenLiberty co-authored-by-AI", commit: trailer("Co-authored-by-AI: Copilot (GPT-4.1)"),
      tool: "policy",
      signal: .trailer, strength: .strong, cohort: .assisted, model: "GPT-4.1"),
    Case(
      name: "kernel RFC co-developed-by", commit: trailer("Co-developed-by: Claude claude-opus-4-20250514"),
      tool: "policy", signal: .trailer, strength: .strong, cohort: .assisted, model: "claude-opus-4-20250514"),
    Case(
      name: "AI-Tool trailer", commit: trailer("AI-Tool: Cursor"), tool: "policy", signal: .trailer,
      strength: .strong, cohort: .assisted),
    Case(
      name: "configured AI label", commit: plain, tool: "policy", signal: .label, strength: .strong,
      cohort: .assisted, options: AttributionOptions(aiLabels: ["ai-assisted"]), labels: ["AI-Assisted"]),
  ]

  func testEachSignalProducesItsEvidenceAndCohort() {
    for entry in Self.cases {
      let attributor = Attributor(catalogue: Fixture.catalogue, options: entry.options)
      let result = attributor.attribute(
        Fixture.change(entry.commit), branchNames: entry.branchNames, labels: entry.labels,
        prBody: entry.prBody)
      let matching = result.evidence.filter { $0.tool == entry.tool && $0.signal == entry.signal }
      XCTAssertFalse(
        matching.isEmpty, "\(entry.name): no \(entry.signal) evidence for \(entry.tool) in \(result.evidence)"
      )
      XCTAssertTrue(
        matching.allSatisfy { $0.strength == entry.strength },
        "\(entry.name): strength \(matching.map(\.strength))")
      XCTAssertEqual(result.cohort, entry.cohort, "\(entry.name)")
      if entry.cohort.isAI {
        XCTAssertEqual(result.tools, [entry.tool], "\(entry.name)")
        XCTAssertEqual(result.aiLinesAdded, 10, "\(entry.name)")
      } else {
        XCTAssertEqual(result.tools, [], "\(entry.name)")
        XCTAssertEqual(result.aiLinesAdded, 0, "\(entry.name)")
      }
      if let model = entry.model {
        XCTAssertEqual(result.models, [model], "\(entry.name)")
      }
      XCTAssertEqual(result.ignored, [], "\(entry.name)")
    }
  }

  /// Every tool in the default catalogue has at least one case above.
  func testTableCoversEveryCatalogueTool() {
    let covered = Set(Self.cases.map(\.tool))
    let untested = Fixture.catalogue.tools.map(\.id).filter {
      !covered.contains($0) && $0 != "aider-committer"
    }
    XCTAssertEqual(untested, [])
  }

  func testEvidenceDetailKeepsRawTextAndRole() {
    let commit = Self.coAuthored("Claude Sonnet 4.5 <noreply@anthropic.com>")
    XCTAssertEqual(
      Fixture.attributor.evidence(for: commit),
      [
        Evidence(
          tool: "claude-code", signal: .trailer, strength: .strong,
          detail: "co-author: Co-authored-by: Claude Sonnet 4.5 <noreply@anthropic.com>")
      ])
    let author = Self.authored(
      "Copilot <198982749+Copilot@\(Self.bot)>", committer: "GitHub <noreply@github.com>")
    XCTAssertEqual(
      Fixture.attributor.evidence(for: author).map(\.detail),
      ["author: Copilot <198982749+Copilot@\(Self.bot)>"])
  }
}
