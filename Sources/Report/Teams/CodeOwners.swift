/// A parsed CODEOWNERS file, reduced to what team reports need: which team owns a path.
///
/// Only team owners (`@org/team`) name teams; personal owners (`@user`, emails) are ignored because a
/// team report must not group changes by person. As on GitHub, the last matching rule wins, and a
/// matching rule with no team owner leaves the path without a team.
public struct CodeOwners: Sendable, Hashable {
  /// One rule: a pattern and the teams it names (`org/team`, without the `@`).
  public struct Rule: Sendable, Hashable {
    public var pattern: PathPattern
    public var teams: [String]
    /// 1-based line in the file, for messages.
    public var line: Int
  }

  public var rules: [Rule]

  /// Where GitHub looks, in the order it looks: the first file found is the only one used.
  public static let candidatePaths = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"]

  public init(parsing text: String) {
    var rules: [Rule] = []
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let tokens = Self.tokens(rawLine)
      guard let first = tokens.first else { continue }
      let teams = tokens.dropFirst().filter { $0.hasPrefix("@") && $0.contains("/") }.map {
        String($0.dropFirst())
      }
      rules.append(Rule(pattern: PathPattern(first), teams: teams, line: index + 1))
    }
    self.rules = rules
  }

  /// Teams owning `path` by the last matching rule; empty when no rule matches or it names no team.
  public func teams(for path: String) -> [String] {
    for rule in rules.reversed() where rule.pattern.matches(path) { return rule.teams }
    return []
  }

  /// Whitespace-separated tokens up to an unescaped `#`; `\ ` keeps a space inside a pattern.
  private static func tokens(_ line: Substring) -> [String] {
    var tokens: [String] = []
    var current = ""
    var escaped = false
    for c in line {
      if escaped {
        current.append(c)
        escaped = false
      } else if c == "\\" {
        escaped = true
      } else if c == "#" {
        break
      } else if c == " " || c == "\t" || c == "\r" {
        if !current.isEmpty { tokens.append(current) }
        current = ""
      } else {
        current.append(c)
      }
    }
    if !current.isEmpty { tokens.append(current) }
    return tokens
  }
}
