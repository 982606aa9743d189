/// A parsed `.mailmap`: maps the identities recorded in commits to one canonical identity per person.
///
/// Applied only after AI classification (a mailmap can map an AI identity to its human maintainer), to
/// merge a person's identities for pseudonyms, team mapping and the self-check. Matching follows git:
/// emails and names compare case-insensitively, and an entry with a commit name is more specific.
public struct Mailmap: Sendable, Hashable {
  struct Key: Hashable, Sendable {
    var email: String
    var name: String?
  }

  struct Replacement: Hashable, Sendable {
    var name: String?
    var email: String?
  }

  private var entries: [Key: Replacement] = [:]

  public init() {}

  /// Parses mailmap text; lines that are not entries (comments, blanks, junk) are ignored as git does.
  public init(parsing text: String) {
    for rawLine in text.split(whereSeparator: \.isNewline) {
      var line = Substring(rawLine)
      if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
      var parts: [(name: String?, email: String)] = []
      var rest = line
      while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
        let name = rest[..<open].trimmingCharacters(in: " \t")
        let email = String(rest[rest.index(after: open)..<close])
        parts.append((name.isEmpty ? nil : name, email))
        rest = rest[rest.index(after: close)...]
      }
      switch parts.count {
      case 1:
        guard let name = parts[0].name else { continue }
        entries[Key(email: parts[0].email.lowercased(), name: nil), default: Replacement()].name = name
      case 2:
        let proper = parts[0]
        let commit = parts[1]
        let key = Key(email: commit.email.lowercased(), name: commit.name?.lowercased())
        entries[key] = Replacement(name: proper.name, email: proper.email)
      default:
        continue
      }
    }
  }

  public var isEmpty: Bool { entries.isEmpty }

  /// The canonical name and email for an identity as recorded in a commit.
  public func resolve(name: String, email: String) -> (name: String, email: String) {
    let lowerEmail = email.lowercased()
    let replacement =
      entries[Key(email: lowerEmail, name: name.lowercased())] ?? entries[Key(email: lowerEmail, name: nil)]
    guard let replacement else { return (name, email) }
    return (replacement.name ?? name, replacement.email ?? email)
  }
}

extension StringProtocol {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var scalars = Substring(self)
    while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
    while let last = scalars.last, set.contains(last) { scalars.removeLast() }
    return String(scalars)
  }
}
