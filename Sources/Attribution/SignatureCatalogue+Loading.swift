import Foundation
import Yams

extension SignatureCatalogue {
  /// Parses catalogue YAML; every problem is a `CatalogueError` naming `file` and the line.
  static func parse(yaml: String, file: String) throws -> SignatureCatalogue {
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch {
      throw CatalogueError(yamlError: error, file: file)
    }
    guard let root else {
      throw CatalogueError(file: file, line: nil, message: "the catalogue is empty")
    }
    return try CatalogueReader(file: file).catalogue(root)
  }
}

/// Walks the YAML node tree by hand rather than decoding, so that unknown keys, bad dates and bad
/// regular expressions are reported with the line they are on.
private struct CatalogueReader {
  let file: String

  func catalogue(_ root: Node) throws -> SignatureCatalogue {
    let fields = try mapping(root, allowed: ["version", "coauthorKeys", "tools"], in: "the catalogue")
    if let version = fields["version"] {
      guard string(version) == "1" else {
        throw error(at: version, "unsupported catalogue version '\(string(version) ?? "")' (expected 1)")
      }
    }
    var catalogue = SignatureCatalogue()
    if let keys = fields["coauthorKeys"] {
      catalogue.coauthorKeys = try strings(keys, field: "coauthorKeys")
    }
    var seen: Set<String> = []
    for node in try sequence(fields["tools"], field: "tools") {
      let tool = try self.tool(node)
      guard seen.insert(tool.id).inserted else {
        throw error(at: node, "tool '\(tool.id)' is defined twice")
      }
      catalogue.tools.append(tool)
    }
    return catalogue
  }

  private func tool(_ node: Node) throws -> ToolSignature {
    let fields = try mapping(
      node,
      allowed: [
        "id", "name", "class", "since", "aliases", "humanEditsOf", "identities", "trailers", "footers",
        "subjects", "prBody", "branches", "labels",
      ], in: "a tool")
    guard let idNode = fields["id"], let id = string(idNode), !id.isEmpty,
      !id.contains(where: \.isWhitespace)
    else { throw error(at: node, "a tool needs an 'id' without spaces") }
    guard let classNode = fields["class"] else { throw error(at: node, "tool '\(id)' needs a 'class'") }
    guard let toolClass = string(classNode).flatMap(ToolClass.init(rawValue:)) else {
      let expected = ToolClass.allCases.map(\.rawValue).joined(separator: ", ")
      throw error(at: classNode, "unknown class '\(string(classNode) ?? "")' (expected one of \(expected))")
    }
    var tool = ToolSignature(id: id, name: id, toolClass: toolClass)
    if let name = fields["name"] { tool.name = try scalar(name, field: "name") }
    tool.since = try fields["since"].map(date)
    tool.aliases = try fields["aliases"].map { try strings($0, field: "aliases") } ?? []
    tool.humanEditsOf = try fields["humanEditsOf"].map { try scalar($0, field: "humanEditsOf") }
    tool.identities = try sequence(fields["identities"], field: "identities").map(identity)
    tool.trailers = try sequence(fields["trailers"], field: "trailers").map(trailer)
    tool.footers = try fields["footers"].map { try regexes($0, field: "footers") } ?? []
    tool.subjects = try fields["subjects"].map { try regexes($0, field: "subjects") } ?? []
    tool.prBody = try fields["prBody"].map { try regexes($0, field: "prBody") } ?? []
    tool.branches = try fields["branches"].map { try strings($0, field: "branches") } ?? []
    tool.labels = try fields["labels"].map { try strings($0, field: "labels") } ?? []
    return tool
  }

  private func identity(_ node: Node) throws -> IdentityMatcher {
    let fields = try mapping(
      node,
      allowed: [
        "domain", "locals", "email", "bot", "login", "nameSuffix", "name", "roles", "model", "since",
        "mediumBetween",
      ],
      in: "an identity")
    let keyFields = ["domain", "email", "bot", "nameSuffix"].filter { fields[$0] != nil }
    guard keyFields.count == 1 else {
      throw error(at: node, "an identity needs exactly one of domain, email, bot, nameSuffix")
    }
    if fields["locals"] != nil, keyFields != ["domain"] {
      throw error(at: fields["locals"]!, "'locals' goes with 'domain' only")
    }
    if fields["login"] != nil, keyFields != ["bot"] {
      throw error(at: fields["login"]!, "'login' goes with 'bot' only")
    }
    let key: IdentityMatcher.Key
    switch keyFields[0] {
    case "domain":
      let domain = try scalar(fields["domain"]!, field: "domain").lowercased()
      guard !domain.contains("@"), domain.contains(".") else {
        throw error(at: fields["domain"]!, "'domain' must be a domain such as anthropic.com")
      }
      // Every GitHub user and bot shares these domains; only the (id, login) pair identifies one.
      guard domain != "github.com", !domain.hasSuffix(".github.com") else {
        throw error(at: fields["domain"]!, "match GitHub accounts with 'bot' and 'login', not the domain")
      }
      let locals = try fields["locals"].map { try strings($0, field: "locals") } ?? []
      key = .domain(domain, locals: locals.map { $0.lowercased() })
    case "email":
      let email = try scalar(fields["email"]!, field: "email").lowercased()
      guard email.contains("@") else { throw error(at: fields["email"]!, "'email' must be an address") }
      key = .email(email)
    case "bot":
      guard let id = string(fields["bot"]!).flatMap(Int.init), id > 0 else {
        throw error(at: fields["bot"]!, "'bot' must be a GitHub account's numeric id")
      }
      guard let loginNode = fields["login"] else {
        throw error(at: node, "a 'bot' needs its 'login': ids are matched with a login, never alone")
      }
      key = .bot(id: id, logins: try strings(loginNode, field: "login"))
    default:
      key = .nameSuffix(try scalar(fields["nameSuffix"]!, field: "nameSuffix"))
    }
    var matcher = IdentityMatcher(key: key)
    matcher.name = try fields["name"].map { try regex($0, field: "name") }
    matcher.model = try fields["model"].map { try regex($0, field: "model") }
    matcher.since = try fields["since"].map(date)
    if let window = fields["mediumBetween"] {
      let dates = try sequence(window, field: "mediumBetween").map(date)
      guard dates.count == 2, dates[0] <= dates[1] else {
        throw error(at: window, "'mediumBetween' must be [from, until], two dates in order")
      }
      matcher.mediumBetween = dates
    }
    if let rolesNode = fields["roles"] {
      matcher.roles = try strings(rolesNode, field: "roles").map { raw in
        guard let role = IdentityRole(rawValue: raw) else {
          throw error(at: rolesNode, "unknown role '\(raw)' (expected author, committer, co-author)")
        }
        return role
      }
    }
    return matcher
  }

  private func trailer(_ node: Node) throws -> TrailerMatcher {
    let fields = try mapping(node, allowed: ["key", "value", "model", "since"], in: "a trailer")
    guard let keyNode = fields["key"] else { throw error(at: node, "a trailer needs a 'key'") }
    let key = try scalar(keyNode, field: "key")
    guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
      throw error(at: keyNode, "trailer key '\(key)' may hold only letters, digits and '-'")
    }
    return TrailerMatcher(
      key: key, value: try fields["value"].map { try regex($0, field: "value") },
      model: try fields["model"].map { try regex($0, field: "model") },
      since: try fields["since"].map(date))
  }

  // MARK: Typed access with line-aware errors

  private func mapping(_ node: Node, allowed: [String], in context: String) throws -> [String: Node] {
    guard let pairs = node.mapping else { throw error(at: node, "expected a mapping for \(context)") }
    var fields: [String: Node] = [:]
    for (keyNode, value) in pairs {
      guard let key = string(keyNode) else { throw error(at: keyNode, "expected a plain key") }
      guard allowed.contains(key) else {
        throw error(
          at: keyNode,
          "unknown key '\(key)' in \(context) (expected one of \(allowed.joined(separator: ", ")))")
      }
      guard fields.updateValue(value, forKey: key) == nil else {
        throw error(at: keyNode, "key '\(key)' appears twice")
      }
    }
    return fields
  }

  private func sequence(_ node: Node?, field: String) throws -> [Node] {
    guard let node else { return [] }
    guard let items = node.sequence else { throw error(at: node, "'\(field)' must be a list") }
    return Array(items)
  }

  private func scalar(_ node: Node, field: String) throws -> String {
    guard let value = string(node) else { throw error(at: node, "'\(field)' must be a single value") }
    return value
  }

  /// Accepts one value or a list, since `login: Copilot` reads better than `login: [Copilot]`.
  private func strings(_ node: Node, field: String) throws -> [String] {
    if let value = string(node) { return [value] }
    return try sequence(node, field: field).map { try scalar($0, field: field) }
  }

  private func regexes(_ node: Node, field: String) throws -> [String] {
    if string(node) != nil { return [try regex(node, field: field)] }
    return try sequence(node, field: field).map { try regex($0, field: field) }
  }

  private func regex(_ node: Node, field: String) throws -> String {
    let pattern = try scalar(node, field: field)
    guard (try? Pattern(pattern)) != nil else {
      throw error(at: node, "invalid regular expression in '\(field)': \(pattern)")
    }
    return pattern
  }

  private func date(_ node: Node) throws -> String {
    let raw = try scalar(node, field: "since")
    guard CatalogueDate.epochSeconds(raw) != nil else {
      throw error(at: node, "'since' must be a date YYYY-MM-DD, not '\(raw)'")
    }
    return raw
  }

  private func string(_ node: Node) -> String? { node.scalar?.string }

  private func error(at node: Node, _ message: String) -> CatalogueError {
    CatalogueError(file: file, line: node.mark?.line, message: message)
  }
}
