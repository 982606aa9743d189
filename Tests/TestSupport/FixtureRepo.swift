import Foundation

/// A real git repository in a fresh temporary folder, built with the git CLI under frozen dates
/// and an isolated configuration.
///
/// Use one per test and let it go out of scope: `deinit` removes the folder unless the
/// environment has `OUTCOMES_KEEP_FIXTURES=1`, in which case the path is printed for inspection.
///
/// ```swift
/// let repo = try FixtureRepo()
/// try repo.write("README.md", "hello\n")
/// let first = try repo.commit("Add readme", day: 1)
/// ```
public final class FixtureRepo {
  /// The work tree root, or the repository folder itself when bare.
  public let url: URL
  public let isBare: Bool
  /// The private folder holding `url` and the fixture's git home; everything under it is disposable.
  public let root: URL
  let environment: GitEnvironment

  /// Creates an empty repository whose unborn branch is `initialBranch`.
  public convenience init(bare: Bool = false, initialBranch: String = "main") throws {
    try self.init(root: Self.makeRoot(), bare: bare)
    var args = ["init", "-q", "--initial-branch=\(initialBranch)"]
    if bare { args.append("--bare") }
    try checked(args + ["--", url.path], in: root)
  }

  private init(root: URL, bare: Bool) throws {
    self.root = root
    self.isBare = bare
    self.url = root.appendingPathComponent(bare ? "repo.git" : "repo", isDirectory: true)
    do {
      self.environment = try GitEnvironment.create(
        home: root.appendingPathComponent("home", isDirectory: true), ceiling: root)
    } catch {
      // deinit does not run for a half-made instance, so the folder is ours to remove here.
      try? FileManager.default.removeItem(at: root)
      throw error
    }
  }

  deinit {
    if ProcessInfo.processInfo.environment["OUTCOMES_KEEP_FIXTURES"] == "1" {
      FileHandle.standardError.write(Data("outcomes: kept fixture repository \(url.path)\n".utf8))
    } else {
      try? FileManager.default.removeItem(at: root)
    }
  }

  /// Clones `other` into a new fixture with its own isolated home.
  ///
  /// With a `depth` or a `--filter=…` in `extraArgs` the clone goes through `file://`, because a
  /// plain local-path clone copies every object and silently ignores both.
  public static func clone(
    of other: FixtureRepo, depth: Int? = nil, bare: Bool = false, extraArgs: [String] = []
  ) throws -> FixtureRepo {
    let repo = try FixtureRepo(root: makeRoot(), bare: bare)
    let needsTransport = depth != nil || extraArgs.contains { $0.hasPrefix("--filter") }
    let source = needsTransport ? URL(fileURLWithPath: other.url.path).absoluteString : other.url.path
    var args = ["clone", "-q"]
    if bare { args.append("--bare") }
    if let depth { args += ["--depth", String(depth)] }
    try repo.checked(args + extraArgs + ["--", source, repo.url.path], in: repo.root)
    return repo
  }

  /// The `.git` folder (or the repository itself when bare).
  public var gitDir: URL { isBare ? url : url.appendingPathComponent(".git", isDirectory: true) }

  /// Runs git in the repository and returns its standard output without trailing newlines.
  ///
  /// Leading whitespace is kept because it is significant (`status --porcelain` starts with a space).
  /// Throws `FixtureError.commandFailed` (command, status, stderr) on a non-zero exit.
  @discardableResult
  public func git(_ args: [String], stdin: String? = nil, env: [String: String] = [:]) throws -> String {
    let result = try checked(args, in: url, stdin: stdin.map { Data($0.utf8) }, env: env)
    var text = result.stdout
    while text.last == "\n" || text.last == "\r\n" { text.removeLast() }
    return text
  }

  /// Runs git and returns its untouched standard output, for `-z` output and non-UTF-8 bytes.
  public func gitData(_ args: [String], stdin: Data? = nil, env: [String: String] = [:]) throws -> Data {
    try checked(args, in: url, stdin: stdin, env: env).stdoutData
  }

  /// Runs git and returns the result whatever the exit status, for commands expected to fail.
  public func gitResult(_ args: [String], stdin: String? = nil, env: [String: String] = [:]) throws
    -> ProcessResult
  {
    try runProcess(
      GitEnvironment.git, args, env: environment.variables(overrides: env), cwd: url,
      stdinData: stdin.map { Data($0.utf8) })
  }

  @discardableResult
  func checked(_ args: [String], in cwd: URL, stdin: Data? = nil, env: [String: String] = [:]) throws
    -> ProcessResult
  {
    let result = try runProcess(
      GitEnvironment.git, args, env: environment.variables(overrides: env), cwd: cwd, stdinData: stdin)
    guard result.succeeded else {
      throw FixtureError.commandFailed(
        command: ["git"] + args, status: result.status, stderr: result.stderr, stdout: result.stdout)
    }
    return result
  }

  private static func makeRoot() throws -> URL {
    let root = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
      .appendingPathComponent("outcomes-fixture-\(UUID().uuidString)", isDirectory: true)
    do {
      try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    } catch {
      throw FixtureError.fileSystem(path: root.path, reason: "\(error)")
    }
    // git reports real paths; resolving here (macOS /var -> /private/var) keeps comparisons simple.
    return root.resolvingSymlinksInPath()
  }
}
