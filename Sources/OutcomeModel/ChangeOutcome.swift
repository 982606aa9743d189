/// How a change was reverted: the reverting change, when, and on what evidence.
public struct RevertRecord: Hashable, Sendable, Codable {
  /// The mainline change that reverted this one.
  public var by: String
  /// ISO-8601 UTC commit time of the reverting change.
  public var at: String
  /// Whole days from landing to the revert.
  public var days: Int
  /// `message` (`This reverts commit <sha>`), `subject` (`Revert "…"` matched by subject) or `pr`
  /// (a `Revert "… (#N)"` naming the reverted PR).
  public var via: String
  /// The revert was itself reverted later (the change re-landed); such a revert is cancelled.
  public var relandedBy: String?

  public init(by: String, at: String, days: Int, via: String, relandedBy: String? = nil) {
    self.by = by
    self.at = at
    self.days = days
    self.via = via
    self.relandedBy = relandedBy
  }
}

/// The pull request a change came from, as the tracker export tells it.
public struct PullRequestRef: Hashable, Sendable, Codable {
  public var number: Int
  /// `merged`, `closed` or `open`.
  public var state: String
  public var createdAt: String?
  public var mergedAt: String?

  public init(number: Int, state: String, createdAt: String?, mergedAt: String?) {
    self.number = number
    self.state = state
    self.createdAt = createdAt
    self.mergedAt = mergedAt
  }
}

/// What the line ledger measured for one change: its lines' fate after it landed.
///
/// Lines are counted in eligible files only (not vendored, generated, lock or binary files).
public struct LineFate: Hashable, Sendable, Codable {
  /// Added lines whose origin is this change or one of its contributing commits.
  public var owned: Int
  /// Owned lines whose origin commit (or git-ai note line) is AI-attributed.
  public var aiOwned: Int
  /// Owned lines still present at the end of history.
  public var alive: Int
  /// Of those, AI lines (for the AI share of surviving lines); nil in rows written before it existed.
  public var aiAlive: Int?
  /// Days from landing to the last commit of the history: the horizon that can be observed.
  public var observedDays: Int
  /// Owned lines alive N days after landing; nil when N is beyond `observedDays` (censored, not known).
  public var alive30d: Int?
  public var alive90d: Int?
  public var alive180d: Int?
  /// Owned lines removed or rewritten within 14 / 21 days; nil when the window has not passed.
  public var churned14d: Int?
  public var churned21d: Int?
  /// Of `churned21d`: removed by the change's own author, and by someone else.
  public var churned21dSelf: Int?
  public var churned21dOthers: Int?
  /// Added lines whose origin is an earlier change (moved or copied here, so not owned; `linesMoved`);
  /// nil when moves were not followed (`--moves off`): unmeasured, not zero.
  public var moved: Int?
  /// Added lines repeating a block of at least 5 non-blank lines found elsewhere before and after the
  /// change (copy-paste; `linesCopied`); nil when moves were not followed.
  public var copied: Int?
  /// Owned-line deaths as `[days after landing, lines]` pairs, ascending: the Kaplan–Meier input.
  /// Lines not listed are alive at `observedDays` (censored there).
  public var deaths: [[Int]]

  public init(
    owned: Int, aiOwned: Int, alive: Int, observedDays: Int, deaths: [[Int]] = []
  ) {
    self.owned = owned
    self.aiOwned = aiOwned
    self.alive = alive
    self.observedDays = observedDays
    self.deaths = deaths
  }
}
