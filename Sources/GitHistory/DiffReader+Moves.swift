internal import Clibgit2
import OutcomeModel

/// What one commit's diff gathers for the move search while each blob is loaded anyway: the parent's
/// version of every changed file, and the lines each file adds.
final class MoveGatherer {
  let mode: MoveDetection
  private(set) var targets: [MoveTarget] = []
  /// The parent's blobs of the changed files, kept (one more reference each) until `finish`: they are
  /// hashed only once every added line's key is known.
  private var sources: [(path: String, blob: OpaquePointer)] = []
  private var keys = LineKeys()

  /// Paths whose lines the caller follows (nil: all).
  private let follows: (@Sendable (String) -> Bool)?

  init(mode: MoveDetection, follows: (@Sendable (String) -> Bool)? = nil) {
    self.mode = mode
    self.follows = follows
  }

  deinit { release() }

  /// One file of the diff with its blobs (nil for a side without one) and zero-context hunks.
  func add(_ file: FileDiff, old: OpaquePointer?, new: OpaquePointer?) {
    guard !file.isBinary, !file.isMissing else { return }
    if let follows, !follows(file.path) { return }
    let adds = file.hunks.contains { $0.newCount > 0 }
    // Another file's parent version is only searched with -C; the file's own only when it adds lines.
    if let old, let oldPath = file.oldPath, mode == .commit || adds {
      var kept: OpaquePointer?
      if git_blob_dup(&kept, old) == 0, let kept { sources.append((oldPath, kept)) }
    }
    if adds, let new, let newPath = file.newPath {
      let origin: String? =
        switch file.kind {
        case .modified, .renamed: file.oldPath
        default: nil
        }
      targets.append(
        MoveTarget(
          path: newPath, origin: origin, hunks: file.hunks, bytes: LibGit2.bytes(of: new),
          keys: &keys))
    }
  }

  /// Fills `files[…].moves` from what was gathered.
  func finish(_ files: inout [FileDiff]) {
    defer { release() }
    guard !targets.isEmpty else { return }
    // A run scores at most its whole block: blocks at or under blame's thresholds cannot move, so the
    // parent versions are not hashed for them (-M needs a block over 20, -C one over 40).
    let best = targets.lazy.flatMap(\.blocks).map { $0.score(0..<$0.hashes.count) }.max() ?? 0
    guard best > MoveSearch.moveScore else { return }
    let origins = Set(targets.compactMap(\.origin))
    let searchesOthers = mode == .commit && best > MoveSearch.copyScore
    let hashed = sources.filter { searchesOthers || origins.contains($0.path) }.map {
      (path: $0.path, lines: BlobLines(LibGit2.bytes(of: $0.blob), keys: keys))
    }
    let found = MoveSearch.moves(targets: targets, sources: hashed, mode: mode)
    guard !found.isEmpty else { return }
    for index in files.indices {
      if let path = files[index].newPath, let moves = found[path] { files[index].moves = moves }
    }
  }

  private func release() {
    for source in sources { git_blob_free(source.blob) }
    sources.removeAll()
  }
}

extension DiffReader {
  /// Gathers the files of a libgit2 diff, looking their blobs up again (the tree walk's diffs hand theirs
  /// over while loaded).
  func gather(_ files: [FileDiff], from diff: OpaquePointer, into gatherer: MoveGatherer) {
    for index in 0..<min(files.count, git_diff_num_deltas(diff)) {
      let file = files[index]
      guard !file.isBinary, !file.isMissing, file.newPath != nil || gatherer.mode == .commit else { continue }
      let delta = git_diff_get_delta(diff, index)!.pointee
      let old = Self.isBlobMode(delta.old_file.mode) && file.oldPath != nil ? lookup(delta.old_file.id) : nil
      defer { git_blob_free(old) }
      let new = Self.isBlobMode(delta.new_file.mode) && file.newPath != nil ? lookup(delta.new_file.id) : nil
      defer { git_blob_free(new) }
      gatherer.add(file, old: old, new: new)
    }
  }

  private func lookup(_ id: git_oid) -> OpaquePointer? {
    var raw = id
    var blob: OpaquePointer?
    guard git_blob_lookup(&blob, repository.handle, &raw) == 0 else {
      git_error_clear()
      return nil
    }
    return blob
  }
}
