/// How much of the work a tool's mark implies, as in the catalogue's `class` field.
public enum ToolClass: String, Sendable, Hashable, Codable, CaseIterable {
  case agent, assisted, autofix, policy
  case reviewSuggestion = "review-suggestion"
  /// The tool only committed the person's own edits (Aider's committer-only `(aider)`).
  case toolCommitted = "tool-committed"
  /// Non-AI automation (Dependabot, Renovate, release bots): its changes form cohort `bot`.
  case bot

  /// Marks of every class except `tool-committed` and `bot` are AI evidence.
  public var countsAsAI: Bool { self != .toolCommitted && self != .bot }
}

/// Where an identity appears on a commit.
public enum IdentityRole: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case author, committer
  case coAuthor = "co-author"

  public static func < (lhs: IdentityRole, rhs: IdentityRole) -> Bool { lhs.order < rhs.order }

  private var order: Int {
    switch self {
    case .author: 0
    case .committer: 1
    case .coAuthor: 2
    }
  }
}

/// One way to recognise a tool's identity in an author, committer or co-author trailer.
public struct IdentityMatcher: Sendable, Hashable, Codable {
  /// The stable part of the identity that is compared; never a bare display name.
  public enum Key: Sendable, Hashable, Codable {
    /// The email's domain or a subdomain of it; when `locals` is not empty, only those mailboxes.
    case domain(String, locals: [String])
    /// One exact address, compared case-insensitively.
    case email(String)
    /// A GitHub account by its permanent numeric id and one of its logins, as in
    /// `<id>+<login>@users.noreply.github.com`; both must match.
    case bot(id: Int, logins: [String])
    /// A suffix of the display name, such as Aider's `(aider)`.
    case nameSuffix(String)
  }

  public var key: Key
  /// A regular expression the display name must also match.
  public var name: String?
  /// The roles this matcher applies to; empty means all.
  public var roles: [IdentityRole]
  /// A regular expression whose first group (or whole match) in the display name is the model.
  public var model: String?
  /// `YYYY-MM-DD`; overrides the tool's date gate for this matcher.
  public var since: String?
  /// `[from, until]` (`YYYY-MM-DD`, both days included): on commits dated inside, the identity is only
  /// medium evidence, because something wrote it then without AI too (VS Code's default Copilot
  /// co-author of April 2026).
  public var mediumBetween: [String]?

  public init(
    key: Key, name: String? = nil, roles: [IdentityRole] = [], model: String? = nil, since: String? = nil,
    mediumBetween: [String]? = nil
  ) {
    self.key = key
    self.name = name
    self.roles = roles
    self.model = model
    self.since = since
    self.mediumBetween = mediumBetween
  }
}

/// A `Key: value` line in a commit message that marks a tool.
public struct TrailerMatcher: Sendable, Hashable, Codable {
  /// Compared case-insensitively (`Generated-by` and `Generated-By` are one key).
  public var key: String
  /// A regular expression the value must match; nil accepts any non-empty value.
  public var value: String?
  /// A regular expression whose first group (or whole match) in the value is the model.
  public var model: String?
  public var since: String?

  public init(key: String, value: String? = nil, model: String? = nil, since: String? = nil) {
    self.key = key
    self.value = value
    self.model = model
    self.since = since
  }
}

/// Everything the catalogue knows about one tool's marks.
public struct ToolSignature: Sendable, Hashable, Codable {
  /// The id written into evidence, e.g. `claude-code`.
  public var id: String
  public var name: String
  public var toolClass: ToolClass
  /// `YYYY-MM-DD`: a mark on a commit dated before this is noise and is not counted.
  public var since: String?
  /// Names git-ai notes (`agent_id.tool`) and Agent Trace records (`tool.name`) use for this tool.
  public var aliases: [String]
  /// For `tool-committed` entries: the tool whose subject prefixes on the same commit are not AI marks,
  /// because that tool writes them on every commit it makes, the person's own edits included.
  public var humanEditsOf: String?
  public var identities: [IdentityMatcher]
  public var trailers: [TrailerMatcher]
  /// Regular expressions for message lines (footers, session links); also applied to PR bodies.
  public var footers: [String]
  /// Regular expressions for the first line of the message.
  public var subjects: [String]
  /// Regular expressions for pull-request bodies only.
  public var prBody: [String]
  /// Branch-name prefixes such as `claude/` (medium evidence).
  public var branches: [String]
  /// Pull-request labels (medium evidence).
  public var labels: [String]

  public init(
    id: String, name: String, toolClass: ToolClass, since: String? = nil, aliases: [String] = [],
    humanEditsOf: String? = nil, identities: [IdentityMatcher] = [], trailers: [TrailerMatcher] = [],
    footers: [String] = [], subjects: [String] = [], prBody: [String] = [], branches: [String] = [],
    labels: [String] = []
  ) {
    self.id = id
    self.name = name
    self.toolClass = toolClass
    self.since = since
    self.aliases = aliases
    self.humanEditsOf = humanEditsOf
    self.identities = identities
    self.trailers = trailers
    self.footers = footers
    self.subjects = subjects
    self.prBody = prBody
    self.branches = branches
    self.labels = labels
  }
}
