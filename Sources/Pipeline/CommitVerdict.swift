import Attribution
import GitHistory
import Ledger
import OutcomeModel
import Outcomes

/// Everything the pass decides about one commit, decided once: the ledger, the row builder and the
/// outcomes all read this value instead of asking the rules again.
public struct CommitVerdict: Sendable {
  /// The commit's own lines are AI lines: its own marks, or the pull request that landed it.
  public var linesAreAI: Bool
  /// AI line ranges by file from a git-ai note or Agent Trace record; nil when none covers the commit.
  public var aiLines: [String: [ClosedRange<Int>]]?
  /// For a mainline change: its attribution, with the evidence of the request that landed it.
  public var attribution: Attribution?
  /// For a mainline change: how it was recognised as a fix, if it was.
  public var fixKind: FixRules.Kind?

  public init(
    linesAreAI: Bool, aiLines: [String: [ClosedRange<Int>]]? = nil, attribution: Attribution? = nil,
    fixKind: FixRules.Kind? = nil
  ) {
    self.linesAreAI = linesAreAI
    self.aiLines = aiLines
    self.attribution = attribution
    self.fixKind = fixKind
  }

  /// What the ledger needs of it.
  func facts(person: Int) -> CommitFacts {
    CommitFacts(person: person, isAI: linesAreAI, aiLines: aiLines, isFix: fixKind != nil)
  }
}

/// The rules behind every `CommitVerdict` of a run, fixed before the first commit is read.
public struct VerdictRules: Sendable {
  public let attribution: AttributionSetup?
  /// The request each change landed, from tracker exports; its evidence joins the change's own.
  public let pullRequests: [CommitID: PullRequestContext]
  /// Commits whose lines are AI because of their request alone (see `TrackerJoin.aiCommits`).
  public let aiByPullRequest: Set<CommitID>
  public let fixRules: FixRules
  /// Fix changes linked to bug issues, by sha, with the report time when known.
  public let bugFixes: [String: Int64?]

  public init(
    attribution: AttributionSetup?, pullRequests: [CommitID: PullRequestContext] = [:],
    aiByPullRequest: Set<CommitID> = [], fixRules: FixRules = FixRules(), bugFixes: [String: Int64?] = [:]
  ) {
    self.attribution = attribution
    self.pullRequests = pullRequests
    self.aiByPullRequest = aiByPullRequest
    self.fixRules = fixRules
    self.bugFixes = bugFixes
  }

  /// A change's attribution, with its request's evidence when tracker exports name one.
  public func attribute(_ change: Change) -> Attribution? {
    Self.attribute(change, setup: attribution, pullRequests: pullRequests)
  }

  /// The one place a change is attributed (the row builder asks here too, when no pass runs).
  static func attribute(
    _ change: Change, setup: AttributionSetup?, pullRequests: [CommitID: PullRequestContext]
  ) -> Attribution? {
    guard let setup else { return nil }
    if let request = pullRequests[change.id] { return request.attribute(change, with: setup) }
    return setup.attributor.attribute(change, notes: setup.notes)
  }

  /// How a mainline change was recognised as a fix. Only commit metadata counts, so the miner's workers
  /// can ask before the change is put together (to keep the hunks SZZ needs).
  public func fixKind(_ change: MainlineSummary) -> FixRules.Kind? {
    fixRules.kind(of: change, linkedToBug: bugFixes[change.sha] != nil)
  }

  /// The verdict on one commit; `summary` is nil for a branch commit, which gets no row.
  public func verdict(on change: Change, mainline summary: MainlineSummary?) -> CommitVerdict {
    let info = change.commit
    var verdict = CommitVerdict(
      linesAreAI: attribution?.attributor.isAI(info) ?? false || aiByPullRequest.contains(info.id))
    if let note = attribution?.notes[info.id], !note.isEmpty {
      verdict.aiLines = Dictionary(uniqueKeysWithValues: note.files.keys.map { ($0, note.aiLines(in: $0)) })
    }
    if let summary {
      verdict.attribution = attribute(change)
      verdict.fixKind = fixKind(summary)
    }
    return verdict
  }
}
