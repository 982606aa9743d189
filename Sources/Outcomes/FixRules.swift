import OutcomeModel

/// Which mainline changes fix bugs, and on what evidence (strongest first).
public struct FixRules: Sendable {
  /// Regular expressions over the subject; the default matches `fix:`, `fix(scope):`, `Fix …`, `bugfix`,
  /// `hotfix`. Keyword matching is noisy, so it is the last resort.
  public var subjectPatterns: [String]

  public static let defaultSubjectPatterns = [#"(?i)^(fix|fixes|fixed|bugfix|hotfix)(\(.*\))?!?[:\s]"#]

  /// Compiled once: rules run on every commit of the history.
  private let compiled: CompiledPatterns

  public init(subjectPatterns: [String] = FixRules.defaultSubjectPatterns) {
    self.subjectPatterns = subjectPatterns
    compiled = CompiledPatterns(subjectPatterns.compactMap { try? Regex($0) })
  }

  /// Checks that every pattern compiles; the message names the bad one.
  public func validate() throws(FixPatternError) {
    for pattern in subjectPatterns {
      do { _ = try Regex(pattern) } catch { throw FixPatternError(pattern: pattern, reason: "\(error)") }
    }
  }

  /// How a change was recognised as a fix, if it was.
  public enum Kind: String, Sendable {
    case fixesTrailer = "fixes-trailer"
    case bugIssue = "bug-issue"
    case message
  }

  /// The shas named by `Fixes:` trailers (Linux style, `Fixes: 1234abcd5678 ("subject")`).
  nonisolated(unsafe) static let leadingSha = #/^\s*([0-9a-fA-F]{7,40})\b/#

  public static func fixesTrailerShas(_ change: MainlineSummary) -> [String] {
    change.trailers.filter { $0.key.lowercased() == "fixes" }.compactMap { trailer in
      trailer.value.firstMatch(of: leadingSha).map { String($0.1) }
    }
  }

  public func kind(of change: MainlineSummary, linkedToBug: Bool = false) -> Kind? {
    if !Self.fixesTrailerShas(change).isEmpty { return .fixesTrailer }
    if linkedToBug { return .bugIssue }
    if change.subject.hasPrefix("Revert \"") { return nil }
    for regex in compiled.regexes where change.subject.firstMatch(of: regex) != nil {
      return .message
    }
    return nil
  }
}

/// A `--fix-pattern` that is not a valid regular expression.
public struct FixPatternError: Error, CustomStringConvertible {
  public var pattern: String
  public var reason: String
  public var description: String { "--fix-pattern \(pattern): not a valid regular expression (\(reason))" }
}

/// Regex values are immutable once built; the box only exists so `FixRules` can be `Sendable`.
private final class CompiledPatterns: @unchecked Sendable {
  let regexes: [Regex<AnyRegexOutput>]
  init(_ regexes: [Regex<AnyRegexOutput>]) { self.regexes = regexes }
}
