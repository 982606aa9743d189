import Foundation

/// Where a pull or merge request stands. A closed request is merged only when the export says so.
public enum ChangeRequestState: String, Hashable, Sendable, Codable, CaseIterable {
  case open, merged, closedUnmerged
}

/// A pull request (GitHub, Gitea), merge request (GitLab) or their equivalent, normalized.
public struct ChangeRequest: Hashable, Sendable, Codable {
  public var ref: ItemRef
  public var nativeID: String?
  public var title: String
  public var body: String
  public var url: String?
  public var author: TrackerPerson?
  public var isDraft: Bool
  public var state: ChangeRequestState
  /// The state as written (`closed`, `MERGED`, `opened`).
  public var rawState: String

  public var createdAt: Date?
  public var updatedAt: Date?
  public var closedAt: Date?
  public var mergedAt: Date?
  /// The earliest authored date among the exported commits, where the export lists commits.
  public var firstCommitAt: Date?

  public var sourceBranch: String?
  public var targetBranch: String?
  public var headSHA: CommitID?
  /// The commit the target branch moved to: set only for merged requests. GitHub also fills
  /// `merge_commit_sha` on unmerged pull requests (a test merge); that value is never a landing.
  public var landingSHA: CommitID?
  /// GitLab's squash commit, when the request was squashed.
  public var squashSHA: CommitID?
  /// Commits the export lists for the request (gh caps them at 100; see `commitsTruncated`).
  public var commits: [CommitID]
  public var commitsTruncated: Bool

  public var labels: [String]
  /// Items the tracker itself says this request closes (`closingIssuesReferences`).
  public var declaredClosingRefs: [ItemRef]
  public var provenance: Provenance?

  public init(
    ref: ItemRef, nativeID: String? = nil, title: String, body: String = "", url: String? = nil,
    author: TrackerPerson? = nil, isDraft: Bool = false, state: ChangeRequestState, rawState: String,
    createdAt: Date? = nil, updatedAt: Date? = nil, closedAt: Date? = nil, mergedAt: Date? = nil,
    firstCommitAt: Date? = nil, sourceBranch: String? = nil, targetBranch: String? = nil,
    headSHA: CommitID? = nil, landingSHA: CommitID? = nil, squashSHA: CommitID? = nil,
    commits: [CommitID] = [], commitsTruncated: Bool = false, labels: [String] = [],
    declaredClosingRefs: [ItemRef] = [], provenance: Provenance? = nil
  ) {
    self.ref = ref
    self.nativeID = nativeID
    self.title = title
    self.body = body
    self.url = url
    self.author = author
    self.isDraft = isDraft
    self.state = state
    self.rawState = rawState
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.closedAt = closedAt
    self.mergedAt = mergedAt
    self.firstCommitAt = firstCommitAt
    self.sourceBranch = sourceBranch
    self.targetBranch = targetBranch
    self.headSHA = headSHA
    self.landingSHA = landingSHA
    self.squashSHA = squashSHA
    self.commits = commits
    self.commitsTruncated = commitsTruncated
    self.labels = labels
    self.declaredClosingRefs = declaredClosingRefs
    self.provenance = provenance
  }

  /// The fact-table summary (`pr` in `outcomes changes`): number, `merged|closed|open`, ISO-8601 times.
  public var pullRequestRef: PullRequestRef? {
    guard let number = ref.number else { return nil }
    let iso = ISO8601DateFormatter()
    let state: String
    switch self.state {
    case .merged: state = "merged"
    case .closedUnmerged: state = "closed"
    case .open: state = "open"
    }
    return PullRequestRef(
      number: number, state: state, createdAt: createdAt.map(iso.string(from:)),
      mergedAt: mergedAt.map(iso.string(from:)))
  }
}
