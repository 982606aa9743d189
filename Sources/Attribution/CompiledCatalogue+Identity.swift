import Foundation

/// An identity as written in a commit or trailer: `Display Name <email>`.
struct RawIdentity {
  var name: String
  var email: String

  /// Parses `Name <email>`; nil when there is no bracketed address with an `@`.
  init?(parsing value: Substring) {
    guard let open = value.lastIndex(of: "<"), let close = value[open...].firstIndex(of: ">") else {
      return nil
    }
    let email = value[value.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
    guard email.contains("@") else { return nil }
    self.name = value[..<open].trimmingCharacters(in: .whitespaces)
    self.email = email
  }

  init(name: String, email: String) {
    self.name = name
    self.email = email
  }
}

/// The identity matcher that accepted an identity, and the model read from its display name.
struct IdentityMatch {
  let rule: CompiledCatalogue.Identity
  let model: String?
}

extension CompiledCatalogue {
  /// The first matcher in catalogue order that accepts `identity` in `role`.
  func match(_ identity: RawIdentity, role: IdentityRole) -> IdentityMatch? {
    let email = identity.email.lowercased()
    guard let at = email.lastIndex(of: "@") else { return nil }
    let local = email[..<at]
    let domain = email[email.index(after: at)...]

    var best: CompiledCatalogue.Identity?
    func consider(_ indices: [Int]?, _ accepts: (CompiledCatalogue.Identity) -> Bool) {
      for index in indices ?? [] {
        let rule = identities[index]
        guard best.map({ rule.order < $0.order }) ?? true, rule.roles.isEmpty || rule.roles.contains(role),
          accepts(rule), rule.name?.matches(identity.name) ?? true
        else { continue }
        best = rule
      }
    }

    consider(byEmail[email]) { _ in true }
    // The domain itself and each parent domain, so `mail.example.com` finds `example.com`.
    var suffix = Substring(domain)
    while suffix.contains(".") {
      consider(byDomain[String(suffix)]) { rule in
        guard case .domain(_, let locals) = rule.key else { return false }
        return locals.isEmpty || locals.contains(String(local))
      }
      guard let dot = suffix.firstIndex(of: ".") else { break }
      suffix = suffix[suffix.index(after: dot)...]
    }
    if domain == "users.noreply.github.com", let plus = local.firstIndex(of: "+"),
      let id = Int(local[..<plus])
    {
      let login = String(local[local.index(after: plus)...])
      consider(byBotID[id]) { rule in
        guard case .bot(_, let logins) = rule.key else { return false }
        return logins.contains(login)
      }
    }
    if !bySuffix.isEmpty {
      let name = identity.name.lowercased()
      consider(bySuffix) { rule in
        guard case .nameSuffix(let suffix) = rule.key else { return false }
        return name.hasSuffix(suffix)
      }
    }

    guard let best else { return nil }
    let model = best.model.flatMap { $0.firstMatch(in: identity.name)?.capture }
    return IdentityMatch(rule: best, model: model.flatMap { $0.isEmpty ? nil : $0 })
  }
}
