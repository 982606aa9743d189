import ArgumentParser
import Commands
import Foundation

extension Outcomes {
  /// `outcomes blame FILE`: every line with the change that landed it, its cohort and tool.
  struct Blame: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Each line of a file with the mainline change that landed it: sha, date, cohort, tool, author.",
      discussion: """
        Like git blame, from the line ledger: a merge's lines belong to its branch's changes and moved \
        lines keep their origin. Authors are pseudonymous unless --identify is given.
        """)

    @Argument(help: "A file, relative to the repository root or to the current folder inside it.")
    var file: String

    @Option(
      name: .long,
      help: "The revision to blame (default: the branch tip); it must be on the branch's history.")
    var rev: String?

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var privacy: PrivacyOptions
    @OptionGroup var flags: MiningFlags
    @OptionGroup var attribution: AttributionFlags
    @OptionGroup var ledger: LedgerFlags

    func run() throws {
      let session = try MiningSession(
        MiningRequest(
          repository: repository, flags: flags, attribution: attribution, ledger: ledger, trackers: nil))
      var request = BlameRequest(path: file)
      request.revision = rev
      request.identify = privacy.identify
      print(
        try BlameCommand.run(
          session: session, request: request,
          progress: ProgressReporter.forTerminal(label: "blame", quiet: flags.quiet)),
        terminator: "")
    }
  }
}
