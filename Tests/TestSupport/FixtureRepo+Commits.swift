import Foundation

extension FixtureRepo {
  /// Stages everything (`git add -A`) and commits at a frozen date; returns the full commit id.
  ///
  /// The date is 2025-01-01T00:00:00Z + `day` days + `seconds`, recorded with `offset` (e.g. `+0200`).
  /// The committer defaults to the author and shares the author's date unless `committerDay` is given.
  @discardableResult
  public func commit(
    _ message: String, author: Person = .alice, committer: Person? = nil, day: Int, seconds: Int = 0,
    offset: String = "+0000", committerDay: Int? = nil, committerSeconds: Int = 0,
    allowEmpty: Bool = false
  ) throws -> String {
    let date = try FixtureDate(day: day, seconds: seconds, offset: offset)
    let committerDate = try committerDay.map {
      try FixtureDate(day: $0, seconds: committerSeconds, offset: offset)
    }
    try git(["add", "-A"])
    // `whitespace` cleanup keeps lines that start with `#` (issue references), which the
    // default cleanup would strip as comments.
    var args = ["commit", "-q", "--no-verify", "--cleanup=whitespace", "-m", message]
    if allowEmpty { args.append("--allow-empty") }
    let identity = GitEnvironment.identity(
      author: author, committer: committer ?? author, date: date, committerDate: committerDate)
    try git(args, env: identity)
    return try revParse("HEAD")
  }

  /// Creates a branch at `rev` (default: HEAD) without switching to it.
  public func branch(_ name: String, at rev: String? = nil) throws {
    try git(["branch", name] + (rev.map { [$0] } ?? []))
  }

  /// Switches the work tree to a branch, tag or commit (detached for anything but a branch).
  public func checkout(_ rev: String) throws {
    try git(["checkout", "-q", rev])
  }

  /// Creates a branch at `rev` (default: HEAD) and switches to it.
  public func checkoutNewBranch(_ name: String, at rev: String? = nil) throws {
    try git(["checkout", "-q", "-b", name] + (rev.map { [$0] } ?? []))
  }

  /// Switches to a new branch with no history and an empty index, so the next commit is a root commit.
  public func checkoutOrphan(_ name: String) throws {
    try git(["checkout", "-q", "--orphan", name])
    if try !git(["ls-files"]).isEmpty {
      try git(["rm", "-r", "-q", "-f", "--", "."])
    }
  }

  /// The current branch name, or nil when HEAD is detached.
  public func currentBranch() throws -> String? {
    let result = try gitResult(["symbolic-ref", "-q", "--short", "HEAD"])
    return result.succeeded ? result.stdout.trimmingCharacters(in: .newlines) : nil
  }

  /// Tags `rev`: lightweight without a message, annotated (tagger and date frozen) with one.
  public func tag(
    _ name: String, at rev: String = "HEAD", annotated message: String? = nil, tagger: Person = .alice,
    day: Int = 0, seconds: Int = 0
  ) throws {
    guard let message else {
      try git(["tag", name, rev])
      return
    }
    let date = try FixtureDate(day: day, seconds: seconds)
    try git(
      ["tag", "-a", "--cleanup=whitespace", "-m", message, name, rev],
      env: GitEnvironment.identity(author: tagger, committer: tagger, date: date))
  }

  /// Attaches (or replaces) a note on `rev` in the notes ref `ref`; the notes commit is dated too.
  public func addNote(
    _ text: String, to rev: String, ref: String = "refs/notes/ai", author: Person = .alice, day: Int = 0
  ) throws {
    let date = try FixtureDate(day: day)
    try git(
      ["notes", "--ref", ref, "add", "-f", "-m", text, rev],
      env: GitEnvironment.identity(author: author, committer: author, date: date))
  }

  /// The full object id `rev` names (an annotated tag names its tag object; use `tag^{commit}`).
  public func revParse(_ rev: String) throws -> String {
    try git(["rev-parse", "--verify", "--end-of-options", rev])
  }

  /// The blob id of `path` as recorded at `rev`.
  public func blobID(of path: String, at rev: String = "HEAD") throws -> String {
    try revParse("\(rev):\(path)")
  }

  /// Parent commit ids of `rev`, in order.
  public func parents(of rev: String) throws -> [String] {
    let line = try git(["rev-list", "--parents", "-n", "1", "--end-of-options", rev])
    return Array(line.split(separator: " ").dropFirst().map(String.init))
  }
}
