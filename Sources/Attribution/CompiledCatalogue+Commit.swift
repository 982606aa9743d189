import OutcomeModel

extension CompiledCatalogue {
  /// Every mark on one commit: identities, every `Key: value` line of the whole message (not only the
  /// final trailer block, since squash merges stack several), footers and links, the subject, and the
  /// branch named by a merge subject.
  ///
  /// Identities must be raw, as recorded in the commit: a `.mailmap` can map an AI identity to a person.
  func findings(for commit: CommitInfo) -> [Finding] {
    let time = max(commit.author.time, commit.committer.time)
    var found: [Finding] = []

    let author = RawIdentity(name: commit.author.name, email: commit.author.email)
    if let match = match(author, role: .author) {
      let (strength, window) = identityStrength(match.rule, time: time)
      found.append(
        finding(
          match.rule.tool, .author, strength, "author: \(author.name) <\(author.email)>\(window)",
          model: match.model, gate: match.rule.since, time: time))
    }
    // An identical committer adds nothing; a different one is a separate mark (Aider's committer-only
    // suffix is exactly this case).
    if commit.committer.name != commit.author.name || commit.committer.email != commit.author.email {
      let committer = RawIdentity(name: commit.committer.name, email: commit.committer.email)
      // A bot committing someone's change says nothing about who wrote it.
      if let match = match(committer, role: .committer), tools[match.rule.tool].toolClass != .bot {
        let toolCommitted = !tools[match.rule.tool].toolClass.countsAsAI
        found.append(
          finding(
            match.rule.tool, .committer, toolCommitted ? .medium : .strong,
            "committer: \(committer.name) <\(committer.email)>"
              + (toolCommitted ? ", committing the author's own edits: not AI evidence" : ""),
            model: match.model, gate: match.rule.since, time: time))
      }
    }

    let lines = MessageLines.of(commit.message)
    let subject = String(lines[0])
    if commit.isMerge || subject.starts(with: "Merge ") {
      found += branchFindings(
        BranchName.fromMergeSubject(lines[0]).map { [$0] } ?? [], time: time, origin: "merge subject")
    }
    // Only needed to spot trailers that libgit2 unfolded and the line scan therefore missed.
    var seenLines: Set<String> = []
    for line in lines {
      guard let (key, value) = TrailerLine.parse(line) else { continue }
      if !commit.trailers.isEmpty { seenLines.insert(TrailerLine.normalized(key: key, value: value)) }
      found += trailerFindings(key: key, value: value, line: line, time: time)
    }
    for trailer in commit.trailers
    where !seenLines.contains(
      TrailerLine.normalized(key: Substring(trailer.key), value: Substring(trailer.value)))
    {
      found += trailerFindings(
        key: Substring(trailer.key), value: Substring(trailer.value),
        line: Substring("\(trailer.key): \(trailer.value)"), time: time)
    }

    let folded = FoldedText(commit.message)
    for rule in subjects where rule.pattern.mayMatch(folded) && rule.pattern.matches(subject) {
      found.append(finding(rule.tool, .subject, .strong, "subject: \(subject)", gate: nil, time: time))
    }
    found += textFindings(footers, in: commit.message, folded: folded, signal: .footer, time: time)
    return found.cancellingPrefixesOfToolCommittedEdits()
  }

  /// Marks in one `Key: value` line: an identity for co-author keys, else the catalogue's trailer rules.
  func trailerFindings(key: Substring, value: Substring, line: Substring, time: Int64) -> [Finding] {
    let lowerKey = key.lowercased()
    if coauthorKeys.contains(lowerKey), let identity = RawIdentity(parsing: value) {
      // A `Name <email>` value is a person unless the address is a tool's: never fall through to
      // key-only rules, or `Assisted-by: Jane <jane@example.com>` would count as AI.
      guard let match = match(identity, role: .coAuthor), tools[match.rule.tool].toolClass != .bot else {
        return []
      }
      let (strength, window) = identityStrength(match.rule, time: time)
      return [
        finding(
          match.rule.tool, .trailer, strength, "co-author: \(line)\(window)", model: match.model,
          gate: match.rule.since, time: time)
      ]
    }
    guard let rules = trailers[lowerKey], !value.isEmpty else { return [] }
    let text = String(value)
    var found: [Finding] = []
    for rule in rules where rule.value?.matches(text) ?? true {
      let model = rule.model.flatMap { $0.firstMatch(in: text)?.capture }.flatMap { $0.isEmpty ? nil : $0 }
      found.append(
        finding(rule.tool, .trailer, .strong, "trailer: \(line)", model: model, gate: rule.since, time: time))
    }
    return found
  }

  /// Medium inside the identity's `mediumBetween` window, with the reason for the evidence's detail.
  func identityStrength(_ rule: Identity, time: Int64) -> (Strength, String) {
    guard let window = rule.medium, time >= window.from, time < window.until else { return (.strong, "") }
    return (.medium, " (medium: dated \(window.text), when this mark was also written without AI)")
  }

  /// The first matching line of each pattern, quoted whole.
  func textFindings(_ rules: [Text], in text: String, folded: FoldedText, signal: SignalKind, time: Int64)
    -> [Finding]
  {
    var found: [Finding] = []
    for rule in rules where rule.pattern.mayMatch(folded) {
      guard let line = rule.pattern.firstMatchingLine(in: text) else { continue }
      found.append(finding(rule.tool, signal, .strong, "\(signal.rawValue): \(line)", gate: nil, time: time))
    }
    return found
  }

  /// Branch prefixes are weak: a `codex/` branch can be about Codex rather than made by it.
  func branchFindings(_ names: [String], time: Int64, origin: String) -> [Finding] {
    var found: [Finding] = []
    for name in names {
      let lower = name.lowercased()
      for branch in branches where lower.hasPrefix(branch.prefix) {
        found.append(
          finding(
            branch.tool, .branch, .medium, "branch: \(name) (from the \(origin))", gate: nil, time: time))
      }
    }
    return found
  }

  func finding(
    _ tool: Int, _ signal: SignalKind, _ strength: Strength, _ detail: String, model: String? = nil,
    gate: Gate?, time: Int64
  ) -> Finding {
    let entry = tools[tool]
    var finding = Finding(
      tool: entry.id, toolClass: entry.toolClass, signal: signal, strength: strength, detail: detail,
      model: model,
      humanEditsOf: entry.humanEditsOf)
    if let gate = gate ?? entry.since, time < gate.seconds {
      finding.ignoredBecause = "the commit is dated before \(entry.id) existed (\(gate.text))"
    }
    return finding
  }
}
