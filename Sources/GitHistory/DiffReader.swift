internal import Clibgit2
import OutcomeModel

/// Turns a tree-to-tree diff into `FileDiff` values. Runs on a worker's own repository handle.
struct DiffReader {
  let repository: Repository
  let options: MiningOptions
  /// Hunks of blob pairs other diffs of this run already made (nil: every pair is diffed).
  var memo: HunkMemo?

  struct Result {
    var files: [FileDiff]
    var renameDetectionSkipped: Bool
  }

  /// Diffs `commit` against its first parent, or against the empty tree for a root or shallow boundary.
  func diff(commit: OpaquePointer, againstParent parent: OpaquePointer?) throws(GitError) -> Result {
    var newTree: OpaquePointer?
    try check(git_commit_tree(&newTree, commit), "git_commit_tree")
    defer { git_tree_free(newTree) }
    var oldTree: OpaquePointer?
    if let parent {
      try check(git_commit_tree(&oldTree, parent), "git_commit_tree")
    }
    defer { git_tree_free(oldTree) }
    return try diff(oldTree: oldTree, newTree: newTree)
  }

  private func diff(oldTree: OpaquePointer?, newTree: OpaquePointer?) throws(GitError) -> Result {
    // Moves are searched only where the options keep hunk positions, which they are found from.
    let gatherer =
      options.moves != .off && options.detail >= .positions
      ? MoveGatherer(mode: options.moves, follows: options.movesFollow) : nil
    var result: Result
    if !options.libgit2TreeDiff, let changed = try changedBlobs(old: oldTree, new: newTree) {
      result = Result(files: try blobDiffs(changed, gatherer: gatherer), renameDetectionSkipped: false)
    } else {
      result = try libgit2Diff(oldTree: oldTree, newTree: newTree, gatherer: gatherer)
    }
    gatherer?.finish(&result.files)
    return result
  }

  /// libgit2's own tree diff, with rename detection: for changes the tree walk leaves to it.
  func libgit2Diff(
    oldTree: OpaquePointer?, newTree: OpaquePointer?, gatherer: MoveGatherer? = nil
  ) throws(GitError) -> Result {
    var diffOptions = Self.zeroContextOptions()
    diffOptions.flags |= GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
    var diff: OpaquePointer?
    try check(
      git_diff_tree_to_tree(&diff, repository.handle, oldTree, newTree, &diffOptions), "git_diff_tree_to_tree"
    )
    defer { git_diff_free(diff) }

    var skipped = false
    if options.detectRenames {
      skipped = try findRenames(in: diff!)
    }
    let count = git_diff_num_deltas(diff)
    if let pairs = blobPairs(diff!, count: count) {
      return Result(files: try diffPairs(pairs, gatherer: gatherer), renameDetectionSkipped: skipped)
    }
    var files: [FileDiff]
    if options.detail <= .positions, let counted = streamedStats(diff!, count: count) {
      files = counted
    } else {
      files = []
      files.reserveCapacity(count)
      for index in 0..<count {
        files.append(try file(at: index, in: diff!))
      }
    }
    if let gatherer { gather(files, from: diff!, into: gatherer) }
    return Result(files: files, renameDetectionSkipped: skipped)
  }

  /// Each delta with the blob ids to diff, so renames are diffed like every other pair (git's tail cut,
  /// the hunk memo); nil when a delta needs libgit2's own patch (a type change, a submodule).
  private func blobPairs(_ diff: OpaquePointer, count: Int) -> [BlobPair]? {
    var pairs: [BlobPair] = []
    pairs.reserveCapacity(count)
    for index in 0..<count {
      let delta = git_diff_get_delta(diff, index)!.pointee
      guard delta.status != GIT_DELTA_TYPECHANGE else { return nil }
      let file = Self.describe(delta)
      let hasOld = file.kind != .added
      let hasNew = file.kind != .deleted
      guard !hasOld || Self.isBlobMode(delta.old_file.mode), !hasNew || Self.isBlobMode(delta.new_file.mode)
      else { return nil }
      pairs.append(
        (file, hasOld ? OID(delta.old_file.id) : nil, hasNew ? OID(delta.new_file.id) : nil))
    }
    return pairs
  }

  /// Line counts from hunk headers alone, streamed by `git_diff_foreach` so no patch lines are stored.
  ///
  /// With zero context lines every hunk is pure change, so its old and new line counts are exactly the
  /// deleted and added lines. Returns nil when the diff cannot be streamed (a missing blob, or a type
  /// change that needs the per-file path), and the caller falls back to per-file patches.
  private func streamedStats(_ diff: OpaquePointer, count: Int) -> [FileDiff]? {
    var files: [FileDiff] = []
    files.reserveCapacity(count)
    for index in 0..<count {
      let delta = git_diff_get_delta(diff, index)!.pointee
      if delta.status == GIT_DELTA_TYPECHANGE { return nil }
      files.append(Self.describe(delta))
    }
    let tally = StatsTally(diff: diff, count: count, keepPositions: options.detail == .positions)
    let code = withExtendedLifetime(tally) {
      git_diff_foreach(
        diff,
        { delta, _, payload in StatsTally.from(payload).enter(delta) },
        nil,
        { _, hunk, payload in StatsTally.from(payload).add(hunk) },
        nil,
        Unmanaged.passUnretained(tally).toOpaque())
    }
    guard code == 0 else {
      git_error_clear()
      return nil
    }
    for index in 0..<count {
      if git_diff_get_delta(diff, index)!.pointee.flags & GIT_DIFF_FLAG_BINARY.rawValue != 0 {
        files[index].isBinary = true
      } else {
        files[index].linesAdded = tally.added[index]
        files[index].linesDeleted = tally.deleted[index]
        if tally.keepPositions { files[index].hunks = tally.hunks[index] }
      }
    }
    return files
  }

  /// Returns true when inexact detection was skipped because the change is too large (git's limit rule).
  func findRenames(in diff: OpaquePointer) throws(GitError) -> Bool {
    let added = git_diff_num_deltas_of_type(diff, GIT_DELTA_ADDED)
    let deleted = git_diff_num_deltas_of_type(diff, GIT_DELTA_DELETED)
    guard added > 0, deleted > 0 else { return false }
    let tooLarge = added * deleted > options.renameLimit * options.renameLimit
    var findOptions = git_diff_find_options()
    try check(
      git_diff_find_options_init(&findOptions, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)),
      "git_diff_find_options_init")
    findOptions.flags = GIT_DIFF_FIND_RENAMES.rawValue
    if tooLarge { findOptions.flags |= GIT_DIFF_FIND_EXACT_MATCH_ONLY.rawValue }
    findOptions.rename_limit = options.renameLimit
    let code = git_diff_find_similar(diff, &findOptions)
    if code == GIT_ENOTFOUND.rawValue {
      // A missing blob (partial clone) cannot be compared; keep the plain add/delete pairs.
      git_error_clear()
      return true
    }
    try check(code, "git_diff_find_similar")
    return tooLarge
  }

  private func file(at index: Int, in diff: OpaquePointer) throws(GitError) -> FileDiff {
    let delta = git_diff_get_delta(diff, index)!.pointee
    let kind = Self.kind(delta.status)
    var file = Self.describe(delta)
    var patch: OpaquePointer?
    let code =
      kind == .typeChange
      ? typeChangePatch(&patch, delta)
      : git_patch_from_diff(&patch, diff, index)
    if code == GIT_ENOTFOUND.rawValue {
      git_error_clear()
      file.isMissing = true
      return file
    }
    try check(code, "git_patch_from_diff")
    defer { git_patch_free(patch) }
    guard let patch else { return file }
    try fill(&file, from: patch)
    return file
  }

  /// Binary flag, line counts and (with the detail for them) hunks of one file's patch.
  func fill(_ file: inout FileDiff, from patch: OpaquePointer) throws(GitError) {
    let flags = git_patch_get_delta(patch)!.pointee.flags
    if flags & GIT_DIFF_FLAG_BINARY.rawValue != 0 {
      file.isBinary = true
      return
    }
    var added = 0
    var deleted = 0
    try check(git_patch_line_stats(nil, &added, &deleted, patch), "git_patch_line_stats")
    file.linesAdded = added
    file.linesDeleted = deleted
    if options.detail >= .positions {
      file.hunks = try hunks(of: patch)
    }
  }

  /// libgit2 gives a type change (file <-> symlink) an empty patch; git counts it as the text of the old
  /// blob replaced by the new one, so diff the two blobs directly.
  private func typeChangePatch(_ patch: inout OpaquePointer?, _ delta: git_diff_delta) -> Int32 {
    var oldID = delta.old_file.id
    var newID = delta.new_file.id
    var oldBlob: OpaquePointer?
    var newBlob: OpaquePointer?
    let oldIsBlob = Self.isBlobMode(delta.old_file.mode)
    let newIsBlob = Self.isBlobMode(delta.new_file.mode)
    if oldIsBlob {
      let code = git_blob_lookup(&oldBlob, repository.handle, &oldID)
      if code < 0 { return code }
    }
    defer { git_blob_free(oldBlob) }
    if newIsBlob {
      let code = git_blob_lookup(&newBlob, repository.handle, &newID)
      if code < 0 { return code }
    }
    defer { git_blob_free(newBlob) }
    var diffOptions = Self.zeroContextOptions()
    return git_patch_from_blobs(
      &patch, oldBlob, delta.old_file.path, newBlob, delta.new_file.path, &diffOptions)
  }

  /// Regular files and symlinks hold blobs; gitlinks (submodules) and trees do not.
  static func isBlobMode(_ mode: UInt16) -> Bool {
    let type = mode & 0o170000
    return type == 0o100000 || type == 0o120000
  }

  private func hunks(of patch: OpaquePointer) throws(GitError) -> [Hunk] {
    let keepText = options.detail >= .lines
    let keepLines = options.detail >= .hunks
    let count = git_patch_num_hunks(patch)
    var result: [Hunk] = []
    result.reserveCapacity(count)
    for hunkIndex in 0..<count {
      var header: UnsafePointer<git_diff_hunk>?
      var lineCount = 0
      try check(git_patch_get_hunk(&header, &lineCount, patch, hunkIndex), "git_patch_get_hunk")
      let h = header!.pointee
      var hunk = Hunk(
        oldStart: Int(h.old_start), oldCount: Int(h.old_lines), newStart: Int(h.new_start),
        newCount: Int(h.new_lines))
      guard keepLines else {
        result.append(hunk)
        continue
      }
      hunk.removed.reserveCapacity(Int(h.old_lines))
      hunk.added.reserveCapacity(Int(h.new_lines))
      for lineIndex in 0..<lineCount {
        var line: UnsafePointer<git_diff_line>?
        try check(
          git_patch_get_line_in_hunk(&line, patch, hunkIndex, lineIndex), "git_patch_get_line_in_hunk")
        let l = line!.pointee
        let origin = UInt8(bitPattern: l.origin)
        guard origin == UInt8(ascii: "+") || origin == UInt8(ascii: "-") else { continue }
        let bytes = UnsafeRawBufferPointer(start: l.content, count: l.content_len)
        let diffLine = LineHasher.line(bytes, keepText: keepText)
        if origin == UInt8(ascii: "+") {
          hunk.added.append(diffLine)
        } else {
          hunk.removed.append(diffLine)
        }
      }
      result.append(hunk)
    }
    return result
  }

  /// Zero context lines, so every hunk is pure change and its header counts are the line counts.
  static func zeroContextOptions() -> git_diff_options {
    var options = git_diff_options()
    git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
    options.context_lines = 0
    options.interhunk_lines = 0
    // git's default since 2.14: it decides where an ambiguous hunk sits, and so which lines blame keeps.
    options.flags |= GIT_DIFF_INDENT_HEURISTIC.rawValue
    return options
  }

  /// Paths, kind and modes of a delta, before any content is read.
  static func describe(_ delta: git_diff_delta) -> FileDiff {
    let kind = Self.kind(delta.status)
    return FileDiff(
      oldPath: kind == .added ? nil : delta.old_file.path.map { String(cString: $0) },
      newPath: kind == .deleted ? nil : delta.new_file.path.map { String(cString: $0) },
      kind: kind,
      oldMode: UInt32(delta.old_file.mode),
      newMode: UInt32(delta.new_file.mode),
      similarity: kind == .renamed || kind == .copied ? Int(delta.similarity) : 0
    )
  }

  static func kind(_ status: git_delta_t) -> FileChangeKind {
    switch status {
    case GIT_DELTA_ADDED: return .added
    case GIT_DELTA_DELETED: return .deleted
    case GIT_DELTA_RENAMED: return .renamed
    case GIT_DELTA_COPIED: return .copied
    case GIT_DELTA_TYPECHANGE: return .typeChange
    default: return .modified
    }
  }
}

/// Per-delta counters filled from `git_diff_foreach` callbacks, which only get a context pointer.
private final class StatsTally {
  let diff: OpaquePointer
  var added: [Int]
  var deleted: [Int]
  let keepPositions: Bool
  var hunks: [[Hunk]]
  var cursor = -1

  init(diff: OpaquePointer, count: Int, keepPositions: Bool) {
    self.diff = diff
    self.keepPositions = keepPositions
    added = Array(repeating: 0, count: count)
    deleted = Array(repeating: 0, count: count)
    hunks = keepPositions ? Array(repeating: [], count: count) : []
  }

  static func from(_ payload: UnsafeMutableRawPointer?) -> StatsTally {
    Unmanaged<StatsTally>.fromOpaque(payload!).takeUnretainedValue()
  }

  /// Callbacks may skip deltas, so find the one being entered by identity rather than by counting.
  func enter(_ delta: UnsafePointer<git_diff_delta>?) -> Int32 {
    var next = cursor + 1
    while next < added.count, git_diff_get_delta(diff, next) != delta { next += 1 }
    guard next < added.count else { return -1 }
    cursor = next
    return 0
  }

  func add(_ hunk: UnsafePointer<git_diff_hunk>?) -> Int32 {
    guard cursor >= 0, let hunk else { return -1 }
    let h = hunk.pointee
    added[cursor] += Int(h.new_lines)
    deleted[cursor] += Int(h.old_lines)
    if keepPositions {
      hunks[cursor].append(
        Hunk(
          oldStart: Int(h.old_start), oldCount: Int(h.old_lines), newStart: Int(h.new_start),
          newCount: Int(h.new_lines)))
    }
    return 0
  }
}
