internal import Clibgit2
import Foundation
import OutcomeModel

/// How worker threads should see `.gitattributes`, decided once per run.
///
/// libgit2 looks up a diff driver for both sides of every file it diffs, and in a work tree each lookup
/// stats a `.gitattributes` candidate in every folder on the path: about a tenth of the mining time.
/// When the only attributes file is the root one (or there is none), workers open the repository bare
/// and read that file as `core.attributesfile` instead: same patterns, same precedence below
/// `info/attributes`, without the per-folder stats.
enum AttributeSources: Sendable, Equatable {
  /// Open the work tree as usual (nested `.gitattributes` files exist).
  case workTree
  /// Open bare; no work-tree attributes apply.
  case bare
  /// Open bare and read this file as `core.attributesfile`.
  case bareWithRootFile(String)

  /// Inspects the tip tree and the work tree's root file.
  static func plan(for repository: Repository, tip: CommitID) -> AttributeSources {
    guard let workTree = repository.workTree else { return .bare }
    guard let nested = repository.attributeFilesBelowRoot(at: tip), !nested else { return .workTree }
    let root = workTree.appendingPathComponent(".gitattributes").path
    return FileManager.default.fileExists(atPath: root) ? .bareWithRootFile(root) : .bare
  }
}

extension Repository {
  /// Opens a worker's handle on the same repository, with attributes set up as `sources` says.
  convenience init(gitDirectory: URL, attributes sources: AttributeSources) throws(HistoryError) {
    switch sources {
    case .workTree:
      try self.init(gitDirectory: gitDirectory)
    case .bare, .bareWithRootFile:
      try self.init(bareAt: gitDirectory)
      if case .bareWithRootFile(let file) = sources {
        do {
          try useAttributesFile(file)
        } catch {
          throw .git(error)
        }
      }
    }
  }

  /// Adds an in-memory (app-level) config file naming `path` as `core.attributesfile`; nothing on disk
  /// of the user's repository changes.
  private func useAttributesFile(_ path: String) throws(GitError) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "outcomes-attr-\(getpid())-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("config")
    let escaped = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
      of: "\"", with: "\\\"")
    try? Data("[core]\n\tattributesfile = \"\(escaped)\"\n".utf8).write(to: file)
    var config: OpaquePointer?
    try check(git_repository_config(&config, handle), "git_repository_config")
    defer { git_config_free(config) }
    try check(
      git_config_add_file_ondisk(config, file.path, GIT_CONFIG_LEVEL_APP, handle, 1),
      "git_config_add_file_ondisk")
  }

  /// True when the tree at `tip` holds a `.gitattributes` anywhere but the root; nil when unreadable.
  func attributeFilesBelowRoot(at tip: CommitID) -> Bool? {
    guard let oid = OID(tip) else { return nil }
    return try? withCommit(oid) { commit throws(GitError) -> Bool in
      var tree: OpaquePointer?
      try check(git_commit_tree(&tree, commit), "git_commit_tree")
      defer { git_tree_free(tree) }
      let finder = NestedAttributesFinder()
      let code = withExtendedLifetime(finder) {
        git_tree_walk(
          tree, GIT_TREEWALK_PRE,
          { root, entry, payload in
            guard let entry, let name = git_tree_entry_name(entry), strcmp(name, ".gitattributes") == 0,
              let root, root.pointee != 0
            else { return 0 }
            Unmanaged<NestedAttributesFinder>.fromOpaque(payload!).takeUnretainedValue().found = true
            return 1  // stop walking: one nested file is enough to decide
          },
          Unmanaged.passUnretained(finder).toOpaque())
      }
      if code < 0 && !finder.found { try check(code, "git_tree_walk") }
      git_error_clear()
      return finder.found
    }
  }
}

private final class NestedAttributesFinder {
  var found = false
}
