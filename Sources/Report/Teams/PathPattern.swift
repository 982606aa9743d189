/// A gitignore-style path pattern with GitHub CODEOWNERS semantics.
///
/// - A leading `/`, or a `/` anywhere but the end, anchors the pattern at the repository root;
///   otherwise it matches at any depth (`*.js`, `logs/`).
/// - A trailing `/` matches directories only (and so everything under them).
/// - `*` and `?` stay within one path segment; `**` spans any number of segments.
/// - A pattern that matches a directory matches every file under it, except when its last segment is
///   a bare `*`: GitHub documents that `docs/*` owns `docs/a.md` but not `docs/sub/b.md`.
public struct PathPattern: Hashable, Sendable {
  public let text: String
  private let segments: [String]
  private let directoryOnly: Bool
  private let expandsDirectories: Bool

  public init(_ text: String) {
    self.text = text
    var body = Substring(text)
    var anchored = false
    if body.hasPrefix("/") {
      anchored = true
      body = body.dropFirst()
    }
    directoryOnly = body.hasSuffix("/")
    while body.hasSuffix("/") { body = body.dropLast() }
    if body.contains("/") { anchored = true }
    var parts = body.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    expandsDirectories = parts.last != "*"
    if !anchored { parts.insert("**", at: 0) }
    segments = parts
  }

  /// True when `path` (repository-relative, `/`-separated, no leading slash) is covered.
  public func matches(_ path: String) -> Bool {
    let pathSegments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    guard !pathSegments.isEmpty, !segments.isEmpty else { return false }
    return match(0, pathSegments, 0)
  }

  private func match(_ p: Int, _ path: [String], _ i: Int) -> Bool {
    if p == segments.count {
      // The whole pattern matched path[0..<i]: the file itself, or a directory above it.
      if i == path.count { return !directoryOnly }
      return expandsDirectories
    }
    let segment = segments[p]
    if segment == "**" {
      for next in i...path.count where match(p + 1, path, next) { return true }
      return false
    }
    guard i < path.count, Glob.matches(segment, path[i]) else { return false }
    return match(p + 1, path, i + 1)
  }
}

/// Single-segment wildcard matching: `*` any run, `?` one character, `[...]` a class.
enum Glob {
  static func matches(_ pattern: String, _ text: String, caseInsensitive: Bool = false) -> Bool {
    let p = Array(caseInsensitive ? pattern.lowercased() : pattern)
    let t = Array(caseInsensitive ? text.lowercased() : text)
    var pi = 0
    var ti = 0
    var starP = -1
    var starT = 0
    while ti < t.count {
      if pi < p.count, p[pi] == "*" {
        starP = pi
        starT = ti
        pi += 1
      } else if pi < p.count, let width = matchOne(p, pi, t[ti]) {
        pi += width
        ti += 1
      } else if starP >= 0 {
        pi = starP + 1
        starT += 1
        ti = starT
      } else {
        return false
      }
    }
    while pi < p.count, p[pi] == "*" { pi += 1 }
    return pi == p.count
  }

  /// The pattern width consumed when `p[pi]` matches `c`, nil when it does not.
  private static func matchOne(_ p: [Character], _ pi: Int, _ c: Character) -> Int? {
    switch p[pi] {
    case "?": return 1
    case "\\" where pi + 1 < p.count: return p[pi + 1] == c ? 2 : nil
    case "[":
      guard let close = p[(pi + 1)...].firstIndex(of: "]") else { return p[pi] == c ? 1 : nil }
      var members = Array(p[(pi + 1)..<close])
      let negated = members.first == "!" || members.first == "^"
      if negated { members.removeFirst() }
      var hit = false
      var k = 0
      while k < members.count {
        if k + 2 < members.count, members[k + 1] == "-" {
          if members[k] <= c && c <= members[k + 2] { hit = true }
          k += 3
        } else {
          if members[k] == c { hit = true }
          k += 1
        }
      }
      return hit != negated ? close - pi + 1 : nil
    default: return p[pi] == c ? 1 : nil
    }
  }
}
