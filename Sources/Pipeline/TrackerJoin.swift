import Adapters
import Attribution
import Foundation
import GitHistory
import OutcomeModel

/// What a pull request adds to its change's attribution: what the attributor reads (branch, labels, body)
/// and what only the export knows (an AI agent's account opened it).
public struct PullRequestContext: Sendable {
  public var branchNames: [String]
  public var labels: [String]
  public var body: String?
  /// Agent-author evidence from `ChangeRequest.facts`; commits may be authored by whoever pressed merge.
  public var agentEvidence: [Evidence]

  public init(branchNames: [String], labels: [String], body: String?, agentEvidence: [Evidence]) {
    self.branchNames = branchNames
    self.labels = labels
    self.body = body
    self.agentEvidence = agentEvidence
  }

  init(_ request: ChangeRequest, aiLabels: [String], signatures: AgentSignatures) {
    self.init(
      branchNames: request.sourceBranch.map { [$0] } ?? [], labels: request.labels,
      body: request.body.isEmpty ? nil : request.body,
      agentEvidence: request.facts(signatures: signatures, aiLabels: aiLabels).evidence.filter {
        $0.signal == .author
      })
  }

  /// The change's attribution with the request's evidence joined in. A request an agent opened makes
  /// the change `agent`, as an AI commit author would.
  public func attribute(_ change: Change, with setup: AttributionSetup) -> Attribution {
    // A merge subject already names its branch; the same name from the export would be a second mark.
    let subject = change.commit.subject
    let branches = branchNames.filter { !subject.hasSuffix("/" + $0) && !subject.contains("'\($0)'") }
    var result = setup.attributor.attribute(
      change, notes: setup.notes, branchNames: branches, labels: labels, prBody: body)
    guard !agentEvidence.isEmpty else { return result }
    if !result.cohort.isAI && !result.notesUsed { result.aiLinesAdded = change.linesAdded }
    result.cohort = .agent
    result.tools = Set(result.tools + agentEvidence.map(\.tool)).sorted()
    result.evidence = agentEvidence + result.evidence.filter { !agentEvidence.contains($0) }
    return result
  }
}

/// Tracker exports joined to the whole mainline: pull requests and work items per change, the pull-request
/// context attribution needs, and the changes that fix bug issues.
///
/// Built before the outcome pass from commit messages alone (no diffs), because the miner decides per
/// commit whether to keep the line hashes SZZ needs, so bug fixes must be known before it starts.
public struct TrackerJoin: Sendable {
  public let links: LinkSet
  public let requests: [ItemRef: ChangeRequest]
  public let items: [ItemRef: WorkItem]
  /// Mainline changes linked to bug or incident items, by sha, with the earliest report time (Unix seconds).
  public let bugFixes: [String: Int64?]
  /// The landed request's context for each linked mainline change.
  public let pullRequests: [CommitID: PullRequestContext]
  /// Commits whose lines count as AI only because the request that landed them carries AI evidence
  /// (for a merge, its contributing commits too), for the ledger's per-commit flag.
  public let aiCommits: Set<CommitID>
  public let aiLabels: [String]
  /// The run's catalogue as pull-request marks (a user's `--signatures` included).
  public let signatures: AgentSignatures

  public init(session: MiningSession, setup: TrackerSetup) throws {
    let plan = session.fullPlan
    var changes: [MainlineChange] = []
    var infos: [CommitInfo] = []
    changes.reserveCapacity(plan.count)
    infos.reserveCapacity(plan.count)
    for (position, id) in plan.ids.enumerated() {
      let info = try session.repository.commit(id)
      infos.append(info)
      changes.append(
        MainlineChange(sha: id, message: info.message, contributing: plan.contributingIDs(at: position)))
    }
    let exports = setup.exports
    links = Linker(changeRequests: exports.changeRequests, workItems: exports.workItems).link(changes)
    requests = Dictionary(
      exports.changeRequests.map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
    items = Dictionary(exports.workItems.map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
    aiLabels = setup.request.aiLabels
    signatures = setup.signatures

    var bugFixes: [String: Int64?] = [:]
    var pullRequests: [CommitID: PullRequestContext] = [:]
    var aiCommits: Set<CommitID> = []
    for (position, change) in changes.enumerated() {
      if let request = Self.request(of: links.changeRequest(for: change.sha), in: requests) {
        let context = PullRequestContext(request, aiLabels: aiLabels, signatures: signatures)
        pullRequests[change.sha] = context
        if let attribution = session.attribution, !attribution.attributor.isAI(infos[position]) {
          // Only the commit and the request: what the ledger's flag would have said with the request known.
          let alone = context.attribute(Change(commit: infos[position], files: []), with: attribution)
          if alone.cohort.isAI {
            aiCommits.insert(change.sha)
            aiCommits.formUnion(change.contributing)
          }
        }
      }
      for link in links.workItems(for: change.sha) {
        guard case .workItem(let ref) = link.to, let item = items[ref] else { continue }
        let facts = item.facts()
        guard facts.isBug else { continue }
        let reported = facts.reportedAt.map { Int64($0.timeIntervalSince1970.rounded(.down)) }
        if let known = bugFixes[change.sha.hex] {
          // The earliest report bounds which earlier changes SZZ may blame.
          bugFixes[change.sha.hex] = [known, reported].compactMap { $0 }.min()
        } else {
          bugFixes[change.sha.hex] = reported
        }
      }
    }
    self.bugFixes = bugFixes
    self.pullRequests = pullRequests
    self.aiCommits = aiCommits
  }

  static func request(of link: Link?, in requests: [ItemRef: ChangeRequest]) -> ChangeRequest? {
    guard let link, case .changeRequest(let ref) = link.to else { return nil }
    return requests[ref]
  }

  /// The request a change landed, if any.
  public func changeRequest(for sha: CommitID) -> ChangeRequest? {
    Self.request(of: links.changeRequest(for: sha), in: requests)
  }

  /// Gives the row builder the requests' evidence, so rows are attributed with it during the pass.
  public func prepare(_ builder: inout ChangeRecordBuilder) {
    builder.pullRequests = pullRequests
    builder.aiByPullRequest = aiCommits
  }

  /// Adds the bug-linked fixes to the ledger's fix set; a fix the user already named keeps its report time.
  public func prepare(_ ledger: inout LedgerRequest) {
    ledger.bugFixes.merge(bugFixes) { existing, _ in existing }
  }

  /// Fills `pr` and `issues` of one row.
  public func fill(_ record: inout ChangeRecord) {
    let sha = CommitID(trusted: record.sha)
    record.pr = changeRequest(for: sha)?.pullRequestRef
    record.issues = links.workItems(for: sha).compactMap { link in
      guard case .workItem(let ref) = link.to else { return nil }
      return ref.description
    }
  }

  /// Fills `pr` and `issues` of every row.
  public func fill(_ records: inout [ChangeRecord]) {
    for index in records.indices { fill(&records[index]) }
  }
}

extension OutcomePass {
  /// The pass with tracker exports joined around it: bug-linked fixes reach SZZ before the history is
  /// mined (the miner keeps their line hashes), and `pr` and `issues` are filled in afterwards.
  public static func run(
    session: MiningSession, ledger: LedgerRequest, join: TrackerJoin?, builder: ChangeRecordBuilder,
    progress: ProgressReporter?
  ) throws -> Result {
    var ledger = ledger
    join?.prepare(&ledger)
    var pass = try OutcomePass(session: session, request: ledger).run(builder: builder, progress: progress)
    join?.fill(&pass.records)
    return pass
  }
}
