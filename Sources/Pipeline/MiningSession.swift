import Adapters
import Foundation
import GitHistory
import OutcomeModel

/// What to mine: which repository, which branch, which window.
public struct MiningRequest: Sendable {
  public var path = "."
  public var branch: String?
  public var allowShallow = false
  /// Commit-time window `[since, until)` in Unix seconds.
  public var since: Int64?
  public var until: Int64?
  /// Keep only the newest N changes of the window.
  public var maxChanges: Int?
  public var mining = MiningOptions()
  /// Nil turns attribution off (commands that only need line counts).
  public var attribution: AttributionRequest? = AttributionRequest()
  /// Nil turns the line ledger off: no survival, churn, reverts or defects, and a mainline-only pass.
  public var ledger: LedgerRequest? = LedgerRequest()
  /// Tracker and pull-request exports to link to the changes; nil when none were given.
  public var trackers: TrackerRequest?
  /// Whether the pass resumes from (and updates) the cache in `.git/outcomes/`.
  public var cache = CacheMode.off
  /// Where one-line notes about the cache go (stderr in the command line); nil keeps quiet.
  public var announce: (@Sendable (String) -> Void)?

  public init() {}
}

/// An opened repository with its planned mainline walk: the shared first step of every command.
public final class MiningSession {
  public let repository: Repository
  /// The changes the command reports on (its window).
  public let plan: MainlinePlan
  /// The whole mainline: outcomes need all of history, before and after the window.
  public let fullPlan: MainlinePlan
  public let mailmap: Mailmap
  public let request: MiningRequest
  public let attribution: AttributionSetup?
  public let trackers: TrackerSetup?
  public let mailmapText: String?
  /// The request's mining options with what this repository adds (hunks for commits with notes),
  /// resolved once; every mining run of the session starts from these.
  public let miningOptions: MiningOptions
  /// The incremental cache when the request uses one; the full plan then builds on its earlier plan.
  let cache: OutcomeCache?

  public init(_ request: MiningRequest) throws {
    self.request = request
    repository = try Repository(discovering: request.path)
    if repository.isShallow && !request.allowShallow {
      throw HistoryError.shallowClone(path: repository.displayPath)
    }
    let branch = try repository.mainlineBranch(named: request.branch)
    cache =
      request.ledger == nil
      ? nil
      : OutcomeCache.open(
        mode: request.cache, repository: repository, branch: branch, announce: request.announce)
    var resumed: MainlinePlan?
    if let earlier = cache?.earlierPlan {
      resumed = try repository.mainlinePlan(for: branch, resuming: earlier)
      if resumed == nil {
        cache?.invalidate(
          "history was rewritten: the cached tip \(earlier.tip?.short ?? "?") is no longer on the first-parent chain of \(branch.name)"
        )
      }
    }
    fullPlan = try resumed ?? repository.mainlinePlan(for: branch)
    plan = fullPlan.filtered(since: request.since, until: request.until, limit: request.maxChanges)
    mailmapText = repository.mailmapText(at: branch.tip)
    mailmap = mailmapText.map(Mailmap.init(parsing:)) ?? Mailmap()
    let opened = repository
    attribution = try request.attribution.map { try AttributionSetup($0, repository: opened) }
    let signatures = attribution.map { AgentSignatures(catalogue: $0.attributor.catalogue) } ?? .defaults
    trackers = try request.trackers.map { try TrackerSetup($0, signatures: signatures) }
    var options = request.mining
    if let attribution { options.hunkCommits.formUnion(attribution.commitsWithNotes) }
    miningOptions = options
  }

  /// Mines the planned changes in order, reporting progress, and returns what the run met.
  public func mine(progress: ProgressReporter? = nil, body: (Change) throws -> Void) throws -> MiningSummary {
    try mine(plan: plan, progress: progress, body: body)
  }

  /// Mines another plan of the same repository (a subset, for commands that look at one change).
  public func mine(
    plan: MainlinePlan, progress: ProgressReporter? = nil, body: (Change) throws -> Void
  ) throws -> MiningSummary {
    let miner = HistoryMiner(repository: repository, tip: plan.branch.tip, options: miningOptions)
    progress?.start(total: plan.count)
    defer { progress?.finish() }
    return try miner.mine(plan) { change in
      try body(change)
      progress?.advance(current: change.id)
    }
  }

  /// One-line warnings about what could not be read, for stderr after the run.
  public func warnings(for summary: MiningSummary) -> [String] {
    var lines: [String] = (attribution?.warnings ?? []) + (trackers?.warnings ?? [])
    let path = repository.displayPath
    if repository.isShallow {
      lines.append(
        "\(path): shallow clone: \(summary.shallowBoundaries) change(s) sit on the boundary and are diffed against an empty tree; older history is missing"
      )
    } else if plan.missingCommits > 0 {
      lines.append(
        "\(path): \(plan.missingCommits) parent commit(s) are missing from the object database and were skipped"
      )
    }
    if summary.missingBlobs > 0 {
      lines.append(
        "\(path): \(summary.missingBlobs) file version(s) missing from the object database (partial or filtered clone) were skipped; their lines are not counted"
      )
    }
    if summary.renameDetectionSkipped > 0 {
      lines.append(
        "\(path): \(summary.renameDetectionSkipped) change(s) touched too many files for inexact rename detection (limit \(request.mining.renameLimit)); only exact renames were found there"
      )
    }
    return lines
  }

  /// The row builder every command uses: this session's mailmap and attribution, and pseudonyms keyed by
  /// `OUTCOMES_SALT` or the repository's own salt unless people are to be identified.
  public func recordBuilder(identify: Bool, environment: [String: String]) throws -> ChangeRecordBuilder {
    let pseudonymizer =
      identify
      ? Pseudonymizer.identifying
      : try Pseudonymizer.forRepository(gitDirectory: repository.gitDirectory, environment: environment)
    return ChangeRecordBuilder(pseudonymizer: pseudonymizer, mailmap: mailmap, attribution: attribution)
  }
}
