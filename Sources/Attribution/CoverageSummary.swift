import OutcomeModel

/// What attribution saw over a history, so a user sees what the catalogue misses in theirs: changes per
/// cohort, changes carrying each kind of evidence, notes used, and the `*-by:` trailer keys and `[bot]`
/// identities the catalogue does not know, most frequent first.
public struct CoverageSummary: Sendable, Hashable {
  public var changes = 0
  public var cohorts: [Cohort: Int] = [:]
  /// Changes carrying at least one piece of evidence of this kind, by `signal strength` (`trailer
  /// strong`), counted or not (medium marks without `--accept medium`, bot identities).
  public var evidenceKinds: [String: Int] = [:]
  /// Changes whose AI lines came from a git-ai note or an Agent Trace record.
  public var notesUsed = 0
  /// `*-by:` trailer keys the catalogue does not read, by changes carrying them; the usual human
  /// sign-offs (`Signed-off-by`, `Reviewed-by`, …) are left out.
  public var unknownByKeys: [String: Int] = [:]
  /// `name[bot]` identities (author, committer or co-author) no catalogue entry matches, by changes.
  public var unknownBots: [String: Int] = [:]

  public init() {}

  /// Keys people write on their own work under every project's rules: not where AI marks hide.
  static let humanByKeys: Set<String> = [
    "signed-off-by", "reviewed-by", "acked-by", "tested-by", "reported-by", "suggested-by", "requested-by",
    "approved-by", "helped-by", "cc-by", "mentored-by", "fixed-by", "found-by", "bisected-by",
  ]

  /// The most frequent entries, as `key n` pairs, ties by key.
  public static func top(_ counts: [String: Int], _ limit: Int = 10) -> [(String, Int)] {
    Array(counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit))
  }
}

extension Attributor {
  /// Adds one attributed change to `summary`.
  public func record(_ change: Change, _ attribution: Attribution, into summary: inout CoverageSummary) {
    summary.changes += 1
    summary.cohorts[attribution.cohort, default: 0] += 1
    for kind in Set(attribution.evidence.map { "\($0.signal.rawValue) \($0.strength.rawValue)" }) {
      summary.evidenceKinds[kind, default: 0] += 1
    }
    if attribution.notesUsed { summary.notesUsed += 1 }

    let commit = change.commit
    var keys: Set<String> = []
    var bots: Set<String> = []
    for line in MessageLines.of(commit.message) {
      guard let (key, value) = TrailerLine.parse(line) else { continue }
      let lower = key.lowercased()
      if lower.hasSuffix("-by"), !CoverageSummary.humanByKeys.contains(lower),
        !compiled.coauthorKeys.contains(lower), compiled.trailers[lower] == nil
      {
        keys.insert(String(key))
      }
      if compiled.coauthorKeys.contains(lower), let identity = RawIdentity(parsing: value),
        compiled.match(identity, role: .coAuthor) == nil,
        let login = Self.gitHubAppLogin(
          Signature(name: identity.name, email: identity.email, time: 0, offsetMinutes: 0))
      {
        bots.insert(login)
      }
    }
    for (signature, role) in [(commit.author, IdentityRole.author), (commit.committer, .committer)] {
      guard let login = Self.gitHubAppLogin(signature),
        compiled.match(RawIdentity(name: signature.name, email: signature.email), role: role) == nil
      else { continue }
      bots.insert(login)
    }
    for key in keys { summary.unknownByKeys[key, default: 0] += 1 }
    for login in bots { summary.unknownBots[login, default: 0] += 1 }
  }
}
