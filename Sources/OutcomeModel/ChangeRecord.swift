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
  /// The change's team; when a change maps to several teams this is the first and `teams` lists all.
  public var team: String?
  public var teams: [String]?
  public var cohort: Cohort?
  public var tools: [String]?
  public var evidence: [Evidence]?
  public var filesChanged: Int
  public var linesAdded: Int
  public var linesDeleted: Int
  public var aiLinesAdded: Int?
  /// Added lines whose origin is an earlier change: moved or copied here from the first parent's code,
  /// not written here (the ledger's `fate.moved`). Absent when not measured (`--moves off`, no ledger).
  public var linesMoved: Int?
  /// Added lines repeating, white space removed, a block of at least 5 non-blank lines that existed
  /// elsewhere at the first parent and still exists after the change (copy-paste). Absent when not measured.
  public var linesCopied: Int?
  /// Model names the evidence mentions (`Claude Opus 4.6`, `openai/gpt-4.1`); omitted when none.
  public var models: [String]?
  public var isMerge: Bool
  public var contributingCommits: Int
  /// Blobs this change could not read (partial clones); omitted when zero.
  public var missingBlobs: Int?
  /// The revert that undid this change; null when the ledger ran and found none.
  public var reverted: RevertRecord?
  /// A revert of this change that was itself reverted: the change re-landed, so `reverted` is null.
  public var relanded: RevertRecord?
  /// Owned lines alive at the end of history (the ledger's `fate.alive`).
  public var linesAlive: Int?
  /// Owned lines removed or rewritten within 21 days; null while the window is still open.
  public var churned21d: Int?
  /// Mainline fix changes whose removed lines SZZ traced to this change.
  public var defectsInduced: [String]?
  /// How this change was recognised as a fix: `fixes-trailer`, `bug-issue` or `message`; omitted otherwise.
  public var fix: String?
  /// Line fate in detail: survival at horizons, churn split, Kaplan–Meier input.
  public var fate: LineFate?
  public var pr: PullRequestRef?
  /// Keys of linked tracker items (`#12`, `PROJ-7`).
  public var issues: [String]?
  /// Set when outcomes were computed, so `reverted` and `pr` are written as null instead of left out.
  public var outcomesComputed: Bool = false

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

  private enum CodingKeys: String, CodingKey {
    case sha, parents, authoredAt, committedAt, author, team, teams, cohort, tools, evidence, filesChanged
    case linesAdded, linesDeleted, aiLinesAdded, linesMoved, linesCopied, models, isMerge,
      contributingCommits, missingBlobs
    case reverted, relanded, linesAlive, churned21d, defectsInduced, fix, fate, pr, issues
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    sha = try c.decode(String.self, forKey: .sha)
    parents = try c.decode([String].self, forKey: .parents)
    authoredAt = try c.decode(String.self, forKey: .authoredAt)
    committedAt = try c.decode(String.self, forKey: .committedAt)
    author = try c.decode(String.self, forKey: .author)
    team = try c.decodeIfPresent(String.self, forKey: .team)
    teams = try c.decodeIfPresent([String].self, forKey: .teams)
    cohort = try c.decodeIfPresent(Cohort.self, forKey: .cohort)
    tools = try c.decodeIfPresent([String].self, forKey: .tools)
    evidence = try c.decodeIfPresent([Evidence].self, forKey: .evidence)
    filesChanged = try c.decode(Int.self, forKey: .filesChanged)
    linesAdded = try c.decode(Int.self, forKey: .linesAdded)
    linesDeleted = try c.decode(Int.self, forKey: .linesDeleted)
    aiLinesAdded = try c.decodeIfPresent(Int.self, forKey: .aiLinesAdded)
    linesMoved = try c.decodeIfPresent(Int.self, forKey: .linesMoved)
    linesCopied = try c.decodeIfPresent(Int.self, forKey: .linesCopied)
    models = try c.decodeIfPresent([String].self, forKey: .models)
    isMerge = try c.decode(Bool.self, forKey: .isMerge)
    contributingCommits = try c.decode(Int.self, forKey: .contributingCommits)
    missingBlobs = try c.decodeIfPresent(Int.self, forKey: .missingBlobs)
    reverted = try c.decodeIfPresent(RevertRecord.self, forKey: .reverted)
    relanded = try c.decodeIfPresent(RevertRecord.self, forKey: .relanded)
    linesAlive = try c.decodeIfPresent(Int.self, forKey: .linesAlive)
    churned21d = try c.decodeIfPresent(Int.self, forKey: .churned21d)
    defectsInduced = try c.decodeIfPresent([String].self, forKey: .defectsInduced)
    fix = try c.decodeIfPresent(String.self, forKey: .fix)
    fate = try c.decodeIfPresent(LineFate.self, forKey: .fate)
    pr = try c.decodeIfPresent(PullRequestRef.self, forKey: .pr)
    issues = try c.decodeIfPresent([String].self, forKey: .issues)
    outcomesComputed = c.contains(.linesAlive) || c.contains(.fate)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(sha, forKey: .sha)
    try c.encode(parents, forKey: .parents)
    try c.encode(authoredAt, forKey: .authoredAt)
    try c.encode(committedAt, forKey: .committedAt)
    try c.encode(author, forKey: .author)
    try c.encodeIfPresent(team, forKey: .team)
    try c.encodeIfPresent(teams, forKey: .teams)
    try c.encodeIfPresent(cohort, forKey: .cohort)
    try c.encodeIfPresent(tools, forKey: .tools)
    try c.encodeIfPresent(evidence, forKey: .evidence)
    try c.encode(filesChanged, forKey: .filesChanged)
    try c.encode(linesAdded, forKey: .linesAdded)
    try c.encode(linesDeleted, forKey: .linesDeleted)
    try c.encodeIfPresent(aiLinesAdded, forKey: .aiLinesAdded)
    // Left out, never null or 0, when not measured: "no moves" must not be read from "not looked".
    try c.encodeIfPresent(linesMoved, forKey: .linesMoved)
    try c.encodeIfPresent(linesCopied, forKey: .linesCopied)
    try c.encodeIfPresent(models, forKey: .models)
    try c.encode(isMerge, forKey: .isMerge)
    try c.encode(contributingCommits, forKey: .contributingCommits)
    try c.encodeIfPresent(missingBlobs, forKey: .missingBlobs)
    if outcomesComputed {
      // The contract promises these keys once outcomes exist: null means "measured, none".
      try c.encode(reverted, forKey: .reverted)
      try c.encodeIfPresent(relanded, forKey: .relanded)
      try c.encode(linesAlive, forKey: .linesAlive)
      try c.encode(churned21d, forKey: .churned21d)
      try c.encode(defectsInduced ?? [], forKey: .defectsInduced)
      try c.encodeIfPresent(fix, forKey: .fix)
      try c.encodeIfPresent(fate, forKey: .fate)
      try c.encode(pr, forKey: .pr)
      try c.encode(issues ?? [], forKey: .issues)
    } else {
      try c.encodeIfPresent(reverted, forKey: .reverted)
      try c.encodeIfPresent(relanded, forKey: .relanded)
      try c.encodeIfPresent(linesAlive, forKey: .linesAlive)
      try c.encodeIfPresent(churned21d, forKey: .churned21d)
      try c.encodeIfPresent(defectsInduced, forKey: .defectsInduced)
      try c.encodeIfPresent(fix, forKey: .fix)
      try c.encodeIfPresent(fate, forKey: .fate)
      try c.encodeIfPresent(pr, forKey: .pr)
      try c.encodeIfPresent(issues, forKey: .issues)
    }
  }
}
