/// The catalogue turned into lookup tables and compiled patterns, built once per `Attributor`, so that
/// per-commit work is dictionary lookups plus the few regular expressions whose needles occur.
struct CompiledCatalogue: Sendable {
  /// A date gate: marks on commits dated before it are noise.
  struct Gate: Sendable {
    let seconds: Int64
    let text: String

    init?(_ text: String?) {
      guard let text, let seconds = CatalogueDate.epochSeconds(text) else { return nil }
      self.seconds = seconds
      self.text = text
    }
  }

  struct Tool: Sendable {
    let id: String
    let toolClass: ToolClass
    let since: Gate?
    let humanEditsOf: String?
  }

  struct Identity: Sendable {
    let tool: Int
    /// Catalogue order; for one identity the lowest wins.
    let order: Int
    let key: IdentityMatcher.Key
    let name: Pattern?
    let roles: Set<IdentityRole>
    let model: Pattern?
    let since: Gate?
    /// Seconds `[from, until)`: inside, the identity is medium evidence; `text` names the window.
    let medium: (from: Int64, until: Int64, text: String)?
  }

  struct Trailer: Sendable {
    let tool: Int
    let value: Pattern?
    let model: Pattern?
    let since: Gate?
  }

  struct Text: Sendable {
    let tool: Int
    let pattern: Pattern
  }

  var tools: [Tool] = []
  var identities: [Identity] = []
  var byDomain: [String: [Int]] = [:]
  var byEmail: [String: [Int]] = [:]
  var byBotID: [Int: [Int]] = [:]
  var bySuffix: [Int] = []
  var trailers: [String: [Trailer]] = [:]
  var coauthorKeys: Set<String> = []
  var footers: [Text] = []
  var subjects: [Text] = []
  var prBodies: [Text] = []
  var branches: [(prefix: String, tool: Int)] = []
  var labels: [String: Int] = [:]
  var aliases: [String: String] = [:]
  /// Lowercased ids, names and aliases of AI tools.
  var toolNames: Set<String> = []
  /// Ids of `bot`-class entries.
  var botTools: Set<String> = []

  /// The catalogue was validated when it was loaded; a pattern that still fails to compile (a catalogue
  /// built in code) is dropped rather than stopping attribution.
  init(_ catalogue: SignatureCatalogue) {
    coauthorKeys = Set(catalogue.coauthorKeys.map { $0.lowercased() })
    for (toolIndex, signature) in catalogue.tools.enumerated() {
      tools.append(
        Tool(
          id: signature.id, toolClass: signature.toolClass, since: Gate(signature.since),
          humanEditsOf: signature.humanEditsOf))
      aliases[signature.id.lowercased()] = signature.id
      for alias in signature.aliases where aliases[alias.lowercased()] == nil {
        aliases[alias.lowercased()] = signature.id
      }
      // Records name tools in free text too (Entire's `agent: Claude Code`).
      if aliases[signature.name.lowercased()] == nil { aliases[signature.name.lowercased()] = signature.id }
      if signature.toolClass == .bot { botTools.insert(signature.id) }
      if signature.toolClass.countsAsAI {
        toolNames.formUnion(([signature.id, signature.name] + signature.aliases).map { $0.lowercased() })
      }
      for matcher in signature.identities {
        add(matcher, tool: toolIndex)
      }
      for matcher in signature.trailers {
        trailers[matcher.key.lowercased(), default: []].append(
          Trailer(
            tool: toolIndex, value: matcher.value.flatMap { try? Pattern($0) },
            model: matcher.model.flatMap { try? Pattern($0) }, since: Gate(matcher.since)))
      }
      footers += signature.footers.compactMap { try? Pattern($0) }.map { Text(tool: toolIndex, pattern: $0) }
      subjects += signature.subjects.compactMap { try? Pattern($0) }.map {
        Text(tool: toolIndex, pattern: $0)
      }
      prBodies += signature.prBody.compactMap { try? Pattern($0) }.map { Text(tool: toolIndex, pattern: $0) }
      branches += signature.branches.map { (prefix: $0.lowercased(), tool: toolIndex) }
      for label in signature.labels where labels[label.lowercased()] == nil {
        labels[label.lowercased()] = toolIndex
      }
    }
  }

  private mutating func add(_ matcher: IdentityMatcher, tool: Int) {
    let index = identities.count
    var key = matcher.key
    switch matcher.key {
    case .domain(let domain, let locals):
      key = .domain(domain.lowercased(), locals: locals.map { $0.lowercased() })
      byDomain[domain.lowercased(), default: []].append(index)
    case .email(let email):
      key = .email(email.lowercased())
      byEmail[email.lowercased(), default: []].append(index)
    case .bot(let id, let logins):
      key = .bot(id: id, logins: logins.map { $0.lowercased() })
      byBotID[id, default: []].append(index)
    case .nameSuffix(let suffix):
      key = .nameSuffix(suffix.lowercased())
      bySuffix.append(index)
    }
    identities.append(
      Identity(
        tool: tool, order: index, key: key, name: matcher.name.flatMap { try? Pattern($0) },
        roles: Set(matcher.roles), model: matcher.model.flatMap { try? Pattern($0) },
        since: Gate(matcher.since), medium: Self.window(matcher.mediumBetween)))
  }

  private static func window(_ dates: [String]?) -> (from: Int64, until: Int64, text: String)? {
    guard let dates, dates.count == 2, let from = CatalogueDate.epochSeconds(dates[0]),
      let until = CatalogueDate.epochSeconds(dates[1])
    else { return nil }
    return (from, until + 86_400, "\(dates[0])..\(dates[1])")
  }

  /// The catalogue id for a tool name used by git-ai notes or Agent Trace; unknown names pass through.
  func toolID(forAlias name: String) -> String {
    aliases[name.lowercased()] ?? name
  }
}
