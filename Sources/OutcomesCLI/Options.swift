import ArgumentParser
import Commands
import Foundation

/// Which repository and branch to read.
struct RepositoryOptions: ParsableArguments {
  @Option(name: .long, help: "Repository path (any folder inside a work tree, or a bare repository).")
  var repo: String = "."

  @Option(name: .long, help: "Mainline branch (default: origin/HEAD, main, master, then HEAD).")
  var branch: String?

  @Flag(name: .long, help: "Mine a shallow clone anyway; history before its boundary is missing.")
  var allowShallow = false
}

/// Which part of history to look at.
struct WindowOptions: ParsableArguments {
  @Option(name: .long, help: "Only changes committed at or after this date (2026-07-01 or ISO-8601).")
  var since: String?

  @Option(name: .long, help: "Only changes committed before this date.")
  var until: String?

  @Option(
    name: .long,
    help:
      "Only the newest N changes of the window (outcomes still need all history; `changes --no-ledger` is a quick look)."
  )
  var maxChanges: Int?

  func validate() throws {
    if let since, Timestamp.parse(since) == nil {
      throw ValidationError(PipelineError.badDate(option: "--since", value: since).description)
    }
    if let until, Timestamp.parse(until) == nil {
      throw ValidationError(PipelineError.badDate(option: "--until", value: until).description)
    }
    if let maxChanges, maxChanges < 1 {
      throw ValidationError("--max-changes must be at least 1")
    }
  }
}

/// How people appear in exported facts.
struct PrivacyOptions: ParsableArguments {
  @Flag(
    name: .long,
    help: "Write raw emails instead of pseudonyms (keyed HMAC with OUTCOMES_SALT or .git/outcomes/salt).")
  var identify = false
}

/// Mining knobs shared by commands that read diffs.
struct MiningFlags: ParsableArguments {
  @Flag(name: .long, help: "Turn rename detection off (line counts then equal git log --no-renames).")
  var noRenames = false

  @Option(name: .long, help: "Worker threads for diffs (default: one per core).")
  var jobs: Int?

  @Flag(name: .shortAndLong, help: "No progress line on stderr.")
  var quiet = false

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
  }

  /// The options given that only matter when history is mined (`--quiet` is not one).
  var given: [String] { (noRenames ? ["--no-renames"] : []) + (jobs != nil ? ["--jobs"] : []) }
}

extension MiningRequest {
  init(
    repository: RepositoryOptions, window: WindowOptions? = nil, flags: MiningFlags,
    attribution: AttributionFlags
  ) {
    self.init()
    self.attribution = attribution.request
    path = repository.repo
    branch = repository.branch
    allowShallow = repository.allowShallow
    since = window?.since.flatMap(Timestamp.parse)
    until = window?.until.flatMap(Timestamp.parse)
    maxChanges = window?.maxChanges
    mining.detectRenames = !flags.noRenames
    if let jobs = flags.jobs { mining.workers = jobs }
  }
}

extension FactTableFormat: ExpressibleByArgument {}

/// How far line origins follow moved and copied code: one option for every command that runs the line
/// pass, so they all name it, default it and refuse a bad value the same way.
struct MoveOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Moved and copied lines keep their origin: off (none), file (like git blame -M) or commit (like git blame -M -C, the default).",
      valueName: "off|file|commit"))
  var moves: MoveDetection?

  var detection: MoveDetection { moves ?? .commit }

  var given: [String] { moves == nil ? [] : ["--moves"] }
}

extension MoveDetection: ExpressibleByArgument {}

/// Which lines count and which changes are fixes: the options of every command that counts lines.
struct LedgerFlags: ParsableArguments {
  @Option(
    name: .long,
    help: "Count only files matching this glob (repeatable; gitignore-style, ** crosses folders).")
  var include: [String] = []

  @Option(name: .long, help: "Also leave out files matching this glob (repeatable).")
  var exclude: [String] = []

  @Flag(
    name: .long,
    help: "Count vendored, generated and lock files too (the default excludes are listed in the README).")
  var noDefaultExcludes = false

  @Option(
    name: .long,
    help:
      "A regular expression over subjects that marks fix changes for SZZ (repeatable; replaces the default).")
  var fixPattern: [String] = []

  @Flag(
    name: .long,
    help:
      "Read all history instead of resuming from the cache in .git/outcomes/, and leave the cache untouched.")
  var noCache = false

  @OptionGroup var moves: MoveOptions

  func request() throws -> LedgerRequest {
    var request = try LedgerRequest(
      include: include, exclude: exclude, defaultExcludes: !noDefaultExcludes, fixPatterns: fixPattern)
    request.moves = moves.detection
    return request
  }

  /// The options given, by flag.
  var given: [String] {
    (include.isEmpty ? [] : ["--include"]) + (exclude.isEmpty ? [] : ["--exclude"])
      + (noDefaultExcludes ? ["--no-default-excludes"] : []) + (fixPattern.isEmpty ? [] : ["--fix-pattern"])
      + (noCache ? ["--no-cache"] : []) + moves.given
  }
}

/// Where attribution looks and what it accepts.
struct AttributionFlags: ParsableArguments {
  @Option(name: .long, help: "A signature catalogue (YAML) merged over the embedded one.")
  var signatures: String?

  @Option(
    name: .long,
    help:
      "Weakest evidence that marks a change: strong (default) or medium (branch prefixes, catalogue labels).")
  var accept: Strength = .strong

  @Option(name: .long, help: "An Agent Trace record file (JSON or JSON lines; repeatable).")
  var agentTrace: [String] = []

  @Option(name: .long, help: "A pull-request label that marks AI work (repeatable).")
  var aiLabel: [String] = []

  @Option(name: .long, help: "Notes ref with git-ai authorship notes (repeatable; default refs/notes/ai).")
  var notesRef: [String] = []

  @Option(
    name: .long,
    help: ArgumentHelp(
      "An in-house bot's email or glob (repeatable): its changes are cohort bot, outside AI vs unmarked.",
      valueName: "email-or-glob"))
  var bot: [String] = []

  @Flag(name: .long, help: "Skip AI attribution (line counts only; for timing the miner alone).")
  var noAttribution = false

  /// The options given, by flag.
  var given: [String] {
    (signatures != nil ? ["--signatures"] : []) + (accept != .strong ? ["--accept"] : [])
      + (agentTrace.isEmpty ? [] : ["--agent-trace"]) + (aiLabel.isEmpty ? [] : ["--ai-label"])
      + (notesRef.isEmpty ? [] : ["--notes-ref"]) + (noAttribution ? ["--no-attribution"] : [])
  }

  var request: AttributionRequest? {
    guard !noAttribution else { return nil }
    var request = AttributionRequest()
    request.signaturesFile = signatures
    request.options = AttributionOptions(acceptMedium: accept == .medium, aiLabels: Set(aiLabel), bots: bot)
    request.agentTraceFiles = agentTrace
    if !notesRef.isEmpty { request.notesRefs = notesRef }
    return request
  }
}

extension Strength: ExpressibleByArgument {}

/// Which tracker and pull-request exports to link to the changes.
struct TrackerFlags: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "A GitHub, GitLab, Jira or Linear export of issues or pull requests: a file, a folder or a glob (repeatable).",
      valueName: "path"))
  var issues: [String] = []

  @Option(
    name: .long,
    help: ArgumentHelp("Read every export as this format instead of detecting it.", valueName: "format"))
  var trackerFormat: ExportFormat?

  @Flag(name: .long, help: "Skip export records that cannot be read, with a warning counting them.")
  var skipBadRecords = false

  func validate() throws {
    if issues.isEmpty && (trackerFormat != nil || skipBadRecords) {
      throw ValidationError("--tracker-format and --skip-bad-records need --issues")
    }
  }

  /// Nil without `--issues`. `aiLabels` are the `--ai-label` names, which mark pull requests too.
  func request(aiLabels: [String]) -> TrackerRequest? {
    guard !issues.isEmpty else { return nil }
    return TrackerRequest(
      paths: issues, format: trackerFormat, skipBadRecords: skipBadRecords, aiLabels: aiLabels)
  }
}

extension ExportFormat: ExpressibleByArgument {}

/// What a team report covers: the period, the teams and the privacy floor (`report` and `ci`).
struct ReportScopeOptions: ParsableArguments {
  @Option(
    name: .long, help: "A quarter, e.g. 2026Q3 (default: the last full quarter, or all history when shorter)."
  )
  var quarter: String?

  @Option(name: .long, help: "A month, e.g. 2026-07.")
  var month: String?

  @Option(name: .long, help: "Start of a custom period (2026-07-01 or ISO-8601).")
  var since: String?

  @Option(name: .long, help: "End of a custom period (exclusive).")
  var until: String?

  @Option(name: .long, help: "A teams.yml (members by email, glob or login; paths by glob).")
  var teams: String?

  @Option(
    name: .long, help: "Suppress cells with fewer distinct authors than this (default 5, at least 3).")
  var minAuthors = 5

  func validate() throws {
    if minAuthors < 3 { throw ValidationError("--min-authors must be at least 3 (privacy floor)") }
  }

  var request: ReportRequest {
    var request = ReportRequest()
    request.quarter = quarter
    request.month = month
    request.since = since
    request.until = until
    request.teamsFile = teams
    request.minAuthors = minAuthors
    return request
  }
}

extension MiningRequest {
  /// A command's whole request from its option groups: history and attribution, plus the line ledger and
  /// tracker exports for the commands that have those options.
  init(
    repository: RepositoryOptions, window: WindowOptions? = nil, flags: MiningFlags,
    attribution: AttributionFlags, ledger: LedgerFlags?, trackers: TrackerFlags?, teams: String? = nil
  ) throws {
    self.init(repository: repository, window: window, flags: flags, attribution: attribution)
    self.attribution?.teamsFile = teams  // its `bots:` list
    if let ledger {
      self.ledger = try ledger.request()
      cache = ledger.noCache ? .off : .readWrite
    }
    if let trackers { self.trackers = trackers.request(aiLabels: attribution.aiLabel) }
    if !flags.quiet {
      announce = { line in StandardError.note(line) }
    }
  }
}

/// One line for options that a run reading stored rows would ignore: they only matter when mining.
func rejectMiningOptions(
  _ mode: String, repository: RepositoryOptions, flags: MiningFlags, attribution: AttributionFlags,
  ledger: LedgerFlags
) throws {
  let given =
    (repository.allowShallow ? ["--allow-shallow"] : []) + flags.given + attribution.given + ledger.given
  guard !given.isEmpty else { return }
  throw ValidationError("\(mode) reads rows already mined: \(given.joined(separator: ", ")) do not apply")
}
