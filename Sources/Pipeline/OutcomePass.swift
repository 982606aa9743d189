import Attribution
import Foundation
import GitHistory
import Ledger
import OutcomeModel
import Outcomes
import Store

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
    // Release counts and kept states need every commit's lines, so those runs read all history.
    let cache = releases.isEmpty && keptStates.isEmpty ? session.cache : nil
    let configuration = LedgerConfiguration(
      paths: request.paths, releases: releases, keptStates: keptStates,
      undoDepth: cache?.writable == true ? request.resumableDepth : 0, copies: request.moves != .off)
    var state = PassState(mailmap: session.mailmap)
    var ledger = LineLedger(configuration: configuration)
    var start = 0
    // Only a run with a cache needs to know what decides its contents.
    let fingerprint = cache.map { _ in CacheFingerprint(session: session, ledger: request, builder: builder) }
    if let cache, let fingerprint {
      do {
        if let resumed = try PassState.resume(
          cache: cache, fingerprint: fingerprint, graph: graph, configuration: configuration,
          mailmap: session.mailmap)
        {
          (state, ledger) = resumed
          start = ledger.commitCount
        }
      } catch {
        cache.invalidate("\(error)")
      }
      if let reason = cache.reason {
        if reason == OutcomeCache.noCacheYet {
          if cache.writable {
            cache.announce?("cache: first run reads all history; later runs resume from here")
          }
        } else {
          cache.announce?(cache.writable ? "cache: rebuilding (\(reason))" : "cache: not used (\(reason))")
        }
      }
    }

    let rules = builder.verdictRules(request)
    // Fix kinds by mainline index: a resumed run's earlier rows by the same rule its verdicts used.
    var fixKinds: [Int: FixRules.Kind] = [:]
    for (index, row) in state.rows.enumerated() {
      if let kind = rules.fixKind(row.summary) { fixKinds[index] = kind }
    }
    // The pass adds to the session's options only what the ledger needs: positions, and the hunks of
    // fixes (decided by the same rule as the verdict, from commit metadata, on the miner's workers).
    var options = session.miningOptions
    options.detail = max(options.detail, .positions)
    options.moves = request.moves
    // The miner's workers skip the files the ledger does not follow, asking the ledger's own cache.
    let followed = ledger.pathDecisions
    options.movesFollow = { followed.includes($0) }
    options.mainlineHunks = request.moves != .off
    options.hunksWhen = { [rules] info in rules.fixKind(MainlineSummary(commitOnly: info)) != nil }
    let miner = HistoryMiner(repository: session.repository, tip: graph.branch.tip, options: options)
    let firstNew = state.rows.count
    var mined: MiningSummary
    do {
      progress?.start(total: graph.count - start)
      // Finished here, before any note, so a progress line never runs into one.
      defer { progress?.finish() }
      mined = try miner.mine(graph, from: start) { commit in
        let change = commit.change
        let summary = commit.mainlineIndex == nil ? nil : MainlineSummary(change)
        let verdict = rules.verdict(on: change, mainline: summary)
        if let summary {
          state.rows.append(
            CachedChange(
              canonical: builder.canonicalRecord(for: change, attribution: verdict.attribution),
              summary: summary))
          if let kind = verdict.fixKind { fixKinds[state.rows.count - 1] = kind }
        }
        ledger.apply(commit, facts: verdict.facts(person: state.people.number(for: change.commit.author)))
        progress?.advance(current: change.id)
      }
    }
    if let cache, let fingerprint {
      if start > 0 {
        cache.announce?(
          "cache: resumed at \(graph.branch.name)'s earlier tip: \(graph.count - start) new commit(s), \(state.rows.count - firstNew) new change(s)"
        )
      }
      if cache.writable && (start == 0 || graph.count > start) {
        try save(
          state, summary: mined, ledger: ledger, fingerprint: fingerprint, firstNew: firstNew, to: cache)
      }
    }
    mined.add(state.earlierSummary)

    let summaries = state.rows.map(\.summary)
    // Pseudonyms are keyed hashes: one per person, not one per change.
    var pseudonyms: [String: String] = [:]
    var records = state.rows.map { builder.finish($0.canonical, pseudonyms: &pseudonyms) }
    var inputs = OutcomeInputs()
    inputs.fixKinds = fixKinds
    inputs.moves = request.moves
    for (index, summary) in summaries.enumerated() {
      if let reported = rules.bugFixes[summary.sha] { inputs.bugFixes[index] = reported }
    }
    let endTime = summaries.map(\.time).max() ?? 0
    let outcomes = ChangeOutcomes(changes: summaries, lines: ledger.changes, endTime: endTime, inputs: inputs)
    for index in records.indices {
      outcomes.fill(&records[index], at: index)
    }
    var warnings = session.warnings(for: mined)
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
      summary: mined, warnings: warnings)
  }

  private func save(
    _ state: PassState, summary: MiningSummary, ledger: LineLedger, fingerprint: CacheFingerprint,
    firstNew: Int,
    to cache: OutcomeCache
  ) throws {
    var update = CacheUpdate()
    update.firstRow = firstNew
    update.rows = state.rows[firstNew...].map { ($0.summary.sha, $0.encoded()) }
    var total = state.earlierSummary
    total.add(summary)
    update.blobs = [
      OutcomeCache.Blob.plan: session.fullPlan.encoded(),
      OutcomeCache.Blob.ledger: ledger.snapshot().encoded(),
      OutcomeCache.Blob.people: state.people.encoded(),
      OutcomeCache.Blob.summary: total.encoded(),
    ]
    update.meta = fingerprint.meta
    update.meta[CacheContents.Key.tip] = session.fullPlan.branch.tip.hex
    update.meta[CacheContents.Key.branch] = session.fullPlan.branch.name
    update.meta[CacheContents.Key.updatedAt] = Timestamp.iso8601(Int64(Date().timeIntervalSince1970))
    update.meta[CacheContents.Key.toolVersion] = PipelineVersion.current
    if let seconds = ProcessInfo.processInfo.environment["OUTCOMES_TEST_CACHE_PAUSE"].flatMap(Double.init) {
      // The crash-safety test kills the process while it waits here, inside the transaction.
      update.pauseBeforeCommit = {
        StandardError.note("cache: writing")
        Thread.sleep(forTimeInterval: seconds)
      }
    }
    do {
      try cache.store.save(update)
    } catch {
      // The cache only saves time: a failed write leaves the earlier cache, and the results stand.
      cache.announce?("cache: \(error); results are complete, the next run reads all history again")
    }
  }
}

/// What the pass carries from commit to commit, and what the cache gives back of an earlier run.
struct PassState {
  var people: PersonNumbers
  var rows: [CachedChange] = []
  var earlierSummary = MiningSummary()

  init(mailmap: Mailmap) { people = PersonNumbers(mailmap: mailmap) }

  /// The earlier run's state and ledger when the cache matches this run; nil (with the cache's reason
  /// set) when it does not.
  static func resume(
    cache: OutcomeCache, fingerprint: CacheFingerprint, graph: GraphPlan, configuration: LedgerConfiguration,
    mailmap: Mailmap
  ) throws -> (PassState, LineLedger)? {
    guard let contents = cache.contents, let earlier = cache.earlierPlan else { return nil }
    if let changed = fingerprint.change(from: CacheFingerprint(meta: contents.meta)) {
      cache.invalidate(changed)
      return nil
    }
    guard let ledgerBytes = contents.blobs[OutcomeCache.Blob.ledger],
      let peopleBytes = contents.blobs[OutcomeCache.Blob.people],
      let summaryBytes = contents.blobs[OutcomeCache.Blob.summary]
    else {
      cache.invalidate("the cache is incomplete")
      return nil
    }
    let snapshot = try LineLedger.Snapshot(decoding: ledgerBytes)
    guard snapshot.commitCount == earlier.commitCount, snapshot.changeCount == contents.rows.count else {
      cache.invalidate("the cached ledger does not match the cached plan")
      return nil
    }
    var state = PassState(mailmap: mailmap)
    state.people = try PersonNumbers(mailmap: mailmap, decoding: peopleBytes)
    state.earlierSummary = try MiningSummary(decoding: summaryBytes)
    state.rows.reserveCapacity(graph.count)
    for row in contents.rows { state.rows.append(try CachedChange(decoding: row)) }
    let ledger = try LineLedger(
      configuration: configuration, resuming: snapshot,
      needed: graph.statesNeeded(from: snapshot.commitCount),
      mainlineIndex: graph.mainlineIndex(at:))
    return (state, ledger)
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
    record.linesMoved = fate.moved
    record.linesCopied = fate.copied
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
  var numbers: [String: Int] = [:]

  init(mailmap: Mailmap) { self.mailmap = mailmap }

  mutating func number(for signature: Signature) -> Int {
    let email = mailmap.resolve(name: signature.name, email: signature.email).email.lowercased()
    if let number = numbers[email] { return number }
    numbers[email] = numbers.count
    return numbers.count - 1
  }
}
