import Foundation
import GitHistory
import OutcomeModel
import Pipeline
import Report

/// What `outcomes self` was asked for, below argument parsing.
public struct SelfCheckRequest: Sendable {
  /// More of your addresses (`--me`), besides `git config user.email`.
  public var emails: [String] = []
  public var days = 90
  /// Length of the baseline just before the recent period; nil means as long as the recent one.
  public var baselineDays: Int?
  /// End of the recent period (Unix seconds); nil means now.
  public var until: Int64?

  public init() {}
}

/// The whole of `outcomes self` below argument parsing: the caller's own changes, AI-marked against
/// unmarked, recent against their own baseline.
///
/// It writes nothing (identities are matched in memory, so no pseudonym salt is created either) and
/// sends nothing; other people's changes are mined, because outcomes need all of history, but dropped
/// before anything is computed from them.
public enum SelfCheckCommand {
  public struct Result {
    public var text: String
    public var warnings: [String]
  }

  public static func run(
    session: MiningSession, request: SelfCheckRequest, progress: ProgressReporter?,
    now: Int64 = Int64(Date().timeIntervalSince1970)
  ) throws -> Result {
    let repository = session.repository
    let emails = [repository.configString("user.email")].compactMap { $0 } + request.emails
    let identity = SelfIdentity(
      emails: emails, name: repository.configString("user.name"), mailmap: session.mailmap)
    guard !identity.isEmpty else {
      throw PipelineError.badInput(
        "\(repository.displayPath): no identity: git config user.email is not set; set it or pass --me EMAIL")
    }
    let (records, warnings) = try mineRecords(session: session, progress: progress)
    let anchor = SelfCheckWindows.anchor(
      until: request.until, now: now, historyEnd: records.compactMap { Timestamp.parse($0.committedAt) }.max()
    )
    let windows = SelfCheckWindows(
      end: anchor.end, days: request.days, baselineDays: request.baselineDays ?? request.days)
    let mine = try ownRecords(records, identity: identity, windows: windows, session: session)
    guard !mine.isEmpty else {
      throw PipelineError.badInput(
        "\(repository.displayPath): no change on \(session.fullPlan.branch.name) is authored by "
          + "\(identity.given.joined(separator: ", ")); pass --me EMAIL for your other addresses")
    }
    let observedUntil = records.compactMap { Timestamp.parse($0.committedAt) }.max() ?? windows.end
    let summary = SelfCheckSummary(records: mine, windows: windows, observedUntil: observedUntil)
    var text = summary.text(identity: identity, branch: session.fullPlan.branch.name)
    if let note = anchor.note, let firstLine = text.firstIndex(of: "\n") {
      text.insert(contentsOf: "\n" + note, at: firstLine)
    }
    return Result(text: text, warnings: warnings)
  }

  /// Every mainline change with its outcomes. The one place the self-check reads history, so the
  /// incremental cache can answer here instead of a full pass once it exists.
  static func mineRecords(
    session: MiningSession, progress: ProgressReporter?
  ) throws -> (records: [ChangeRecord], warnings: [String]) {
    // Raw (mailmap-resolved) emails in memory instead of pseudonyms: matching needs the address, and
    // pseudonyms would create the repository's salt file, which the self-check must not write.
    var builder = ChangeRecordBuilder(
      pseudonymizer: .identifying, mailmap: session.mailmap, attribution: session.attribution)
    let join = try session.trackers.map { try TrackerJoin(session: session, setup: $0) }
    join?.prepare(&builder)
    let pass = try OutcomePass.run(
      session: session, ledger: session.request.ledger ?? LedgerRequest(), join: join, builder: builder,
      progress: progress)
    return (pass.records, pass.warnings)
  }

  /// The caller's changes among `records` (whose `author` is the resolved email).
  ///
  /// A merge change belongs to the people who wrote its branch, not to whoever pressed the merge
  /// button: within the periods, a merge counts as yours when every person-authored branch commit is
  /// yours, and is never yours when one is someone else's. A merge whose branch commits are all by
  /// AI identities falls back to the merge's author.
  static func ownRecords(
    _ records: [ChangeRecord], identity: SelfIdentity, windows: SelfCheckWindows, session: MiningSession
  ) throws -> [ChangeRecord] {
    var mine: [ChangeRecord] = []
    for record in records {
      let byAuthor = identity.owns(resolvedEmail: record.author)
      guard record.isMerge, record.contributingCommits > 0,
        let landed = Timestamp.parse(record.committedAt), windows.period(of: landed) != nil,
        let id = CommitID(hex: record.sha), let first = record.parents.first.flatMap(CommitID.init(hex:))
      else {
        if byAuthor { mine.append(record) }
        continue
      }
      let branch = try session.repository.commits(from: first, to: id).filter { $0.id != id }
      let people = branch.filter { commit in
        let evidence = session.attribution?.attributor.evidence(for: commit) ?? []
        return !evidence.contains { $0.signal == .author }
      }
      let owned =
        people.isEmpty ? byAuthor : people.allSatisfy { identity.owns($0.author, mailmap: session.mailmap) }
      if owned { mine.append(record) }
    }
    return mine
  }
}
