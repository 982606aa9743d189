import Foundation
import OutcomeModel

/// One repository's publication: its fact rows (teams already resolved, authors pseudonymous) and the
/// tracker facts the organisation report's merge and resolution rates need.
public struct RepositoryFacts: Sendable {
  /// The key across the organisation, e.g. `github.com/acme/payments` (see `RepositoryIdentity`).
  public var identity: String
  /// A short display name (`payments`).
  public var name: String
  /// Where the rows' teams came from: `teams-file`, `codeowners` or `top-level-folders`.
  public var teamSource: String
  /// A pseudonym of a fixed address under the publisher's salt: equal fingerprints mean pseudonyms can
  /// be compared across repositories, and it reveals nothing else about the salt.
  public var saltFingerprint: String?
  public var branch: String?
  public var tip: String?
  public var records: [ChangeRecord]
  /// nil when the publisher had no PR export (the report then says merge rates are unavailable).
  public var pullRequests: [StoredPullRequest]?
  /// nil when the publisher had no tracker export.
  public var issues: [StoredIssue]?

  public init(
    identity: String, name: String, teamSource: String, saltFingerprint: String?, branch: String? = nil,
    tip: String? = nil, records: [ChangeRecord], pullRequests: [StoredPullRequest]? = nil,
    issues: [StoredIssue]? = nil
  ) {
    self.identity = identity
    self.name = name
    self.teamSource = teamSource
    self.saltFingerprint = saltFingerprint
    self.branch = branch
    self.tip = tip
    self.records = records
    self.pullRequests = pullRequests
    self.issues = issues
  }
}

/// Pull requests and issues are stored exactly as the report takes them (authors already pseudonymous).
public typealias StoredPullRequest = PullRequestInput
public typealias StoredIssue = IssueInput

/// What a publish did, for the progress line and tests.
public struct PublishSummary: Sendable, Hashable {
  public var repositoryID: Int64
  public var inserted = 0
  public var updated = 0
  public var unchanged = 0
  /// Rows of changes no longer on the mainline (history rewritten), removed.
  public var deleted = 0
  public var pullRequests = 0
  public var issues = 0

  public init(repositoryID: Int64) {
    self.repositoryID = repositoryID
  }
}

/// A repository as the store knows it.
public struct PublishedRepository: Sendable, Hashable {
  public var id: Int64
  public var identity: String
  public var name: String
  public var teamSource: String
  public var saltFingerprint: String?
  public var hasPullRequests: Bool
  public var hasIssues: Bool
  public var changes: Int
  /// Unix seconds.
  public var publishedAt: Int64
  public var toolVersion: String
}

/// Rows read back for a report, each with its repository's id.
public struct StoredFacts: Sendable {
  public var records: [(repository: Int64, record: ChangeRecord)] = []
  public var pullRequests: [(repository: Int64, pullRequest: StoredPullRequest)] = []
  public var issues: [(repository: Int64, issue: StoredIssue)] = []

  public init() {}
}
