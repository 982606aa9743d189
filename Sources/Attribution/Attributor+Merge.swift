import OutcomeModel

extension Attributor {
  /// A merge change: its evidence is the union of its own (message, pull request) and its contributing
  /// commits'; it is `agent` when AI identities authored most contributing commits; its AI lines are
  /// an estimate (see the module README).
  /// `contributing`: each contributing commit's own findings, in order.
  func attributeMerge(
    _ change: Change, own: [Finding], ownNote: [Finding], notes: [CommitID: LineAttribution],
    contributing commitFindings: [[Finding]]
  ) -> Attribution {
    var contributed: [(commit: ContributingCommit, findings: [Finding], note: LineAttribution?)] = []
    for (contributing, marks) in zip(change.contributing, commitFindings) {
      let note = notes[contributing.commit.id].flatMap { $0.isEmpty ? nil : $0 }
      let findings = marks + (note.map(noteFindings) ?? [])
      contributed.append((contributing, findings, note))
    }

    let aiAuthored = contributed.filter { entry in
      entry.findings.contains { $0.isAI && $0.signal == .author }
    }.count
    let union = own + ownNote + contributed.flatMap(\.findings)
    let cohort: Cohort =
      aiAuthored * 2 > contributed.count ? .agent : cohort(of: union, authorDecides: false)

    var result = summary(cohort: .unmarked, findings: own + ownNote)
    let merged = collapse(contributed.map { ($0.commit.commit.id, $0.findings) })
    let all = summary(cohort: cohort, findings: union)
    result.cohort = cohort
    result.tools = all.tools
    result.models = all.models
    result.evidence = (result.evidence + merged.evidence).uniqued()
    result.ignored = (result.ignored + merged.ignored).uniqued()
    result.notesUsed = contributed.contains { $0.note != nil }

    guard cohort != .unmarked else { return result }
    // Evidence about the merge itself (its message, its pull request) covers the whole branch.
    if self.cohort(of: own, authorDecides: false) != .unmarked {
      result.aiLinesAdded = change.linesAdded
      return result
    }
    let share = aiShare(
      contributed.map { entry in
        let attributed = self.cohort(of: entry.findings, authorDecides: true) != .unmarked
        let noteLines = entry.note.map { note in min(note.aiLineCount, entry.commit.linesAdded ?? .max) }
        return (entry.commit.linesAdded, attributed, noteLines)
      })
    result.aiLinesAdded = Int((Double(change.linesAdded) * share).rounded())
    return result
  }

  /// The share of AI lines among the contributing commits' added lines when every commit's count is
  /// known, else the share of AI-attributed commits. A note's AI line count replaces the all-or-nothing
  /// guess for its commit.
  func aiShare(_ commits: [(linesAdded: Int?, attributed: Bool, noteLines: Int?)]) -> Double {
    guard !commits.isEmpty else { return 0 }
    let counts = commits.compactMap(\.linesAdded)
    let total = counts.reduce(0, +)
    if counts.count == commits.count && total > 0 {
      let ai = commits.reduce(0) { sum, commit in
        sum + (commit.noteLines ?? (commit.attributed ? commit.linesAdded ?? 0 : 0))
      }
      return Double(ai) / Double(total)
    }
    let attributed = commits.filter { $0.noteLines.map { $0 > 0 } ?? $0.attributed }.count
    return Double(attributed) / Double(commits.count)
  }

  /// Contributing commits' evidence, one entry per distinct mark naming the commits it was seen on, so a
  /// branch of fifty Claude commits shows one trailer line, not fifty.
  func collapse(_ commits: [(id: CommitID, findings: [Finding])]) -> (
    evidence: [Evidence], ignored: [Evidence]
  ) {
    var order: [Evidence] = []
    var seenOn: [Evidence: [CommitID]] = [:]
    for (id, findings) in commits {
      for finding in findings {
        let evidence = finding.isRecorded ? finding.evidence : finding.ignoredEvidence
        if seenOn[evidence] == nil { order.append(evidence) }
        if seenOn[evidence, default: []].last != id { seenOn[evidence, default: []].append(id) }
      }
    }
    var recorded: [Evidence] = []
    var ignored: [Evidence] = []
    let ignoredSet = Set(commits.flatMap { $0.findings.filter { !$0.isRecorded }.map(\.ignoredEvidence) })
    for evidence in order {
      let ids = seenOn[evidence] ?? []
      var entry = evidence
      let first = ids.first?.short ?? ""
      entry.detail += ids.count > 1 ? " (in \(first) and \(ids.count - 1) more)" : " (in \(first))"
      if ignoredSet.contains(evidence) { ignored.append(entry) } else { recorded.append(entry) }
    }
    return (recorded, ignored)
  }
}
