/// One row of the `changes` fact table: the stable, machine-readable contract (see DESIGN.md).
///
/// Fields later stages have not filled are left out of the JSON rather than written as guesses.
/// Add fields freely; never rename or drop one without a version bump.
public struct ChangeRecord: Hashable, Sendable, Codable {
  public var sha: String
  public var parents: [String]
  /// ISO-8601 UTC.
  public var authoredAt: String
  public var committedAt: String
  /// A pseudonymous id (keyed HMAC) unless the user asked to identify people.
  public var author: String
  public var team: String?
  public var cohort: Cohort?
  public var tools: [String]?
  public var evidence: [Evidence]?
  public var filesChanged: Int
  public var linesAdded: Int
  public var linesDeleted: Int
  public var aiLinesAdded: Int?
  /// Model names the evidence mentions (`Claude Opus 4.6`, `openai/gpt-4.1`); omitted when none.
  public var models: [String]?
  public var isMerge: Bool
  public var contributingCommits: Int
  /// Blobs this change could not read (partial clones); omitted when zero.
  public var missingBlobs: Int?

  public init(
    sha: String, parents: [String], authoredAt: String, committedAt: String, author: String,
    filesChanged: Int, linesAdded: Int, linesDeleted: Int, isMerge: Bool, contributingCommits: Int
  ) {
    self.sha = sha
    self.parents = parents
    self.authoredAt = authoredAt
    self.committedAt = committedAt
    self.author = author
    self.filesChanged = filesChanged
    self.linesAdded = linesAdded
    self.linesDeleted = linesDeleted
    self.isMerge = isMerge
    self.contributingCommits = contributingCommits
  }
}
