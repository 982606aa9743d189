import Attribution
import Foundation
import OutcomeModel

/// How AI agents and tools show up in pull-request data: author logins, branch prefixes, body footers.
///
/// Built from the signature catalogue (`adapters/assistants/catalogue.yml`), so commits and pull
/// requests are attributed from one list.
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

  /// The embedded catalogue's pull-request marks; the same data commits are attributed with.
  public static let defaults: AgentSignatures = {
    guard let catalogue = try? SignatureCatalogue.embedded() else {
      preconditionFailure("the embedded catalogue does not parse (a test checks it)")
    }
    return AgentSignatures(catalogue: catalogue)
  }()

  /// Automation that opens pull requests from plain user accounts, so no App id in the catalogue
  /// names it; GitHub Apps are caught by their `[bot]` type whatever the catalogue says.
  static let userAccountBots = ["renovate-bot", "snyk-bot", "greenkeeper", "allcontributors"]

  /// A catalogue's AI tools (their GitHub App logins and ids, branch prefixes, footers and PR-body
  /// patterns) and its `bot` entries, in catalogue order so the first tool that owns a login wins.
  public init(catalogue: SignatureCatalogue) {
    var tools: [Tool] = []
    var bots: [String] = []
    for signature in catalogue.tools {
      var logins: [String] = []
      var ids: [String] = []
      for identity in signature.identities {
        guard case .bot(let id, let names) = identity.key else { continue }
        logins += names
        ids.append(String(id))
      }
      if signature.toolClass == .bot {
        bots += logins
      } else if signature.toolClass.countsAsAI {
        tools.append(
          Tool(
            id: signature.id, logins: logins, accountIDs: ids, branchPrefixes: signature.branches,
            bodyPatterns: signature.prBody + signature.footers))
      }
    }
    self.init(tools: tools, botLogins: bots + Self.userAccountBots)
  }

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
