import OutcomeModel

/// What the ledger needs to know about a commit besides its diff; the pipeline decides these.
public struct CommitFacts: Sendable {
  /// A small number per person (after mailmap), so deaths can tell self-rework from rework by others.
  public var person: Int
  /// The commit itself is AI-attributed: its lines are AI lines unless `aiLines` says otherwise.
  public var isAI: Bool
  /// 1-based AI line ranges per file path of this commit's new tree (git-ai notes, Agent Trace); nil when
  /// no line record covers the commit. With a record, lines outside its ranges are not AI lines.
  public var aiLines: [String: [ClosedRange<Int>]]?
  /// For mainline changes that fix a bug: run SZZ on the lines they remove.
  public var isFix: Bool

  public init(person: Int, isAI: Bool, aiLines: [String: [ClosedRange<Int>]]? = nil, isFix: Bool = false) {
    self.person = person
    self.isAI = isAI
    self.aiLines = aiLines
    self.isFix = isFix
  }
}

/// A release whose lines are counted: the tag's graph position and git's `previous..tag` range.
public struct ReleaseWindow: Sendable {
  public var position: Int
  /// By graph position: reachable from the tag and not from the previous tag.
  public var inRange: [Bool]

  public init(position: Int, inRange: [Bool]) {
    self.position = position
    self.inRange = inRange
  }
}

/// Knobs of one ledger run.
public struct LedgerConfiguration: Sendable {
  public var paths: PathFilter = .standard
  public var releases: [ReleaseWindow] = []
  /// Graph positions whose file states are kept after the pass, for `LineLedger.lines(at:)`.
  public var keptStates: Set<Int> = []
  /// How many of the newest mainline changes keep what they replaced, so a resumed run can start new
  /// branches from their states (0: no snapshot is wanted).
  public var undoDepth = 0
  /// Count each mainline change's copy-pasted lines (`ChangeLines.linesCopied`); needs the line hashes of
  /// every mainline change's hunks.
  public var copies = false

  public init(
    paths: PathFilter = .standard, releases: [ReleaseWindow] = [], keptStates: Set<Int> = [],
    undoDepth: Int = 0, copies: Bool = false
  ) {
    self.paths = paths
    self.releases = releases
    self.keptStates = keptStates
    self.undoDepth = undoDepth
    self.copies = copies
  }
}
