import Foundation

/// Which files count in line metrics: `--include` / `--exclude` globs over repository paths.
///
/// Globs follow gitignore's shape: `*` stays within a path segment, `**` crosses segments, and a pattern
/// without a slash matches the file name in any folder.
public struct PathFilter: Sendable, Hashable {
  public var include: [String]
  public var exclude: [String]

  /// Vendored, generated and lock files: they say nothing about the work people did.
  public static let defaultExcludes = [
    "vendor/**", "third_party/**", "third-party/**", "node_modules/**", "Pods/**", "Carthage/**",
    "dist/**", "build/**", ".build/**",
    "*.lock", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "Package.resolved", "go.sum", "Cargo.lock",
    "Gemfile.lock", "poetry.lock", "composer.lock", "*.min.js", "*.min.css", "*.map", "*.pb.go", "*_pb2.py",
    "*.pb.swift", "*.generated.*", "*_generated.*",
  ]

  /// The defaults: everything except `defaultExcludes`.
  public static let standard = PathFilter(include: [], exclude: defaultExcludes)
  /// Every file, for comparisons with plain `git blame`.
  public static let everything = PathFilter(include: [], exclude: [])

  public init(include: [String], exclude: [String]) {
    self.include = include
    self.exclude = exclude
  }

  public func includes(_ path: String) -> Bool {
    if !include.isEmpty, !include.contains(where: { Glob.matches($0, path) }) { return false }
    return !exclude.contains { Glob.matches($0, path) }
  }
}

/// A filter's answers, remembered: the same paths come back commit after commit, on several threads.
public final class PathDecisions: @unchecked Sendable {
  private let filter: PathFilter
  private let lock = NSLock()
  private var answers: [String: Bool] = [:]

  public init(_ filter: PathFilter) { self.filter = filter }

  public func includes(_ path: String) -> Bool {
    lock.lock()
    let known = answers[path]
    lock.unlock()
    if let known { return known }
    let answer = filter.includes(path)
    lock.lock()
    answers[path] = answer
    lock.unlock()
    return answer
  }
}

/// gitignore-shaped glob matching over `/`-separated paths.
enum Glob {
  static func matches(_ pattern: String, _ path: String) -> Bool {
    var pattern = Substring(pattern)
    if pattern.hasPrefix("/") {
      pattern = pattern.dropFirst()
    } else if !pattern.contains("/") {
      // No slash: the pattern names a file or folder at any depth.
      let segments = path.split(separator: "/")
      return segments.contains { match(Array(pattern.utf8), 0, Array($0.utf8), 0) }
    }
    if pattern.hasSuffix("/**") {
      let folder = pattern.dropLast(3)
      return matchPath(Array(folder.utf8), Array(path.utf8), prefixOnly: true)
    }
    return matchPath(Array(pattern.utf8), Array(path.utf8), prefixOnly: false)
  }

  /// Matches a whole path (or, with `prefixOnly`, a leading run of whole segments).
  private static func matchPath(_ p: [UInt8], _ s: [UInt8], prefixOnly: Bool) -> Bool {
    if prefixOnly {
      var end = 0
      while end <= s.count {
        if end == s.count || s[end] == UInt8(ascii: "/") {
          if match(p, 0, Array(s[0..<end]), 0) { return true }
        }
        end += 1
      }
      return false
    }
    return match(p, 0, s, 0)
  }

  /// Recursive matcher: `**` matches across `/`, `*` and `?` do not.
  private static func match(_ p: [UInt8], _ pi: Int, _ s: [UInt8], _ si: Int) -> Bool {
    if pi == p.count { return si == s.count }
    let c = p[pi]
    if c == UInt8(ascii: "*") {
      if pi + 1 < p.count, p[pi + 1] == UInt8(ascii: "*") {
        var next = pi + 2
        if next < p.count, p[next] == UInt8(ascii: "/") { next += 1 }
        var k = si
        while k <= s.count {
          if match(p, next, s, k) { return true }
          k += 1
        }
        return false
      }
      var k = si
      while true {
        if match(p, pi + 1, s, k) { return true }
        if k == s.count || s[k] == UInt8(ascii: "/") { return false }
        k += 1
      }
    }
    guard si < s.count else { return false }
    if c == UInt8(ascii: "?") {
      return s[si] != UInt8(ascii: "/") && match(p, pi + 1, s, si + 1)
    }
    return c == s[si] && match(p, pi + 1, s, si + 1)
  }
}
