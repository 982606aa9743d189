import Attribution
import Foundation
import GitHistory
import Ledger
import OutcomeModel
import Outcomes

/// The one pass with the line ledger: every commit of the history, parents first, through attribution and
/// the ledger; afterwards every mainline change's row gets its outcomes.
public struct OutcomePass {
  public struct Result {
    /// Rows of every mainline change of the whole history, oldest first, with outcomes filled.
    public var records: [ChangeRecord]
    public var summaries: [MainlineSummary]
    public var outcomes: ChangeOutcomes
    public var ledger: LineLedger
    public var graph: GraphPlan
    public var summary: MiningSummary
    public var warnings: [String]
  }

  public let session: MiningSession
  public let request: LedgerRequest

  public init(session: MiningSession, request: LedgerRequest) {
    self.session = session
    self.request = request
  }

  public func run(
    builder: ChangeRecordBuilder, releases: [ReleaseWindow] = [], keptStates: Set<Int> = [],
    progress: ProgressReporter?, graph prebuilt: GraphPlan? = nil
  ) throws -> Result {
    let graph = prebuilt ?? GraphPlan(session.fullPlan)
    let ledger = LineLedger(
      configuration: LedgerConfiguration(paths: request.paths, releases: releases, keptStates: keptStates))
    var options = session.request.mining
    options.detail = max(options.detail, .positions)
    if let attribution = session.attribution { options.hunkCommits.formUnion(attribution.commitsWithNotes) }
    let rules = request.fixRules
    let bugFixes = request.bugFixes
    options.hunksWhen = { info in
      bugFixes[info.id.hex] != nil || rules.kind(of: MainlineSummary(commitOnly: info)) != nil
    }
    var people = PersonNumbers(mailmap: session.mailmap)
    var records: [ChangeRecord] = []
    var summaries: [MainlineSummary] = []
    records.reserveCapacity(session.fullPlan.count)
    let miner = HistoryMiner(repository: session.repository, tip: graph.branch.tip, options: options)
    progress?.start(total: graph.count)
    defer { progress?.finish() }
    let attribution = session.attribution
    let summary = try miner.mine(graph) { commit in
      let change = commit.change
      let info = change.commit
      var facts = CommitFacts(
        person: people.number(for: info.author),
        isAI: attribution?.attributor.isAI(info) ?? false || builder.aiByPullRequest.contains(info.id))
      if let note = attribution?.notes[info.id], !note.isEmpty {
        facts.aiLines = Dictionary(
          uniqueKeysWithValues: note.files.keys.map { ($0, note.aiLines(in: $0)) })
      }
      if commit.mainlineIndex != nil {
        let summary = MainlineSummary(change)
        facts.isFix = bugFixes[info.id.hex] != nil || rules.kind(of: summary) != nil
        summaries.append(summary)
        records.append(builder.record(for: change))
      }
      ledger.apply(commit, facts: facts)
      progress?.advance(current: info.id)
    }
    var inputs = OutcomeInputs()
    inputs.fixRules = rules
    for (index, summary) in summaries.enumerated() {
      if let reported = bugFixes[summary.sha] { inputs.bugFixes[index] = reported }
    }
    let endTime = summaries.map(\.time).max() ?? 0
    let outcomes = ChangeOutcomes(changes: summaries, lines: ledger.changes, endTime: endTime, inputs: inputs)
    for index in records.indices {
      outcomes.fill(&records[index], at: index)
    }
    var warnings = session.warnings(for: summary)
    let foxtrots = FoxtrotDetector.positions(in: summaries, branch: graph.branch.name)
    if let first = foxtrots.first {
      warnings.append(
        "\(session.repository.displayPath): \(foxtrots.count) foxtrot merge(s) on the mainline (first: \(summaries[first].sha.prefix(12)) \"\(summaries[first].subject.prefix(60))\"): someone's local work became the first parent, so the real mainline's changes were grouped into that merge as contributing commits; line origins are unaffected"
      )
    }
    if ledger.misfitDiffs > 0 {
      warnings.append(
        "\(session.repository.displayPath): \(ledger.misfitDiffs) file diff(s) did not fit the lines the ledger knew; those files' lines are not followed after that point (please report this)"
      )
    }
    return Result(
      records: records, summaries: summaries, outcomes: outcomes, ledger: ledger, graph: graph,
      summary: summary, warnings: warnings)
  }
}

extension MainlineSummary {
  /// A summary from commit metadata alone (no contributing commits), for decisions made on workers.
  init(commitOnly info: CommitInfo) {
    self.init(
      sha: info.id.hex, subject: info.subject, message: info.message, trailers: info.trailers,
      time: info.committer.time, isMerge: info.isMerge)
  }
}

extension ChangeOutcomes {
  /// Copies the outcomes of mainline change `index` into its row.
  func fill(_ record: inout ChangeRecord, at index: Int) {
    let fate = fate[index]
    record.outcomesComputed = true
    record.fate = fate
    record.linesAlive = fate.alive
    record.churned21d = fate.churned21d
    record.aiLinesAdded = record.cohort == nil ? nil : fate.aiOwned
    record.reverted = reverted[index]
    record.relanded = relanded[index]
    record.defectsInduced = defectsInduced[index] ?? []
    record.fix = fixKinds[index]?.rawValue
  }
}

/// Small numbers for people after the mailmap, so the ledger can compare authors cheaply.
struct PersonNumbers {
  let mailmap: Mailmap
  private var numbers: [String: Int] = [:]

  init(mailmap: Mailmap) { self.mailmap = mailmap }

  mutating func number(for signature: Signature) -> Int {
    let email = mailmap.resolve(name: signature.name, email: signature.email).email.lowercased()
    if let number = numbers[email] { return number }
    numbers[email] = numbers.count
    return numbers.count - 1
  }
}
