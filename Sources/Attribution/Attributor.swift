import OutcomeModel

/// Decides a change's cohort, tools and AI lines from the evidence the catalogue recognises.
///
/// Give it raw identities, exactly as recorded in the commits: never apply `.mailmap` first, because
/// mailmaps map AI identities (`GPT 5.4 <codex@openai.com>`) to the people who ran them. Use the
/// mailmap afterwards, for display and team grouping.
///
/// ```swift
/// let attributor = Attributor(catalogue: try .embedded())
/// let attribution = attributor.attribute(change, branchNames: ["claude/fix-parser-k3x9q"])
/// ```
public struct Attributor: Sendable {
  public let catalogue: SignatureCatalogue
  public let options: AttributionOptions
  let compiled: CompiledCatalogue
  let aiLabels: Set<String>
  /// Entire CLI checkpoints by id, for commits whose `Entire-Checkpoint:` trailer names one.
  public var checkpoints: [String: EntireCheckpoint] = [:]

  public init(catalogue: SignatureCatalogue, options: AttributionOptions = AttributionOptions()) {
    self.catalogue = catalogue
    self.options = options
    self.compiled = CompiledCatalogue(catalogue)
    self.aiLabels = Set(options.aiLabels.map { $0.lowercased() })
  }

  /// The marks on one commit by itself: counted evidence and tool-committed marks, without date-gated
  /// noise.
  public func evidence(for commit: CommitInfo) -> [Evidence] {
    compiled.findings(for: commit).filter(\.isRecorded).map(\.evidence).uniqued()
  }

  /// Whether one commit, by its own marks alone, is AI work (the ledger's per-commit AI flag).
  public func isAI(_ commit: CommitInfo) -> Bool {
    let findings = compiled.findings(for: commit)
    switch cohort(of: findings, authorDecides: true) {
    case .agent: return true
    case .assisted:
      return botAuthor(commit.author, evidence: findings.filter(\.isRecorded).map(\.evidence)) == nil
    case .unmarked, .bot: return false
    }
  }

  /// Whether `name` is an AI tool's catalogue id, name or alias (`Claude`, `Claude Code`, `cursor`), for
  /// records that name tools in free text.
  public func isToolName(_ name: String) -> Bool {
    compiled.toolNames.contains(name.lowercased())
  }

  /// Attributes one mainline change.
  ///
  /// - Parameters:
  ///   - notes: line attributions from git-ai notes or Agent Trace records, by commit; those of a merge's
  ///     contributing commits are used too. Pass changes with hunks for commits that have notes.
  ///   - branchNames: the change's source branches, from pull-request exports or remote refs.
  ///   - labels: its pull request's labels.
  ///   - prBody: its pull request's description.
  public func attribute(
    _ change: Change, notes: [CommitID: LineAttribution] = [:], branchNames: [String] = [],
    labels: [String] = [], prBody: String? = nil
  ) -> Attribution {
    let time = max(change.commit.author.time, change.commit.committer.time)
    var pullRequest = compiled.branchFindings(branchNames, time: time, origin: "pull request")
    pullRequest += labelFindings(labels, time: time)
    if let prBody {
      pullRequest += compiled.textFindings(
        compiled.footers + compiled.prBodies, in: prBody, folded: FoldedText(prBody), signal: .prBody,
        time: time)
    }
    let checkpoint = entireCheckpoint(of: change.commit)
    let own = compiled.findings(for: change.commit) + pullRequest + (checkpoint?.findings ?? [])
    let note = notes[change.id].flatMap { $0.isEmpty ? nil : $0 }
    let noteEvidence = note.map(noteFindings) ?? []

    if change.commit.isMerge && !change.contributing.isEmpty {
      // Read once: a branch of hundreds of commits is asked about twice (its marks, then its bots).
      let contributing = change.contributing.map { compiled.findings(for: $0.commit) }
      return markingBots(
        attributeMerge(change, own: own, ownNote: noteEvidence, notes: notes, contributing: contributing),
        change: change, own: own, contributing: contributing)
    }
    let findings = own + noteEvidence
    let cohort = cohort(of: findings, authorDecides: true)
    var result = summary(cohort: cohort, findings: findings)
    if let note {
      let lines = aiLines(of: change, note: note)
      result.aiLinesAdded = lines.count
      result.needsHunks = lines.needsHunks
      result.notesUsed = true
    } else if let agentLines = checkpoint?.checkpoint.agentLines {
      // Entire's own split: the agent's lines that remain in the commit.
      result.aiLinesAdded = min(agentLines, change.linesAdded)
      result.notesUsed = true
    } else {
      result.aiLinesAdded = cohort == .unmarked ? 0 : change.linesAdded
    }
    return markingBots(result, change: change, own: own, contributing: [])
  }

  /// `agent` when an AI identity is the author (if `authorDecides`), `assisted` on strong AI evidence
  /// or, with `acceptMedium`, on any AI evidence, else `unmarked`.
  func cohort(of findings: [Finding], authorDecides: Bool) -> Cohort {
    let ai = counted(findings)
    if authorDecides && ai.contains(where: { $0.signal == .author }) { return .agent }
    return ai.isEmpty ? .unmarked : .assisted
  }

  /// AI findings that can decide a cohort under the options: strong ones, and medium ones when accepted.
  func counted(_ findings: [Finding]) -> [Finding] {
    findings.filter { $0.isAI && ($0.strength == .strong || options.acceptMedium) }
  }

  func summary(cohort: Cohort, findings: [Finding]) -> Attribution {
    let ai = counted(findings)
    return Attribution(
      cohort: cohort, tools: Set(ai.map(\.tool)).sorted(),
      evidence: findings.filter(\.isRecorded).map(\.evidence).uniqued(),
      ignored: findings.filter { !$0.isRecorded }.map(\.ignoredEvidence).uniqued(),
      models: Set(ai.compactMap(\.model)).sorted())
  }

  /// Labels the user named count as strong; labels only the catalogue knows are medium.
  func labelFindings(_ labels: [String], time: Int64) -> [Finding] {
    labels.compactMap { label in
      let key = label.lowercased()
      let tool = compiled.labels[key]
      if aiLabels.contains(key) {
        let entry = tool.map { compiled.tools[$0] }
        return Finding(
          tool: entry?.id ?? "policy", toolClass: entry?.toolClass ?? .policy, signal: .label,
          strength: .strong,
          detail: "label: \(label) (named in the configuration)")
      }
      guard let tool else { return nil }
      return compiled.finding(tool, .label, .medium, "label: \(label)", gate: nil, time: time)
    }
  }

  /// The commit's Entire checkpoint, when its trailer names one that was read, with one finding per agent.
  func entireCheckpoint(of commit: CommitInfo) -> (checkpoint: EntireCheckpoint, findings: [Finding])? {
    guard !checkpoints.isEmpty else { return nil }
    for id in EntireCheckpoint.ids(in: commit.message) {
      guard let checkpoint = checkpoints[id] else { continue }
      let split =
        checkpoint.agentLines.map { ", \($0) agent line(s), \(checkpoint.humanLines ?? 0) human" } ?? ""
      let model = checkpoint.models.count == 1 ? checkpoint.models.first : nil
      let findings = checkpoint.agents.map { agent in
        let tool = compiled.toolID(forAlias: agent)
        return Finding(
          tool: tool, toolClass: compiled.tools.first { $0.id == tool }?.toolClass ?? .assisted,
          signal: .note,
          strength: .strong,
          detail: "checkpoint: Entire \(id) by \(agent)\(model.map { " (\($0))" } ?? "")\(split)",
          model: model)
      }
      return (checkpoint, findings)
    }
    return nil
  }

  /// One finding per tool with AI lines in the note.
  func noteFindings(_ note: LineAttribution) -> [Finding] {
    let byTool = note.aiLinesByTool
    let fileCount = note.files.values.filter { ranges in
      ranges.contains { if case .ai = $0.contributor { true } else { false } }
    }.count
    return byTool.keys.sorted().map { name in
      let id = compiled.toolID(forAlias: name)
      let toolClass = compiled.tools.first { $0.id == id }?.toolClass ?? .assisted
      let model = note.aiModels.count == 1 ? note.aiModels.first : nil
      return Finding(
        tool: id, toolClass: toolClass, signal: .note, strength: .strong,
        detail: "note: \(note.source), \(byTool[name] ?? 0) lines by \(name) in \(fileCount) file(s)",
        model: model)
    }
  }
}

extension [Evidence] {
  /// Drops repeats, keeping the first of each, so a trailer stated twice is one piece of evidence.
  func uniqued() -> [Evidence] {
    var seen: Set<Evidence> = []
    return filter { seen.insert($0).inserted }
  }
}
