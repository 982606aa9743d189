import OutcomeModel

extension Attributor {
  /// `bot` for a change that non-AI automation authored, with the evidence saying why. Automation's
  /// work stays `bot` even when an AI co-author fixed it up (a Dependabot bump with a Claude fix is
  /// still a dependency bump): the AI marks stay in `evidence` for `explain`, but count for nothing.
  /// Only an AI author (`agent`) wins. A merge is `bot` when a bot authored the merge itself or more
  /// than half of its contributing commits (a person merging a Renovate branch lands a bot's work).
  /// `contributing`: each contributing commit's own findings, in order (a merge's).
  func markingBots(
    _ result: Attribution, change: Change, own: [Finding], contributing commitFindings: [[Finding]]
  ) -> Attribution {
    guard result.cohort != .agent else { return result }
    var why = botAuthor(change.commit.author, evidence: own.filter(\.isRecorded).map(\.evidence))
    if why == nil, change.commit.isMerge, !change.contributing.isEmpty {
      let bots = zip(change.contributing, commitFindings).compactMap { contributing, findings in
        botAuthor(contributing.commit.author, evidence: findings.filter(\.isRecorded).map(\.evidence))
          .map { _ in contributing.commit }
      }
      if bots.count * 2 > change.contributing.count, let first = bots.first {
        why = Evidence(
          tool: "bot", signal: .author, strength: .strong,
          detail:
            "author: \(bots.count) of \(change.contributing.count) contributing commit(s) by automation (first: \(first.author.name) <\(first.author.email)> in \(first.id.short))"
        )
      }
    }
    guard let why else { return result }
    var result = result
    result.cohort = .bot
    result.tools = []
    result.models = []
    result.aiLinesAdded = 0
    result.needsHunks = false
    if !result.evidence.contains(why) { result.evidence.insert(why, at: 0) }
    return result
  }

  /// The evidence that the author is a bot: a catalogue `bot` identity among `evidence`, a user's
  /// pattern, or a GitHub App outside the catalogue.
  func botAuthor(_ author: Signature, evidence: [Evidence]) -> Evidence? {
    evidence.first { $0.signal == .author && compiled.botTools.contains($0.tool) } ?? botEvidence(author)
  }

  /// A user's bot pattern, or a GitHub App (`name[bot]`) that is no AI tool of the catalogue.
  func botEvidence(_ author: Signature) -> Evidence? {
    let identity = "\(author.name) <\(author.email)>"
    if let pattern = options.bots.first(where: {
      Glob.matches($0, author.email) || Glob.matches($0, identity)
    }) {
      return Evidence(
        tool: "bot", signal: .author, strength: .strong,
        detail: "author: \(identity) (declared a bot: \(pattern))")
    }
    // An AI tool's App (Devin's `devin-ai-integration[bot]`) is never a bot, by identity or by name.
    if let login = Self.gitHubAppLogin(author), !isToolName(String(login.dropLast("[bot]".count))),
      compiled.match(RawIdentity(name: author.name, email: author.email), role: .author) == nil
    {
      return Evidence(
        tool: "bot", signal: .author, strength: .strong,
        detail: "author: \(identity) (a GitHub App outside the catalogue)")
    }
    return nil
  }

  /// `dependabot[bot]` from the noreply address `<id>+dependabot[bot]@users.noreply.github.com`, or a
  /// display name ending in `[bot]`.
  static func gitHubAppLogin(_ author: Signature) -> String? {
    let email = author.email.lowercased()
    if email.hasSuffix("[bot]@users.noreply.github.com"), let plus = email.firstIndex(of: "+") {
      return String(email[email.index(after: plus)..<email.firstIndex(of: "@")!])
    }
    let name = author.name.lowercased()
    return name.hasSuffix("[bot]") && name.count > 5 && !name.contains(" ") ? name : nil
  }
}

/// Shell-style globs for bot patterns: `*` any run, `?` one character, case-insensitive.
enum Glob {
  static func matches(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern.lowercased().unicodeScalars)
    let t = Array(text.lowercased().unicodeScalars)
    var (pi, ti, star, mark) = (0, 0, -1, 0)
    while ti < t.count {
      if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
        pi += 1
        ti += 1
      } else if pi < p.count && p[pi] == "*" {
        star = pi
        mark = ti
        pi += 1
      } else if star >= 0 {
        pi = star + 1
        mark += 1
        ti = mark
      } else {
        return false
      }
    }
    while pi < p.count && p[pi] == "*" { pi += 1 }
    return pi == p.count
  }
}
