import Foundation
import OutcomeModel

/// How AI agents and tools show up in pull-request data: author logins, branch prefixes, body footers.
///
/// The defaults follow `adapters/assistants/catalogue.yml`; the CLI may build one from a user catalogue.
public struct AgentSignatures: Sendable {
  /// One tool's pull-request marks.
  public struct Tool: Sendable {
    public var id: String
    /// Author logins, compared case-insensitively with `[bot]` and gh's `app/` prefix removed.
    public var logins: [String]
    /// GitHub numeric account ids (`Copilot` is 198982749).
    public var accountIDs: [String]
    /// Branch-name prefixes (`copilot/`): medium evidence.
    public var branchPrefixes: [String]
    /// Regular expressions for PR bodies (case-insensitive, `^`/`$` at line boundaries): strong evidence.
    public var bodyPatterns: [String]

    public init(
      id: String, logins: [String] = [], accountIDs: [String] = [], branchPrefixes: [String] = [],
      bodyPatterns: [String] = []
    ) {
      self.id = id
      self.logins = logins
      self.accountIDs = accountIDs
      self.branchPrefixes = branchPrefixes
      self.bodyPatterns = bodyPatterns
    }
  }

  public var tools: [Tool]
  /// Logins of automation without `[bot]` in the name (`dependabot`, `renovate`), compared like logins.
  public var botLogins: [String]
  private var compiled: [(String, [NSRegularExpression])]
  private var toolByLogin: [String: String] = [:]
  private var toolByAccount: [String: String] = [:]
  private var botKeys: Set<String> = []

  public init(tools: [Tool], botLogins: [String]) {
    self.tools = tools
    self.botLogins = botLogins
    for tool in tools.reversed() {
      for login in tool.logins { toolByLogin[Self.loginKey(login)] = tool.id }
      for id in tool.accountIDs { toolByAccount[id] = tool.id }
    }
    botKeys = Set(botLogins.map(Self.loginKey))
    self.compiled = tools.map { tool in
      (
        tool.id,
        tool.bodyPatterns.compactMap {
          try? NSRegularExpression(pattern: $0, options: [.caseInsensitive, .anchorsMatchLines])
        }
      )
    }
  }

  public static let defaults = AgentSignatures(
    tools: [
      Tool(
        id: "copilot-agent", logins: ["Copilot", "copilot-swe-agent"], accountIDs: ["198982749"],
        branchPrefixes: ["copilot/"], bodyPatterns: ["<!-- START COPILOT CODING AGENT SUFFIX -->"]),
      Tool(
        id: "devin", logins: ["devin-ai-integration"], accountIDs: ["158243242"], branchPrefixes: ["devin/"],
        bodyPatterns: [
          #"Link to Devin run: https://app\.devin\.ai/sessions/[0-9a-f]{32}"#,
          #"Generated with \[Devin\]\(https://devin\.ai/?\)"#,
        ]),
      Tool(
        id: "cursor-agent", logins: ["cursor", "cursoragent"], accountIDs: ["206951365", "201670782"],
        branchPrefixes: ["cursor/"],
        bodyPatterns: [
          #"Made with \[Cursor\]\(https://cursor\.com\)"#, #"https://cursor\.com/agents/bc-[0-9a-f-]+"#,
        ]),
      Tool(
        id: "claude-code", logins: ["claude", "claude-code-action", "anthropic-claude"],
        accountIDs: ["209825114", "208546643", "215619710"], branchPrefixes: ["claude/"],
        bodyPatterns: [
          #"Generated with \[Claude Code\]\(https://(claude\.ai/code|claude\.com/claude-code)\)"#,
          #"^\s*https://claude\.ai/code/session_\w+"#,
        ]),
      Tool(
        id: "codex", logins: ["chatgpt-codex-connector", "openai-codex"],
        accountIDs: ["199175422", "215057067"],
        branchPrefixes: ["codex/"], bodyPatterns: [#"https://chatgpt\.com/codex/tasks/task_e_[0-9a-f]+"#]),
      Tool(
        id: "jules", logins: ["google-labs-jules"], accountIDs: ["161369871"],
        bodyPatterns: [#"^\*?PR created automatically by Jules"#]),
      Tool(id: "amazon-q", logins: ["amazon-q-developer"], accountIDs: ["208079219"]),
      Tool(id: "openhands", logins: ["openhands-agent"], branchPrefixes: ["openhands/"]),
    ],
    botLogins: [
      "dependabot", "dependabot-preview", "renovate", "renovate-bot", "github-actions", "snyk-bot",
      "greenkeeper", "mergify", "pre-commit-ci", "allcontributors",
    ]
  )

  /// The AI tool whose login or account id this is.
  func agentTool(login: String, accountID: String?) -> String? {
    if let accountID, let tool = toolByAccount[accountID] { return tool }
    return toolByLogin[Self.loginKey(login)]
  }

  func isKnownBot(login: String) -> Bool {
    botKeys.contains(Self.loginKey(login))
  }

  func branchTool(_ branch: String) -> (tool: String, prefix: String)? {
    for tool in tools {
      if let prefix = tool.branchPrefixes.first(where: { branch.hasPrefix($0) }) { return (tool.id, prefix) }
    }
    return nil
  }

  func bodyMatches(_ body: String) -> [(tool: String, text: String)] {
    guard !body.isEmpty else { return [] }
    let range = NSRange(body.startIndex..., in: body)
    var out: [(String, String)] = []
    for (tool, patterns) in compiled {
      for pattern in patterns {
        if let match = pattern.firstMatch(in: body, range: range), let r = Range(match.range, in: body) {
          out.append((tool, String(body[r])))
          break
        }
      }
    }
    return out
  }

  /// `app/dependabot`, `Dependabot[bot]` and `dependabot` compare equal.
  static func loginKey(_ login: String) -> String {
    var s = login.lowercased()
    if s.hasPrefix("app/") { s.removeFirst(4) }
    if s.hasSuffix("[bot]") { s.removeLast(5) }
    return s
  }
}
