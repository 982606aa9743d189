/// Lines of one mainline change, as the ledger saw them.
public struct ChangeLines: Sendable, Hashable {
  public var time: Int64
  public var person: Int
  /// Added lines in counted files whose landing is this change (what `git blame --first-parent` gives it).
  public var owned = 0
  /// Of those, lines whose origin commit (or note line) is AI-attributed.
  public var aiOwned = 0
  /// Lines of this change removed from the mainline, by whole days after landing.
  public var deaths: [Int: DeathCount] = [:]
  /// Owned AI lines that left the mainline (any time).
  public var aiDeaths = 0
  /// Files in the change's first-parent diff, for SZZ's large-commit filter.
  public var filesChanged = 0
  /// For fix changes: mainline changes owning the lines it removed (after the line filters), with counts.
  public var blamed: [Int: Int] = [:]
  /// Added lines whose origin is an earlier change: moved or copied here from the first parent's code
  /// (`git blame --first-parent -M -C`), so not owned by this change.
  public var linesMoved = 0
  /// Added lines that repeat, after white space is removed, a block of at least 5 non-blank lines that
  /// existed elsewhere at the first parent and still exists after the change (copy-paste).
  public var linesCopied = 0
  /// For fix changes: lines removed at all (0 means a ghost fix that only adds lines).
  public var removedLines = 0

  public init(time: Int64, person: Int) {
    self.time = time
    self.person = person
  }

  public var deathTotal: Int { deaths.values.reduce(0) { $0 + $1.total } }
}

/// Lines that died on one day, split by who removed them.
public struct DeathCount: Sendable, Hashable {
  /// Removed by the person who wrote them.
  public var own = 0
  public var others = 0

  public init(own: Int = 0, others: Int = 0) {
    self.own = own
    self.others = others
  }

  public var total: Int { own + others }
}

/// Lines at a release tag whose origin is in the release's range, and how many of them are AI lines.
public struct ReleaseCount: Sendable, Hashable {
  public var position: Int
  public var lines = 0
  public var aiLines = 0
}
