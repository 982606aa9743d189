import Attribution
import OutcomeModel

/// Builds fact-table rows from mined changes: attribution on raw identities first, then the mailmap
/// and pseudonyms (a mailmap may map an AI identity to a person, so it must never come first).
public struct ChangeRecordBuilder: Sendable {
  public let pseudonymizer: Pseudonymizer
  public let mailmap: Mailmap
  public let attribution: AttributionSetup?
  /// Team names from the canonical author email and the change's paths; nil leaves `team` empty.
  /// Runs before pseudonymisation, because teams are defined by email.
  public var teams: (@Sendable (_ email: String, _ paths: [String]) -> [String])?

  public init(pseudonymizer: Pseudonymizer, mailmap: Mailmap, attribution: AttributionSetup? = nil) {
    self.pseudonymizer = pseudonymizer
    self.mailmap = mailmap
    self.attribution = attribution
  }

  /// The request each change landed, from tracker exports; its evidence joins the change's own.
  public var pullRequests: [CommitID: PullRequestContext] = [:]
  /// Commits whose lines are AI because of their request alone (see `TrackerJoin.aiCommits`).
  public var aiByPullRequest: Set<CommitID> = []

  /// The rules of the pass's verdicts: this builder's attribution and pull-request context, and the
  /// ledger's fix rules.
  public func verdictRules(_ ledger: LedgerRequest) -> VerdictRules {
    VerdictRules(
      attribution: attribution, pullRequests: pullRequests, aiByPullRequest: aiByPullRequest,
      fixRules: ledger.fixRules, bugFixes: ledger.bugFixes)
  }

  /// Attribution for a change, when this builder attributes at all.
  public func attribute(_ change: Change) -> Attribution? {
    VerdictRules.attribute(change, setup: attribution, pullRequests: pullRequests)
  }

  /// A row without outcomes (no line ledger ran): its AI lines are attribution's count.
  public func record(for change: Change) -> ChangeRecord {
    let result = attribute(change)
    var record = finish(canonicalRecord(for: change, attribution: result))
    if let result { record.aiLinesAdded = result.aiLinesAdded }
    return record
  }

  /// The part of a row that does not depend on who reads it: author as the mailmapped email, no teams,
  /// no AI line count (the ledger's outcomes give that, line by line). The cache keeps these; `finish`
  /// applies pseudonyms and teams.
  public func canonicalRecord(for change: Change, attribution result: Attribution?) -> CanonicalRecord {
    let commit = change.commit
    let person = mailmap.resolve(name: commit.author.name, email: commit.author.email)
    var record = ChangeRecord(
      sha: commit.id.hex,
      parents: commit.parents.map(\.hex),
      authoredAt: Timestamp.iso8601(commit.author.time),
      committedAt: Timestamp.iso8601(commit.committer.time),
      author: person.email,
      filesChanged: change.files.count,
      linesAdded: change.linesAdded,
      linesDeleted: change.linesDeleted,
      isMerge: commit.isMerge,
      contributingCommits: change.contributing.count
    )
    let missing = change.missingBlobs
    record.missingBlobs = missing > 0 ? missing : nil
    if let result {
      record.cohort = result.cohort
      record.tools = result.tools
      record.evidence = result.evidence
      record.models = result.models.isEmpty ? nil : result.models
    }
    return CanonicalRecord(record: record, paths: change.files.compactMap { $0.newPath ?? $0.oldPath })
  }

  /// The row as this builder's reader sees it: pseudonymous (or identified) author, teams.
  public func finish(_ canonical: CanonicalRecord) -> ChangeRecord {
    var pseudonyms: [String: String] = [:]
    return finish(canonical, pseudonyms: &pseudonyms)
  }

  /// `finish` with the pseudonyms already computed, by email.
  func finish(_ canonical: CanonicalRecord, pseudonyms: inout [String: String]) -> ChangeRecord {
    var record = canonical.record
    let email = record.author
    if let known = pseudonyms[email] {
      record.author = known
    } else {
      record.author = pseudonymizer.id(forEmail: email)
      pseudonyms[email] = record.author
    }
    if let teams {
      let names = teams(email, canonical.paths)
      record.team = names.first
      record.teams = names
    }
    return record
  }
}

/// A row before pseudonyms and teams, with the paths teams are decided by.
public struct CanonicalRecord: Sendable {
  /// `author` holds the mailmapped email.
  public var record: ChangeRecord
  public var paths: [String]
}
