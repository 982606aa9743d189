internal import Clibgit2
import Foundation
import OutcomeModel

extension DiffReader {
  /// A merge off the mainline against its first parent, text-diffing only the files it took from no
  /// parent; nil when only the full diff will do (a type or mode change, a submodule, a parent beyond a
  /// shallow boundary, or a file of its own next to deleted ones, which may be a rename).
  ///
  /// Such a merge mostly brings one branch's files into another, and blame hands a file identical to one
  /// parent's version to that parent whole: reading and diffing those blobs (git/git's 5,621 side merges
  /// add 4.2 million lines against their first parents) only to overlay the parent's lines afterwards
  /// was a fifth of the pass.
  func sideMergeDiff(commit: OpaquePointer) throws(GitError) -> Result? {
    guard !options.libgit2TreeDiff else { return nil }
    var trees: [OpaquePointer] = []
    defer { trees.forEach { git_tree_free($0) } }
    for index in 0..<git_commit_parentcount(commit) {
      var parent: OpaquePointer?
      let code = git_commit_parent(&parent, commit, index)
      if code == GIT_ENOTFOUND.rawValue {
        git_error_clear()
        return nil
      }
      try check(code, "git_commit_parent")
      defer { git_commit_free(parent) }
      var tree: OpaquePointer?
      try check(git_commit_tree(&tree, parent), "git_commit_tree")
      trees.append(tree!)
    }
    var mergeTree: OpaquePointer?
    try check(git_commit_tree(&mergeTree, commit), "git_commit_tree")
    defer { git_tree_free(mergeTree) }
    var walk = TreeWalk(repository: repository.handle)
    try walk.compare(trees[0], mergeTree, prefix: "")
    guard !walk.needsLibgit2 else { return nil }

    var taken: [FileDiff] = []
    var own: [ChangedBlob] = []
    for change in walk.changes {
      let donor = trees.indices.dropFirst().first { index in
        let other = Self.blobID(change.path, in: trees[index])
        return change.new.map { other == $0.id } ?? (other == nil)
      }
      guard let donor else {
        own.append(change)
        continue
      }
      var file = change.described
      file.takenFromParent = donor
      taken.append(file)
    }
    if options.detectRenames, walk.deleted > 0, own.contains(where: { $0.old == nil }) { return nil }
    let files = try blobDiffs(own) + taken
    return Result(files: files.sorted { Self.pathOrder($0.path, $1.path) }, renameDetectionSkipped: false)
  }

  /// A merge's diffs against one other parent, only for the files its first-parent diff touches: the only
  /// files whose lines the ledger looks up in other parents.
  ///
  /// Each file is compared blob to blob at the same path, which is far cheaper than a tree diff when the
  /// branch is old. A file missing at that path in the parent may have been renamed on that side; then
  /// the trees are diffed with rename detection, but only those files get hunks (an old branch differs
  /// from the merge in thousands of files, whose patches the ledger never reads). Files identical in
  /// the parent are left out, which the ledger reads as "unchanged against this parent".
  func otherParentDiff(
    commit: OpaquePointer, parentIndex: UInt32, firstParentFiles: [FileDiff]
  ) throws(GitError) -> [FileDiff] {
    var parent: OpaquePointer?
    try check(git_commit_parent(&parent, commit, parentIndex), "git_commit_parent")
    defer { git_commit_free(parent) }
    var parentTree: OpaquePointer?
    try check(git_commit_tree(&parentTree, parent), "git_commit_tree")
    defer { git_tree_free(parentTree) }
    var mergeTree: OpaquePointer?
    try check(git_commit_tree(&mergeTree, commit), "git_commit_tree")
    defer { git_tree_free(mergeTree) }

    var result: [FileDiff] = []
    var missing: Set<String> = []
    for file in firstParentFiles where file.takenFromParent == nil {
      guard let path = file.newPath, !file.isBinary, !file.isMissing, file.kind != .deleted else { continue }
      guard let newID = Self.blobID(path, in: mergeTree!) else { continue }
      guard let oldID = Self.blobID(path, in: parentTree!) else {
        missing.insert(path)
        continue
      }
      if oldID == newID { continue }
      var entry = FileDiff(oldPath: path, newPath: path, kind: .modified)
      let (hunks, binary, missing) = blobHunks(old: oldID, new: newID, path: path)
      entry.hunks = hunks
      entry.isBinary = binary
      entry.isMissing = missing
      result.append(entry)
    }
    if !missing.isEmpty {
      result += try renamedInto(missing, from: parentTree!, to: mergeTree!)
    }
    return result
  }

  /// Where each of `paths` (missing in the parent) came from: rename detection between those files and
  /// the parent's files the merge no longer has, as `git blame` follows one path (`single_follow`).
  ///
  /// An old branch lacks thousands of files the merge has; detecting renames over all of them (the
  /// earlier way) hashed every one for similarity, the largest cost of the whole pass on git/git.
  private func renamedInto(
    _ paths: Set<String>, from parentTree: OpaquePointer, to mergeTree: OpaquePointer
  ) throws(GitError) -> [FileDiff] {
    var walk = TreeWalk(repository: repository.handle)
    walk.stopsEarly = false
    walk.entersAddedFolders = false
    try walk.compare(parentTree, mergeTree, prefix: "")
    let sources = walk.changes.lazy.filter { $0.new == nil }.map(\.path)
    var pathspec: [UnsafeMutablePointer<CChar>?] = (paths.sorted() + sources).map { strdup($0) }
    defer { pathspec.forEach { free($0) } }
    var diffOptions = Self.zeroContextOptions()
    diffOptions.flags |= GIT_DIFF_INCLUDE_TYPECHANGE.rawValue | GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue
    var diff: OpaquePointer?
    let code = pathspec.withUnsafeMutableBufferPointer { buffer in
      diffOptions.pathspec = git_strarray(strings: buffer.baseAddress, count: buffer.count)
      return git_diff_tree_to_tree(&diff, repository.handle, parentTree, mergeTree, &diffOptions)
    }
    try check(code, "git_diff_tree_to_tree")
    defer { git_diff_free(diff) }
    if options.detectRenames {
      _ = try findRenames(in: diff!)
    }
    var result: [FileDiff] = []
    for index in 0..<git_diff_num_deltas(diff) {
      let delta = git_diff_get_delta(diff, index)!.pointee
      var entry = Self.describe(delta)
      guard let newPath = entry.newPath, paths.contains(newPath) else { continue }
      if entry.kind != .added {
        let (hunks, binary, missing) = blobHunks(
          old: OID(delta.old_file.id), new: OID(delta.new_file.id), path: newPath)
        entry.hunks = hunks
        entry.isBinary = binary
        entry.isMissing = missing
      }
      result.append(entry)
    }
    return result
  }

  /// The blob at `path` in `tree`, nil when there is none (or it is a tree or submodule).
  static func blobID(_ path: String, in tree: OpaquePointer) -> OID? {
    var entry: OpaquePointer?
    guard git_tree_entry_bypath(&entry, tree, path) == 0, let entry else {
      git_error_clear()
      return nil
    }
    defer { git_tree_entry_free(entry) }
    guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
    return OID(git_tree_entry_id(entry))
  }

  /// Zero-context hunk positions between two blobs, streamed without keeping lines.
  /// A nil id stands for no file (an added or deleted one).
  /// `inspect` sees both blobs and the hunks while the blobs are still loaded (the move search reads them).
  func blobHunks(
    old: OID?, new: OID?, path: String, oldPath: String? = nil,
    inspect: ((_ old: OpaquePointer?, _ new: OpaquePointer?, _ hunks: [Hunk], _ binary: Bool) -> Void)? = nil
  ) -> (hunks: [Hunk], binary: Bool, missing: Bool) {
    let key = Self.memoKey(path: path, oldPath: oldPath)
    let known = old.flatMap { old in new.flatMap { memo?.hunks(old: old, new: $0, path: key) } }
    if let known, inspect == nil { return (known.hunks, known.binary, false) }
    var oldBlob: OpaquePointer?
    var newBlob: OpaquePointer?
    var oldRaw = old?.gitOID ?? git_oid()
    var newRaw = new?.gitOID ?? git_oid()
    guard old == nil || git_blob_lookup(&oldBlob, repository.handle, &oldRaw) == 0,
      new == nil || git_blob_lookup(&newBlob, repository.handle, &newRaw) == 0
    else {
      git_error_clear()
      git_blob_free(oldBlob)
      git_blob_free(newBlob)
      return ([], false, true)
    }
    defer {
      git_blob_free(oldBlob)
      git_blob_free(newBlob)
    }
    if let known {
      inspect?(oldBlob, newBlob, known.hunks, known.binary)
      return (known.hunks, known.binary, false)
    }
    let collector = HunkCollector()
    var options = Self.zeroContextOptions()
    let code = withExtendedLifetime(collector) {
      withDiffInputs(old: oldBlob, new: newBlob, path: path, oldPath: oldPath) {
        oldBlob, newBlob, oldName, newName in
        git_diff_blobs(
          oldBlob, oldName, newBlob, newName, &options, nil,
          { _, _, payload in
            Unmanaged<HunkCollector>.fromOpaque(payload!).takeUnretainedValue().binary = true
            return 0
          },
          { _, hunk, payload in
            guard let hunk else { return 0 }
            let h = hunk.pointee
            Unmanaged<HunkCollector>.fromOpaque(payload!).takeUnretainedValue().hunks.append(
              Hunk(
                oldStart: Int(h.old_start), oldCount: Int(h.old_lines), newStart: Int(h.new_start),
                newCount: Int(h.new_lines)))
            return 0
          }, nil, Unmanaged.passUnretained(collector).toOpaque())
      }
    }
    if code != 0 {
      git_error_clear()
      return ([], false, true)
    }
    if let memo, let old, let new {
      memo.remember(old: old, new: new, path: key, hunks: collector.hunks, binary: collector.binary)
    }
    inspect?(oldBlob, newBlob, collector.hunks, collector.binary)
    return (collector.hunks, collector.binary, false)
  }
}

/// Hunk positions gathered from `git_diff_blobs` callbacks, which only get a context pointer.
private final class HunkCollector {
  var hunks: [Hunk] = []
  var binary = false
}
