internal import Clibgit2
import OutcomeModel

/// What one commit's diff gathers for the move search while each blob is loaded anyway: the parent's
/// version of every changed file, and the lines each file adds.
final class MoveGatherer {
  let mode: MoveDetection
  private(set) var targets: [MoveTarget] = []
  private(set) var sources: [(path: String, lines: BlobLines)] = []

  init(mode: MoveDetection) { self.mode = mode }

  /// One file of the diff with its blobs (nil for a side without one) and zero-context hunks.
  func add(_ file: FileDiff, old: OpaquePointer?, new: OpaquePointer?) {
    guard !file.isBinary, !file.isMissing else { return }
    let adds = file.hunks.contains { $0.newCount > 0 }
    // Another file's parent version is only searched with -C; the file's own only when it adds lines.
    if let old, let oldPath = file.oldPath, mode == .commit || adds {
      sources.append((oldPath, BlobLines(Self.bytes(old))))
    }
    if adds, let new, let newPath = file.newPath {
      let origin: String? =
        switch file.kind {
        case .modified, .renamed: file.oldPath
        default: nil
        }
      targets.append(MoveTarget(path: newPath, origin: origin, hunks: file.hunks, bytes: Self.bytes(new)))
    }
  }

  /// Fills `files[…].moves` from what was gathered.
  func finish(_ files: inout [FileDiff]) {
    guard !targets.isEmpty else { return }
    let found = MoveSearch.moves(targets: targets, sources: sources, mode: mode)
    guard !found.isEmpty else { return }
    for index in files.indices {
      if let path = files[index].newPath, let moves = found[path] { files[index].moves = moves }
    }
  }

  private static func bytes(_ blob: OpaquePointer) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: git_blob_rawcontent(blob), count: Int(git_blob_rawsize(blob)))
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
