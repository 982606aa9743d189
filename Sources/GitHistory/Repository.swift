internal import Clibgit2
import Foundation
import OutcomeModel

/// The `diff` attribute of a path, as far as diffing it needs to know.
enum DiffAttribute {
  /// None: libgit2's default driver, binary when a NUL is among the first 8,000 bytes.
  case unspecified
  /// Set: always text.
  case text
  /// Unset (binary) or a named driver: left to libgit2.
  case other
}

/// An open repository. Confined to the thread that opened it, as libgit2 requires.
///
/// Every libgit2 object made through it is freed before the method that made it returns; callers only
/// ever see Swift values.
public final class Repository {
  let handle: OpaquePointer
  /// The `.git` folder (or the bare repository itself).
  public let gitDirectory: URL
  /// The work tree, nil for a bare repository.
  public let workTree: URL?

  /// Opens the repository at `path` or at the nearest enclosing folder that is one.
  public init(discovering path: String) throws(HistoryError) {
    LibGit2.ensureInitialised()
    guard FileManager.default.fileExists(atPath: path) else {
      throw .notARepository(path: path)
    }
    var pointer: OpaquePointer?
    let code = git_repository_open_ext(&pointer, path, 0, nil)
    guard code == 0, let pointer else {
      git_error_clear()
      throw .notARepository(path: path)
    }
    PackBackend.attach(to: pointer)
    handle = pointer
    gitDirectory = URL(fileURLWithPath: String(cString: git_repository_path(pointer)))
    workTree = git_repository_workdir(pointer).map { URL(fileURLWithPath: String(cString: $0)) }
  }

  /// Opens a repository folder as bare, ignoring any work tree (workers that need no attributes from it).
  init(bareAt gitDirectory: URL) throws(HistoryError) {
    LibGit2.ensureInitialised()
    var pointer: OpaquePointer?
    let flags = GIT_REPOSITORY_OPEN_BARE.rawValue | GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue
    let code = git_repository_open_ext(&pointer, gitDirectory.path, flags, nil)
    guard code == 0, let pointer else {
      git_error_clear()
      throw .notARepository(path: gitDirectory.path)
    }
    PackBackend.attach(to: pointer)
    handle = pointer
    self.gitDirectory = gitDirectory
    workTree = nil
  }

  /// Opens the exact `.git` folder again, for a worker thread's own handle.
  convenience init(gitDirectory: URL) throws(HistoryError) {
    try self.init(discovering: gitDirectory.path)
  }

  deinit {
    git_repository_free(handle)
  }

  /// Cut blob pairs for zero-context diffs, served through this handle's object database.
  lazy var trimmedBlobs = TrimmedBlobs(repository: handle)
  private var diffAttributes: [String: DiffAttribute] = [:]

  /// What the `diff` attribute says about `path`. libgit2 looks it up for both sides of every blob pair
  /// it diffs (two file checks each time, 4% of the pass on git/git); asked once per path here, a diff
  /// of a path with none can name no path, and libgit2 then takes its default driver without looking.
  func diffAttribute(_ path: String) -> DiffAttribute {
    if let known = diffAttributes[path] { return known }
    var value: UnsafePointer<CChar>?
    var found = DiffAttribute.other
    if git_attr_get(&value, handle, 0, path, "diff") == 0 {
      switch git_attr_value(value) {
      case GIT_ATTR_VALUE_UNSPECIFIED: found = .unspecified
      case GIT_ATTR_VALUE_TRUE: found = .text
      default: found = .other
      }
    } else {
      git_error_clear()
    }
    diffAttributes[path] = found
    return found
  }

  public var isBare: Bool { git_repository_is_bare(handle) == 1 }
  public var isShallow: Bool { git_repository_is_shallow(handle) == 1 }
  /// No commits at all: HEAD is unborn and no reference exists. (libgit2 1.5's own check assumes
  /// the unborn branch is called master, so it misses repositories made with init.defaultBranch.)
  public var isEmpty: Bool {
    guard git_repository_head_unborn(handle) == 1 else { return false }
    return referenceNames(matching: "*").isEmpty
  }

  /// A short name for messages: the work tree, or the git folder of a bare repository.
  public var displayPath: String { (workTree ?? gitDirectory).path }

  /// Reads a commit's metadata.
  public func commit(_ id: CommitID) throws(HistoryError) -> CommitInfo {
    guard let oid = OID(id) else { throw .unknownRevision(id.hex) }
    do {
      return try withCommit(oid) { CommitReader.info(of: $0) }
    } catch {
      throw .git(error)
    }
  }

  /// Resolves any revision expression (`HEAD~2`, a tag, a short sha) to the commit it names.
  public func resolve(_ revision: String) throws(HistoryError) -> CommitID {
    guard let oid = peelToCommit(revision) else { throw .unknownRevision(revision) }
    return oid.commitID
  }

  func peelToCommit(_ revision: String) -> OID? {
    var object: OpaquePointer?
    guard git_revparse_single(&object, handle, revision) == 0, let object else {
      git_error_clear()
      return nil
    }
    defer { git_object_free(object) }
    var peeled: OpaquePointer?
    guard git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) == 0, let peeled else {
      git_error_clear()
      return nil
    }
    defer { git_object_free(peeled) }
    return OID(git_object_id(peeled))
  }

  /// Looks a commit up and hands it to `body`, freeing it afterwards.
  func withCommit<T>(_ oid: OID, _ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T {
    var raw = oid.gitOID
    var commit: OpaquePointer?
    try check(git_commit_lookup(&commit, handle, &raw), "git_commit_lookup")
    defer { git_commit_free(commit) }
    return try body(commit!)
  }

  /// The first-parent and other parent ids of a commit, without building a full `CommitInfo`.
  func parents(of oid: OID) throws(GitError) -> [OID] {
    try withCommit(oid) { commit in
      (0..<git_commit_parentcount(commit)).map { OID(git_commit_parent_id(commit, $0)) }
    }
  }
}
