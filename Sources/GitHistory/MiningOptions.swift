import Foundation
import OutcomeModel

/// How much of each diff the miner keeps.
public enum DiffDetail: Int, Sendable, Comparable {
  /// Per-file line counts only (what `git log --numstat` shows).
  case stats
  /// Plus zero-context hunk positions without line contents (what the line ledger needs).
  case positions
  /// Plus each changed line's hashes (what SZZ's filters and git-ai notes need).
  case hunks
  /// Plus each changed line's text.
  case lines

  public static func < (lhs: DiffDetail, rhs: DiffDetail) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Knobs for one mining run. Expensive options are named and off unless a caller needs them.
public struct MiningOptions: Sendable {
  public var detail: DiffDetail = .stats
  /// Rename detection as `git log -M` does it, on by default so line origins can follow moved files.
  public var detectRenames = true
  /// When added × deleted files exceed this squared, only exact renames are detected (git's rule).
  public var renameLimit = 1000
  /// Commits that get hunks even when `detail` is `.stats` (those with git-ai notes need line numbers).
  public var hunkCommits: Set<CommitID> = []
  /// Commits that get hunks with line hashes when this says so, decided on the worker from the commit's
  /// metadata (fix changes, whose removed lines SZZ filters line by line).
  public var hunksWhen: (@Sendable (CommitInfo) -> Bool)?
  /// Mainline changes get hunks with line hashes whatever `detail` says (copy-pasted lines need them).
  public var mainlineHunks = false
  /// Which moved and copied lines each diff reports in `FileDiff.moves` (needs `.positions` detail).
  public var moves: MoveDetection = .off
  /// Files whose lines are followed at all: others are neither searched for moves nor moved from (the
  /// ledger could not give their lines an origin anyway), nor diffed with `diffsOnlyFollowed`. Nil: every
  /// file.
  public var movesFollow: (@Sendable (String) -> Bool)?
  /// Files `movesFollow` rejects get no text diff (no hunks, no line counts): for commits off the
  /// mainline, whose lines only the ledger reads and whose counts no row shows.
  public var diffsOnlyFollowed = false
  /// Take the hunks of a blob pair another diff of the run already made (`HunkMemo`) instead of diffing
  /// it again; off only in tests that compare the two.
  public var reusesHunks = true
  /// Also count the lines each contributing commit of a merge added (a diff per branch commit).
  public var contributingStats = false
  /// Worker threads, each with its own repository handle.
  public var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
  /// Neighbouring commits each worker takes in a row (they share trees, so its cache keeps them).
  public var block = ProcessInfo.processInfo.environment["OUTCOMES_BLOCK"].flatMap(Int.init) ?? 16
  /// Diff every commit with libgit2's tree diff instead of the walk that skips unchanged folders (tests
  /// compare the two).
  public var libgit2TreeDiff = false
  /// How far workers may run ahead of the consumer; bounds memory on huge histories.
  public var lookahead = 256

  public init() {}
}
