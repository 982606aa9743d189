internal import Clibgit2
import Foundation
import OutcomeModel

/// What a mining run met on its way, for warnings and the closing summary.
public struct MiningSummary: Sendable, Hashable {
  public var changes = 0
  public var missingBlobs = 0
  public var shallowBoundaries = 0
  public var renameDetectionSkipped = 0

  public init() {}

  mutating func count(_ change: Change) {
    changes += 1
    missingBlobs += change.missingBlobs
    if change.isShallowBoundary { shallowBoundaries += 1 }
    if change.renameDetectionSkipped { renameDetectionSkipped += 1 }
  }
}

/// Computes each planned change's diff on several threads and delivers the changes in mainline order.
///
/// Each worker opens its own repository handle (libgit2 objects are not thread-safe); only OIDs cross
/// threads on the way in and only `Change` values on the way out.
public struct HistoryMiner: Sendable {
  public let gitDirectory: URL
  public let options: MiningOptions
  let attributes: AttributeSources

  /// `tip` is the commit whose tree decides how `.gitattributes` are read (default: HEAD).
  public init(repository: Repository, tip: CommitID? = nil, options: MiningOptions = MiningOptions()) {
    gitDirectory = repository.gitDirectory
    self.options = options
    attributes =
      (tip ?? (try? repository.resolve("HEAD"))).map { AttributeSources.plan(for: repository, tip: $0) }
      ?? .workTree
    var detailed = options
    detailed.detail = max(options.detail, .hunks)
    hunkOptions = detailed
    var side = options
    side.diffsOnlyFollowed = true
    sideOptions = side
    side.moves = .off
    sideMergeOptions = side
  }

  /// Hunks the workers made, for blob pairs diffed again (a merge repeats its branch commits' diffs).
  public let memo = HunkMemo()

  /// The options for commits off the mainline: nothing reads the lines of files the ledger does not
  /// follow (lock files, vendored code), so they are not diffed.
  let sideOptions: MiningOptions

  /// The options for merges off the mainline: their first-parent diff (often the whole mainline since
  /// the branch forked) is not searched for moves; their lines come from their other parents.
  let sideMergeOptions: MiningOptions

  /// The options for commits listed in `hunkCommits`.
  let hunkOptions: MiningOptions

  /// Mines every change of `plan` and calls `body` with each, oldest first, on the calling thread.
  public func mine(
    _ plan: MainlinePlan, body: (Change) throws -> Void
  ) throws -> MiningSummary {
    var summary = MiningSummary()
    let entries = plan.entries
    try runWorkers(count: entries.count) { index, worker throws(GitError) in
      try change(entries[index], index: index, worker: worker)
    } consume: { change in
      summary.count(change)
      try body(change)
    }
    return summary
  }

  /// One worker thread's libgit2 state: its own repository handle and readers.
  struct Worker {
    let repository: Repository
    let reader: DiffReader
    let hunkReader: DiffReader
    let sideMergeReader: DiffReader
    let sideReader: DiffReader
  }

  /// Produces items `0..<count` on worker threads (each claims the next block of neighbours when free)
  /// and consumes them in order on the calling thread.
  func runWorkers<Value: Sendable>(
    count: Int, produce: @escaping @Sendable (Int, Worker) throws(GitError) -> Value,
    consume: (Value) throws -> Void
  ) throws {
    guard count > 0 else { return }
    let workerCount = max(1, min(options.workers, count))
    let handoff = OrderedHandoff<Value>(window: options.lookahead)
    let latch = ThreadLatch(count: workerCount)
    let miner = self
    for _ in 0..<workerCount {
      let thread = Thread {
        defer { latch.done() }
        miner.work(count: count, handoff: handoff, produce: produce)
      }
      // xdiff recurses; the default secondary-thread stack is small on Linux.
      thread.stackSize = 16 << 20
      thread.start()
    }
    defer {
      handoff.cancel()
      latch.wait()
    }
    for _ in 0..<count {
      try consume(try handoff.take().get())
    }
  }

  private func work<Value: Sendable>(
    count: Int, handoff: OrderedHandoff<Value>,
    produce: (Int, Worker) throws(GitError) -> Value
  ) {
    let block = max(1, min(options.block, options.lookahead))
    let state: Worker
    do {
      let repository = try Repository(gitDirectory: gitDirectory, attributes: attributes)
      let memo = options.reusesHunks ? memo : nil
      state = Worker(
        repository: repository, reader: DiffReader(repository: repository, options: options, memo: memo),
        hunkReader: DiffReader(repository: repository, options: hunkOptions, memo: memo),
        sideMergeReader: DiffReader(repository: repository, options: sideMergeOptions, memo: memo),
        sideReader: DiffReader(repository: repository, options: sideOptions, memo: memo))
    } catch {
      // The run fails at this worker's first block, as it would have at its first commit.
      if let start = handoff.claim(block, of: count) { _ = handoff.put(start, .failure(error)) }
      return
    }
    // Runs of `block` neighbouring commits per worker: neighbours share trees and blobs, which then stay in
    // this worker's object cache. Blocks are claimed in order by whichever worker is free, so one slow
    // commit (a merge of thousands of files) holds up only its own block; the block the consumer waits
    // for is always claimed by a worker that is not blocked on the window, so the hand-off cannot
    // deadlock.
    while let start = handoff.claim(block, of: count) {
      for index in start..<min(start + block, count) {
        let result = Result<Value, any Error> { try produce(index, state) }
        guard handoff.put(index, result) else { return }
      }
    }
  }

  func change(_ entry: MainlinePlan.Entry, index: Int, worker: Worker) throws(GitError) -> Change {
    let repository = worker.repository
    let reader = worker.reader
    var change =
      options.mainlineHunks
      ? try diffed(entry.oid, repository: repository, reader: worker.hunkReader)
      : try diffed(entry.oid, worker: worker)
    change.index = index
    change.contributing = try entry.contributing.map { oid throws(GitError) in
      if options.contributingStats {
        let branchCommit = try diffed(oid, repository: repository, reader: reader)
        return ContributingCommit(commit: branchCommit.commit, linesAdded: branchCommit.linesAdded)
      }
      return ContributingCommit(commit: try repository.withCommit(oid) { CommitReader.info(of: $0) })
    }
    return change
  }

  /// Reads one commit and diffs it against its first parent, with hunks when the options ask for them.
  /// `side`: a commit off the mainline (`sideOptions`); `sideMerge`: a merge off the mainline, whose diff
  /// is not searched for moves either.
  func diffed(_ oid: OID, worker: Worker, side: Bool = false, sideMerge: Bool = false) throws(GitError)
    -> Change
  {
    try diffed(oid, repository: worker.repository, sideMerge: sideMerge) { info in
      options.hunkCommits.contains(info.id) || options.hunksWhen?(info) == true
        ? worker.hunkReader
        : sideMerge ? worker.sideMergeReader : side ? worker.sideReader : worker.reader
    }
  }

  /// Reads one commit and diffs it against its first parent.
  func diffed(_ oid: OID, repository: Repository, reader: DiffReader) throws(GitError) -> Change {
    try diffed(oid, repository: repository, sideMerge: false) { _ in reader }
  }

  /// `sideMerge`: files the merge took whole from another parent get no hunks (`sideMergeDiff`).
  private func diffed(
    _ oid: OID, repository: Repository, sideMerge: Bool, reader choose: (CommitInfo) -> DiffReader
  ) throws(GitError) -> Change {
    try repository.withCommit(oid) { commit throws(GitError) in
      let info = CommitReader.info(of: commit)
      let reader = choose(info)
      var parent: OpaquePointer?
      var boundary = false
      if git_commit_parentcount(commit) > 0 {
        let code = git_commit_parent(&parent, commit, 0)
        if code == GIT_ENOTFOUND.rawValue {
          // The parent is beyond a shallow boundary (or lost): diff against nothing, as git log does.
          git_error_clear()
          boundary = true
        } else {
          try check(code, "git_commit_parent")
        }
      }
      defer { git_commit_free(parent) }
      var result = sideMerge ? try reader.sideMergeDiff(commit: commit) : nil
      if result == nil { result = try reader.diff(commit: commit, againstParent: parent) }
      return Change(
        commit: info, files: result!.files, isShallowBoundary: boundary,
        renameDetectionSkipped: result!.renameDetectionSkipped)
    }
  }
}
