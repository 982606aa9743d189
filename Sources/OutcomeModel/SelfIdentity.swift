import Foundation

/// Who "you" are for `outcomes self`: the addresses you gave and those the mailmap merges them into.
///
/// Two addresses the `.mailmap` maps to one person count as one person, as `git shortlog -e` would
/// show them; an address the mailmap does not know counts as itself.
public struct SelfIdentity: Sendable, Hashable {
  /// Lower-cased addresses as given (`git config user.email`, then `--me`), without repeats.
  public let given: [String]
  /// Lower-cased canonical addresses; a change is yours when its author resolves to one of them.
  public let canonical: Set<String>

  /// `name` is `git config user.name`: mailmap entries may be keyed by name and address together.
  public init(emails: [String], name: String?, mailmap: Mailmap) {
    var seen = Set<String>()
    given = emails.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
      .filter { !$0.isEmpty && seen.insert($0).inserted }
    var canonical = Set(given)
    for email in given {
      canonical.insert(mailmap.resolve(name: "", email: email).email.lowercased())
      if let name { canonical.insert(mailmap.resolve(name: name, email: email).email.lowercased()) }
    }
    self.canonical = canonical
  }

  public var isEmpty: Bool { given.isEmpty }

  /// Whether a commit identity, as recorded, is you once the mailmap has merged identities.
  public func owns(_ signature: Signature, mailmap: Mailmap) -> Bool {
    owns(resolvedEmail: mailmap.resolve(name: signature.name, email: signature.email).email)
  }

  /// Whether an already mailmap-resolved address is one of yours.
  public func owns(resolvedEmail email: String) -> Bool {
    canonical.contains(email.trimmingCharacters(in: .whitespaces).lowercased())
  }
}
