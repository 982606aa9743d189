import ArgumentParser
import Commands
import Foundation

extension Outcomes {
  /// `outcomes publish`: this repository's fact table into the organisation's shared store.
  struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Publish this repository's fact table to a shared store (PostgreSQL, or a SQLite file).",
      discussion: """
        Mines the repository as `outcomes report` does (teams from --teams, else CODEOWNERS at the branch \
        tip, else top-level folders; pull requests and issues from --issues) and upserts one row per \
        mainline change, keyed by (repository, sha), in one transaction: publishing twice, or from two jobs \
        at once, leaves one row per change, and a rewritten history replaces the repository's rows. Authors \
        are pseudonymous; set the same OUTCOMES_SALT in every repository so a person counts once across \
        them. The store is --to or OUTCOMES_DATABASE_URL: postgres://user:password@host:5432/db with \
        ?sslmode=require (or verify-full, with sslrootcert=FILE) for TLS, or a SQLite file path. The \
        schema is created and migrated on first use. Take the URL from a CI secret, never from a file in \
        the repository.
        """
    )

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var flags: MiningFlags
    @OptionGroup var attribution: AttributionFlags
    @OptionGroup var ledger: LedgerFlags
    @OptionGroup var trackers: TrackerFlags

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The store: postgres://… or a SQLite file (default: $OUTCOMES_DATABASE_URL).", valueName: "url"))
    var to: String?

    @Option(
      name: .long,
      help:
        "The repository's key in the store (default: the origin remote as host/owner/name, else the folder name)."
    )
    var repoName: String?

    @Option(name: .long, help: "A teams.yml (members by email, glob or login; paths by glob).")
    var teams: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Publish this JSON-lines fact table (as `outcomes changes` writes it) instead of mining; needs --repo-name.",
        valueName: "file"))
    var facts: String?

    func validate() throws {
      if facts != nil && (teams != nil || !trackers.issues.isEmpty) {
        throw ValidationError("--facts publishes rows as they are: --teams and --issues do not apply")
      }
      if facts != nil {
        try rejectMiningOptions(
          "--facts", repository: repository, flags: flags, attribution: attribution, ledger: ledger)
      }
    }

    func run() throws {
      var request = PublishRequest()
      request.location = to
      request.repositoryName = repoName
      request.teamsFile = teams
      request.factsFile = facts
      let result: PublishCommand.Result
      if let facts {
        result = try PublishCommand.run(factsFile: facts, request: request, progress: !flags.quiet)
      } else {
        // Fail on a missing database before minutes of mining.
        _ = try PublishCommand.location(to, environment: ProcessInfo.processInfo.environment)
        let session = try MiningSession(
          MiningRequest(
            repository: repository, flags: flags, attribution: attribution, ledger: ledger,
            trackers: trackers,
            teams: teams))
        result = try PublishCommand.run(
          session: session, request: request,
          progress: ProgressReporter.forTerminal(label: "publish", quiet: flags.quiet))
      }
      for warning in result.warnings {
        StandardError.warning(warning)
      }
      if !flags.quiet { StandardError.note(result.line) }
    }
  }
}
