internal import Clibgit2
import Foundation
import OutcomeModel

extension Repository {
  /// A file's text as committed at `commit`, or nil when absent. Works in bare repositories.
  public func fileText(_ path: String, at commit: CommitID) -> String? {
    guard let oid = OID(commit) else { return nil }
    return try? withCommit(oid) { commit throws(GitError) -> String? in
      var tree: OpaquePointer?
      try check(git_commit_tree(&tree, commit), "git_commit_tree")
      defer { git_tree_free(tree) }
      var entry: OpaquePointer?
      guard git_tree_entry_bypath(&entry, tree, path) == 0 else {
        git_error_clear()
        return nil
      }
      defer { git_tree_entry_free(entry) }
      guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
      var blob: OpaquePointer?
      try check(git_blob_lookup(&blob, handle, git_tree_entry_id(entry)), "git_blob_lookup")
      defer { git_blob_free(blob) }
      return String(decoding: LibGit2.bytes(of: blob!), as: UTF8.self)
    }
  }

  /// The mailmap git would use: the work tree's `.mailmap`, else the one committed at `tip`.
  public func mailmapText(at tip: CommitID) -> String? {
    if let workTree,
      let text = try? String(contentsOf: workTree.appendingPathComponent(".mailmap"), encoding: .utf8)
    {
      return text
    }
    return fileText(".mailmap", at: tip)
  }

  /// A config value as git would read it for this repository (local, global, system).
  public func configString(_ key: String) -> String? {
    var config: OpaquePointer?
    guard git_repository_config_snapshot(&config, handle) == 0 else {
      git_error_clear()
      return nil
    }
    defer { git_config_free(config) }
    var value: UnsafePointer<CChar>?
    guard git_config_get_string(&value, config, key) == 0, let value else {
      git_error_clear()
      return nil
    }
    return String(cString: value)
  }
}
