import OutcomeModel

/// One observed mark with what `Evidence` does not carry: the tool's class, the model, and whether
/// (and why) it is left out of the cohort decision.
struct Finding: Hashable, Sendable {
  var tool: String
  var toolClass: ToolClass
  var signal: SignalKind
  var strength: Strength
  var detail: String
  var model: String?
  /// Set when the mark is noise: dated before its tool existed, or a prefix the tool writes on the
  /// person's own edits too.
  var ignoredBecause: String?
  /// For tool-committed marks: the tool whose subject prefixes this cancels.
  var humanEditsOf: String?

  /// Counts towards the cohort and the tools list.
  var isAI: Bool { ignoredBecause == nil && toolClass.countsAsAI }

  /// Shown as evidence: AI marks and the tool-committed marks kept for explanation.
  var isRecorded: Bool { ignoredBecause == nil }

  var evidence: Evidence {
    Evidence(tool: tool, signal: signal, strength: strength, detail: detail)
  }

  var ignoredEvidence: Evidence {
    Evidence(
      tool: tool, signal: signal, strength: strength,
      detail: ignoredBecause.map { "\(detail) (not counted: \($0))" } ?? detail)
  }
}

extension [Finding] {
  /// Aider in its committer-attribution mode prefixes every commit it makes, the person's own edits
  /// included, so beside a committer-only mark the prefix says nothing about who wrote the code.
  func cancellingPrefixesOfToolCommittedEdits() -> [Finding] {
    let cancelled = Set(compactMap { $0.isRecorded ? $0.humanEditsOf : nil })
    guard !cancelled.isEmpty else { return self }
    return map { finding in
      guard finding.signal == .subject, cancelled.contains(finding.tool), finding.ignoredBecause == nil else {
        return finding
      }
      var finding = finding
      finding.ignoredBecause = "the same tool only committed the author's own edits"
      return finding
    }
  }
}
