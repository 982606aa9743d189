import OutcomeModel

/// Decides whether an account is a person, a bot, an AI agent or deleted, and records the rule used.
struct PersonClassifier: Sendable {
  var signatures: AgentSignatures

  /// GitHub REST `user` objects: `{login, id, type}`; null for a deleted account in some exports.
  func github(_ user: JSONValue?, system: TrackerSystem = .github) -> TrackerPerson? {
    guard let user, let fields = user.object else {
      return TrackerPerson(system: system, handle: "", kind: .deleted, kindRule: "user null")
    }
    let login = fields["login"]?.rawString ?? ""
    let id = fields["id"]?.idString
    let type = fields["type"]?.text
    return classify(
      system: system, login: login, accountID: id, name: fields["name"]?.text, email: fields["email"]?.text,
      isBot: type == "Bot" ? true : nil, botRule: "user.type=Bot")
  }

  /// gh `--json` authors: `{id, is_bot, login, name}`, apps as `{is_bot: true, login: "app/<slug>"}`.
  func ghCLI(_ author: JSONValue?) -> TrackerPerson? {
    guard let author, let fields = author.object else {
      return TrackerPerson(system: .github, handle: "", kind: .deleted, kindRule: "author null")
    }
    let login = fields["login"]?.rawString ?? ""
    if login == "app/" || login.isEmpty {
      // gh infers "bot" from a missing id, so a deleted user arrives as an app without a slug.
      return TrackerPerson(
        system: .github, handle: login, kind: .deleted, kindRule: "login \(login.isEmpty ? "empty" : "app/")")
    }
    return classify(
      system: .github, login: login, accountID: nil, name: fields["name"]?.text, email: nil,
      isBot: fields["is_bot"]?.bool, botRule: "is_bot")
  }

  /// GitLab REST authors `{id, username, name, state}`; `bot` appears on newer servers.
  func gitlab(_ author: JSONValue?) -> TrackerPerson? {
    guard let author, let fields = author.object else { return nil }
    let username = fields["username"]?.rawString ?? ""
    if username == "ghost" {
      return TrackerPerson(
        system: .gitlab, handle: username, displayName: fields["name"]?.text, kind: .deleted,
        kindRule: "username ghost")
    }
    let isBot = fields["bot"]?.bool == true || username.hasSuffix("_bot") || username.contains("_bot_")
    return classify(
      system: .gitlab, login: username, accountID: nil, name: fields["name"]?.text, email: nil,
      isBot: isBot ? true : nil, botRule: fields["bot"]?.bool == true ? "bot" : "username *_bot")
  }

  /// Jira users `{accountId, displayName, active, accountType}`.
  func jira(_ user: JSONValue?) -> TrackerPerson? {
    guard let user, let fields = user.object else { return nil }
    let handle = fields["accountId"]?.text ?? fields["name"]?.text ?? fields["key"]?.text ?? ""
    let name = fields["displayName"]?.text
    let email = fields["emailAddress"]?.text
    if fields["accountType"]?.text == "app" {
      let tool = signatures.agentTool(login: name ?? handle, accountID: nil)
      return TrackerPerson(
        system: .jira, handle: handle, displayName: name, email: email, kind: tool == nil ? .bot : .aiAgent,
        kindRule: "accountType=app", tool: tool)
    }
    if fields["active"]?.bool == false {
      return TrackerPerson(
        system: .jira, handle: handle, displayName: name, email: email, kind: .deleted,
        kindRule: "active=false")
    }
    return TrackerPerson(
      system: .jira, handle: handle, displayName: name, email: email, kind: .human,
      kindRule: "accountType=atlassian")
  }

  func classify(
    system: TrackerSystem, login: String, accountID: String?, name: String?, email: String?, isBot: Bool?,
    botRule: String
  ) -> TrackerPerson {
    if login == "ghost" || (system == .github && accountID == "10137") {
      return TrackerPerson(
        system: system, handle: login, displayName: name, email: email, kind: .deleted,
        kindRule: "login ghost")
    }
    if let tool = signatures.agentTool(login: login, accountID: accountID) {
      return TrackerPerson(
        system: system, handle: login, displayName: name, email: email, kind: .aiAgent,
        kindRule: "ai-agent login \(login)", tool: tool)
    }
    if isBot == true {
      return TrackerPerson(
        system: system, handle: login, displayName: name, email: email, kind: .bot, kindRule: botRule)
    }
    if login.lowercased().hasSuffix("[bot]") {
      return TrackerPerson(
        system: system, handle: login, displayName: name, email: email, kind: .bot, kindRule: "login *[bot]")
    }
    if signatures.isKnownBot(login: login) {
      return TrackerPerson(
        system: system, handle: login, displayName: name, email: email, kind: .bot,
        kindRule: "known bot login")
    }
    if isBot == false {
      return TrackerPerson(
        system: system, handle: login, displayName: name, email: email, kind: .human,
        kindRule: "\(botRule)=false")
    }
    return TrackerPerson(
      system: system, handle: login, displayName: name, email: email, kind: login.isEmpty ? .unknown : .human,
      kindRule: login.isEmpty ? "no login" : "default human")
  }
}
