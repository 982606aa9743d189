internal import Clibgit2
import OutcomeModel

extension Repository {
  /// Remote copies of git-ai notes (`refs/notes/ai-remote/<remote>`), by name.
  public func remoteAINoteReferences() -> [String] {
    referenceNames(matching: "refs/notes/ai-remote/*").sorted()
  }

  /// The blobs git-ai kept under `refs/ai/authorship/<commit sha>` before it used notes, keyed by that
  /// commit; refs whose name is not a full sha or whose target is not a blob are left out.
  public func authorshipBlobs() -> [CommitID: String] {
    var result: [CommitID: String] = [:]
    for name in referenceNames(matching: "refs/ai/authorship/*") {
      guard let commit = CommitID(hex: String(name.dropFirst("refs/ai/authorship/".count))) else { continue }
      var target = git_oid()
      var blob: OpaquePointer?
      guard git_reference_name_to_id(&target, handle, name) == 0,
        git_blob_lookup(&blob, handle, &target) == 0
      else {
        git_error_clear()
        continue
      }
      defer { git_blob_free(blob) }
      result[commit] = String(decoding: LibGit2.bytes(of: blob!), as: UTF8.self)
    }
    return result
  }

  /// The notes refs present, `refs/notes/ai` first, then the rest by name.
  public func noteReferences() -> [String] {
    var names = referenceNames(matching: "refs/notes/*").sorted()
    if let index = names.firstIndex(of: "refs/notes/ai") {
      names.remove(at: index)
      names.insert("refs/notes/ai", at: 0)
    }
    return names
  }

  /// Every note under `ref`, keyed by the annotated commit. An absent ref gives no notes, not an error.
  public func notes(ref: String = "refs/notes/ai") throws(HistoryError) -> [CommitID: String] {
    var iterator: OpaquePointer?
    let code = git_note_iterator_new(&iterator, handle, ref)
    if code == GIT_ENOTFOUND.rawValue {
      git_error_clear()
      return [:]
    }
    do {
      try check(code, "git_note_iterator_new")
      defer { git_note_iterator_free(iterator) }
      var result: [CommitID: String] = [:]
      var noteID = git_oid()
      var annotatedID = git_oid()
      while true {
        let next = git_note_next(&noteID, &annotatedID, iterator)
        if next == GIT_ITEROVER.rawValue { break }
        try check(next, "git_note_next")
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, handle, &noteID), "git_blob_lookup")
        defer { git_blob_free(blob) }
        result[OID(annotatedID).commitID] = String(decoding: LibGit2.bytes(of: blob!), as: UTF8.self)
      }
      return result
    } catch {
      throw .git(error)
    }
  }

  func referenceNames(matching glob: String) -> [String] {
    var iterator: OpaquePointer?
    guard git_reference_iterator_glob_new(&iterator, handle, glob) == 0 else {
      git_error_clear()
      return []
    }
    defer { git_reference_iterator_free(iterator) }
    var names: [String] = []
    var name: UnsafePointer<CChar>?
    while git_reference_next_name(&name, iterator) == 0, let name {
      names.append(String(cString: name))
    }
    git_error_clear()
    return names
  }
}

extension Repository {
  /// Entire CLI's committed checkpoints: the `metadata.json` of each session of each checkpoint, keyed
  /// by the 12-hex checkpoint id, from the first of its metadata branches that exists
  /// (`entire/checkpoints/v1` locally, on a remote, or under `refs/entire/checkpoints/`). The tree
  /// shards ids as `ab/cdef01234567/<session number>/metadata.json`.
  public func entireCheckpointSessions() -> [String: [String]] {
    let candidates =
      ["refs/heads/entire/checkpoints/v1"]
      + referenceNames(matching: "refs/remotes/*/entire/checkpoints/v1").sorted()
      + referenceNames(matching: "refs/entire/checkpoints/*").sorted()
    for name in candidates {
      var target = git_oid()
      var commit: OpaquePointer?
      var root: OpaquePointer?
      guard git_reference_name_to_id(&target, handle, name) == 0,
        git_commit_lookup(&commit, handle, &target) == 0
      else {
        git_error_clear()
        continue
      }
      defer { git_commit_free(commit) }
      guard git_commit_tree(&root, commit) == 0 else {
        git_error_clear()
        continue
      }
      defer { git_tree_free(root) }
      var result: [String: [String]] = [:]
      for (shard, shardTree) in subtrees(of: root) where shard.count == 2 {
        for (rest, checkpoint) in subtrees(of: shardTree) {
          let sessions = subtrees(of: checkpoint).filter { Int($0.name) != nil }.sorted {
            Int($0.name)! < Int($1.name)!
          }
          result[shard + rest] = sessions.compactMap { blobText(named: "metadata.json", in: $0.tree) }
          for session in sessions { git_tree_free(session.tree) }
          git_tree_free(checkpoint)
        }
        git_tree_free(shardTree)
      }
      return result
    }
    return [:]
  }

  /// The directories directly in `tree`, opened; the caller frees them.
  private func subtrees(of tree: OpaquePointer?) -> [(name: String, tree: OpaquePointer?)] {
    var result: [(String, OpaquePointer?)] = []
    for index in 0..<git_tree_entrycount(tree) {
      guard let entry = git_tree_entry_byindex(tree, index), git_tree_entry_type(entry) == GIT_OBJECT_TREE,
        let name = git_tree_entry_name(entry)
      else { continue }
      var subtree: OpaquePointer?
      guard git_tree_lookup(&subtree, handle, git_tree_entry_id(entry)) == 0 else {
        git_error_clear()
        continue
      }
      result.append((String(cString: name), subtree))
    }
    return result
  }

  private func blobText(named name: String, in tree: OpaquePointer?) -> String? {
    guard let entry = git_tree_entry_byname(tree, name), git_tree_entry_type(entry) == GIT_OBJECT_BLOB else {
      return nil
    }
    var blob: OpaquePointer?
    guard git_blob_lookup(&blob, handle, git_tree_entry_id(entry)) == 0 else {
      git_error_clear()
      return nil
    }
    defer { git_blob_free(blob) }
    return String(decoding: LibGit2.bytes(of: blob!), as: UTF8.self)
  }
}
