internal import Clibgit2
import OutcomeModel

extension DiffReader {
  /// A file as described before its content is read, with the blob ids to diff (nil: no blob that side).
  typealias BlobPair = (file: FileDiff, old: OID?, new: OID?)

  /// One changed blob between two trees, found without libgit2's diff machinery.
  struct ChangedBlob {
    var path: String
    var old: (id: OID, mode: UInt32)?
    var new: (id: OID, mode: UInt32)?

    /// Its paths, kind and modes, before any content is read.
    var described: FileDiff {
      let kind: FileChangeKind = old == nil ? .added : new == nil ? .deleted : .modified
      return FileDiff(
        oldPath: kind == .added ? nil : path, newPath: kind == .deleted ? nil : path, kind: kind,
        oldMode: old?.mode ?? 0, newMode: new?.mode ?? 0)
    }
  }

  /// The changed blobs of two trees, walking only subtrees whose ids differ (as git does).
  ///
  /// libgit2's tree-to-tree diff flattens both trees and compares every file, so on git/git each commit
  /// paid for ~4,000 entries to find the three it changed: 42% of the whole pass in the profile. Returns
  /// nil when the change needs libgit2's rules: added and deleted files together (rename detection),
  /// a type change, a mode change alone, or a submodule.
  func changedBlobs(old: OpaquePointer?, new: OpaquePointer?) throws(GitError) -> [ChangedBlob]? {
    var walk = TreeWalk(repository: repository.handle)
    try walk.compare(old, new, prefix: "")
    guard !walk.needsLibgit2, !(options.detectRenames && walk.added > 0 && walk.deleted > 0) else {
      return nil
    }
    return walk.changes
  }

  /// The diff of `changes` blob by blob, in libgit2's delta order, with the detail the options ask for.
  func blobDiffs(_ changes: [ChangedBlob], gatherer: MoveGatherer? = nil) throws(GitError) -> [FileDiff] {
    try diffPairs(
      changes.sorted(by: { Self.pathOrder($0.path, $1.path) }).map { ($0.described, $0.old?.id, $0.new?.id) },
      gatherer: gatherer)
  }

  /// Each described file diffed from its blob ids, except (for commits off the mainline) files the
  /// ledger does not follow, which keep only their description.
  func diffPairs(_ pairs: [BlobPair], gatherer: MoveGatherer?) throws(GitError) -> [FileDiff] {
    var files: [FileDiff] = []
    files.reserveCapacity(pairs.count)
    for pair in pairs {
      var file = pair.file
      if !options.diffsOnlyFollowed || options.movesFollow?(file.path) ?? true {
        try diffBlobs(&file, old: pair.old, new: pair.new, gatherer: gatherer)
      }
      files.append(file)
    }
    return files
  }

  /// Diffs one described file's blob pair (a nil id: no blob on that side) at the options' detail, and
  /// hands it to the move search while its blobs are loaded.
  func diffBlobs(_ file: inout FileDiff, old: OID?, new: OID?, gatherer: MoveGatherer?) throws(GitError) {
    let path = file.newPath ?? file.oldPath ?? ""
    let oldPath = file.oldPath.flatMap { $0 == path ? nil : $0 }
    if options.detail >= .hunks {
      try patchFromBlobs(&file, old: old, new: new, path: path, oldPath: oldPath, gatherer: gatherer)
      return
    }
    let described = file
    let (hunks, binary, missing) = blobHunks(old: old, new: new, path: path, oldPath: oldPath) {
      old, new, hunks, binary in
      guard let gatherer, !binary else { return }
      var seen = described
      seen.hunks = hunks
      gatherer.add(seen, old: old, new: new)
    }
    file.isMissing = missing
    file.isBinary = binary && !missing
    if !binary, !missing {
      for hunk in hunks {
        file.linesAdded += hunk.newCount
        file.linesDeleted += hunk.oldCount
      }
      if options.detail == .positions { file.hunks = hunks }
    }
  }

  /// The memo's key for a pair: the path, or both paths of a rename (their attributes may differ).
  static func memoKey(path: String, oldPath: String?) -> String {
    oldPath.map { $0 + "\u{0}" + path } ?? path
  }

  /// libgit2 orders deltas by path, byte by byte.
  static func pathOrder(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
  }

  /// Counts and (at `.hunks` detail and above) line hashes from a blob-to-blob patch.
  private func patchFromBlobs(
    _ file: inout FileDiff, old: OID?, new: OID?, path: String, oldPath: String?, gatherer: MoveGatherer?
  ) throws(GitError) {
    let key = Self.memoKey(path: path, oldPath: oldPath)
    var oldBlob: OpaquePointer?
    var newBlob: OpaquePointer?
    defer {
      git_blob_free(oldBlob)
      git_blob_free(newBlob)
    }
    for (id, blob) in [(old, 0), (new, 1)] {
      guard var raw = id?.gitOID else { continue }
      var found: OpaquePointer?
      let code = git_blob_lookup(&found, repository.handle, &raw)
      if code == GIT_ENOTFOUND.rawValue {
        git_error_clear()
        file.isMissing = true
        return
      }
      try check(code, "git_blob_lookup")
      if blob == 0 { oldBlob = found } else { newBlob = found }
    }
    if let memo, let old, let new, let oldBlob, let newBlob,
      let known = memo.hunks(old: old, new: new, path: key)
    {
      if known.binary {
        file.isBinary = true
      } else {
        file.hunks = Self.withLines(
          known.hunks, old: oldBlob, new: newBlob, keepText: options.detail >= .lines)
        for hunk in known.hunks {
          file.linesAdded += hunk.newCount
          file.linesDeleted += hunk.oldCount
        }
      }
      gatherer?.add(file, old: oldBlob, new: newBlob)
      return
    }
    var diffOptions = Self.zeroContextOptions()
    var patch: OpaquePointer?
    try check(
      withDiffInputs(old: oldBlob, new: newBlob, path: path, oldPath: oldPath) {
        oldBlob, newBlob, oldName, newName in
        git_patch_from_blobs(&patch, oldBlob, oldName, newBlob, newName, &diffOptions)
      }, "git_patch_from_blobs")
    defer { git_patch_free(patch) }
    guard let patch else { return }
    try fill(&file, from: patch)
    if let memo, let old, let new {
      memo.remember(old: old, new: new, path: key, hunks: file.hunks, binary: file.isBinary)
    }
    gatherer?.add(file, old: oldBlob, new: newBlob)
  }

  /// Remembered hunk positions with the hashes of their lines, read from the two blobs.
  static func withLines(_ hunks: [Hunk], old: OpaquePointer, new: OpaquePointer, keepText: Bool) -> [Hunk] {
    var oldLines = LineCursor(LibGit2.bytes(of: old))
    var newLines = LineCursor(LibGit2.bytes(of: new))
    return hunks.map { hunk in
      var full = hunk
      full.removed.reserveCapacity(hunk.oldCount)
      full.added.reserveCapacity(hunk.newCount)
      oldLines.lines(from: hunk.oldStart, count: hunk.oldCount) {
        full.removed.append(LineHasher.line($0, keepText: keepText))
      }
      newLines.lines(from: hunk.newStart, count: hunk.newCount) {
        full.added.append(LineHasher.line($0, keepText: keepText))
      }
      return full
    }
  }
}

/// A recursive walk of two trees that descends only where subtree ids differ.
struct TreeWalk {
  let repository: OpaquePointer
  var changes: [DiffReader.ChangedBlob] = []
  var added = 0
  var deleted = 0
  var needsLibgit2 = false
  /// Stop at the first entry libgit2 must handle (false: list every changed blob anyway).
  var stopsEarly = true
  /// Descend into folders only the new tree has (false: a walk that wants only what the new tree lacks
  /// reads none of them; a subtree merge's new tree is the whole project).
  var entersAddedFolders = true

  init(repository: OpaquePointer) { self.repository = repository }

  private static let treeMode: UInt32 = 0o040000
  private static let typeMask: UInt32 = 0o170000
  private static let blobModes: Set<UInt32> = [0o100000, 0o120000]

  mutating func compare(_ old: OpaquePointer?, _ new: OpaquePointer?, prefix: String) throws(GitError) {
    let oldCount = old.map { git_tree_entrycount($0) } ?? 0
    let newCount = new.map { git_tree_entrycount($0) } ?? 0
    var i = 0
    var j = 0
    while (i < oldCount || j < newCount) && !(stopsEarly && needsLibgit2) {
      let a = i < oldCount ? git_tree_entry_byindex(old, i) : nil
      let b = j < newCount ? git_tree_entry_byindex(new, j) : nil
      let order: Int32
      if let a, let b { order = git_tree_entry_cmp(a, b) } else { order = a == nil ? 1 : -1 }
      if order < 0 {
        try side(a!, prefix: prefix, isOld: true)
        i += 1
      } else if order > 0 {
        try side(b!, prefix: prefix, isOld: false)
        j += 1
      } else {
        try both(a!, b!, prefix: prefix)
        i += 1
        j += 1
      }
    }
  }

  private static func mode(_ entry: OpaquePointer) -> UInt32 {
    UInt32(git_tree_entry_filemode(entry).rawValue)
  }

  private static func path(_ entry: OpaquePointer, prefix: String) -> String {
    prefix + String(cString: git_tree_entry_name(entry))
  }

  /// An entry on one side only: a file added or deleted, or a whole folder of them.
  private mutating func side(_ entry: OpaquePointer, prefix: String, isOld: Bool) throws(GitError) {
    let mode = Self.mode(entry)
    let path = Self.path(entry, prefix: prefix)
    if mode & Self.typeMask == Self.treeMode {
      guard isOld || entersAddedFolders else { return }
      let tree = try lookupTree(entry)
      defer { git_tree_free(tree) }
      try isOld ? compare(tree, nil, prefix: path + "/") : compare(nil, tree, prefix: path + "/")
      return
    }
    guard Self.blobModes.contains(mode & Self.typeMask) else {
      needsLibgit2 = true
      return
    }
    let id = OID(git_tree_entry_id(entry)!)
    if isOld {
      deleted += 1
      changes.append(DiffReader.ChangedBlob(path: path, old: (id, mode), new: nil))
    } else {
      added += 1
      changes.append(DiffReader.ChangedBlob(path: path, old: nil, new: (id, mode)))
    }
  }

  /// The same name on both sides.
  private mutating func both(_ a: OpaquePointer, _ b: OpaquePointer, prefix: String) throws(GitError) {
    let oldID = OID(git_tree_entry_id(a)!)
    let newID = OID(git_tree_entry_id(b)!)
    let oldMode = Self.mode(a)
    let newMode = Self.mode(b)
    if oldID == newID && oldMode == newMode { return }
    if oldMode & Self.typeMask == Self.treeMode && newMode & Self.typeMask == Self.treeMode {
      let path = Self.path(a, prefix: prefix)
      let oldTree = try lookupTree(a)
      defer { git_tree_free(oldTree) }
      let newTree = try lookupTree(b)
      defer { git_tree_free(newTree) }
      try compare(oldTree, newTree, prefix: path + "/")
      return
    }
    // Tree order puts a folder and a file of the same name apart, so both are blobs or submodules here.
    guard oldMode & Self.typeMask == newMode & Self.typeMask,
      Self.blobModes.contains(oldMode & Self.typeMask),
      oldID != newID
    else {
      needsLibgit2 = true
      return
    }
    changes.append(
      DiffReader.ChangedBlob(path: Self.path(a, prefix: prefix), old: (oldID, oldMode), new: (newID, newMode))
    )
  }

  private func lookupTree(_ entry: OpaquePointer) throws(GitError) -> OpaquePointer? {
    var tree: OpaquePointer?
    try check(git_tree_lookup(&tree, repository, git_tree_entry_id(entry)), "git_tree_lookup")
    return tree
  }
}
