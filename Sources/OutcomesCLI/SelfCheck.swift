import ArgumentParser
import Commands
import Foundation

extension Outcomes {
  /// `outcomes self`: a private check of your own changes, printed to the terminal only.
  struct SelfCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "self",
      abstract: "Your own changes only: AI-marked vs unmarked, recent days vs your own baseline.",
      discussion: """
        You are `git config user.email` plus every --me address, merged through the .mailmap. Shows \
        changes landed, reverted within 30 days, lines alive after 30 days, lines reworked within 21 days, \
        changes later blamed for a defect and, with pull-request exports (--issues), time to merge; each \
        with its count and a 95% interval. Prints to the terminal only: nothing is written (not even the \
        pseudonym salt or the cache, which it only reads) and nothing is sent, and no one else's \
        changes are ever shown.
        """
    )

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var flags: MiningFlags
    @OptionGroup var attribution: AttributionFlags
    @OptionGroup var ledger: LedgerFlags
    @OptionGroup var trackers: TrackerFlags

    @Option(
      name: .long, help: ArgumentHelp("Another of your email addresses (repeatable).", valueName: "email"))
    var me: [String] = []

    @Option(name: .long, help: "Length of the recent period in days.")
    var days = 90

    @Option(name: .long, help: "Length of your baseline just before it (default: as long as --days).")
    var baselineDays: Int?

    @Option(name: .long, help: "End of the recent period (2026-07-01 or ISO-8601; default: now).")
    var until: String?

    func validate() throws {
      if days < 1 { throw ValidationError("--days must be at least 1") }
      if let baselineDays, baselineDays < 1 { throw ValidationError("--baseline-days must be at least 1") }
      if let until, Timestamp.parse(until) == nil {
        throw ValidationError(PipelineError.badDate(option: "--until", value: until).description)
      }
      if attribution.noAttribution {
        throw ValidationError("--no-attribution: the self-check compares AI-marked with unmarked changes")
      }
    }

    func run() throws {
      var mining = try MiningRequest(
        repository: repository, flags: flags, attribution: attribution, ledger: ledger, trackers: trackers)
      // The self-check writes nothing, the cache included: it only reads what other runs left.
      if mining.cache == .readWrite { mining.cache = .read }
      let session = try MiningSession(mining)
      var request = SelfCheckRequest()
      request.emails = me
      request.days = days
      request.baselineDays = baselineDays
      request.until = until.flatMap(Timestamp.parse)
      let result = try SelfCheckCommand.run(
        session: session, request: request,
        progress: ProgressReporter.forTerminal(label: "self", quiet: flags.quiet))
      FileHandle.standardOutput.write(Data(result.text.utf8))
      for warning in result.warnings {
        StandardError.warning(warning)
      }
    }
  }
}
