import ArgumentParser
import Commands
import Foundation

extension Outcomes {
  /// `outcomes mine --repos DIR`: many local clones into one store, for one machine.
  struct Mine: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Mine every git clone under a folder into one store (SQLite by default, or PostgreSQL).",
      discussion: """
        Finds work trees and bare repositories up to three folders below --repos, mines several at once \
        (one per core unless --parallel says otherwise) and publishes each as `outcomes publish` would, \
        into DIR/outcomes.sqlite or --to. One line per repository on stderr. A repository that fails is \
        reported and the others still land; the exit code is then 1. Without OUTCOMES_SALT one salt is \
        kept in DIR/.outcomes-salt for all of them. Then: outcomes report --from DIR/outcomes.sqlite.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The folder that holds the clones.", valueName: "dir"))
    var repos: String

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The store: a SQLite file or postgres://… (default: DIR/outcomes.sqlite).", valueName: "url"))
    var to: String?

    @Option(name: .long, help: "A teams.yml applied to every repository (default: each one's CODEOWNERS).")
    var teams: String?

    @Option(name: .long, help: "Repositories mined at once (default: one per core).")
    var parallel: Int?

    @OptionGroup var flags: MiningFlags
    @OptionGroup var attribution: AttributionFlags
    @OptionGroup var ledger: LedgerFlags

    func validate() throws {
      if let parallel, parallel < 1 { throw ValidationError("--parallel must be at least 1") }
    }

    func run() throws {
      var request = MineReposRequest(
        folder: repos,
        mining: try MiningRequest(
          repository: try RepositoryOptions.parse([]), flags: flags, attribution: attribution, ledger: ledger,
          trackers: nil, teams: teams))
      request.location = to
      request.teamsFile = teams
      request.parallel = parallel
      let quiet = flags.quiet
      let outcomes = try MineReposCommand.run(request) { line in
        if !quiet { StandardError.note(line) }
      }
      let failed = outcomes.filter(\.failed)
      if let first = failed.first {
        throw PipelineError.badInput(
          "mine: \(failed.count) of \(outcomes.count) repositories failed (first: \(first.line)); the others were published"
        )
      }
    }
  }
}
