import ArgumentParser
import Commands
import Foundation

extension Outcomes {
  /// `outcomes changes`: the per-change fact table of the contract in DESIGN.md.
  struct Changes: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write one row per mainline change (JSON lines or CSV).",
      discussion: """
        Rows follow the machine-readable contract: sha, parents, authoredAt, committedAt, author \
        (pseudonymous unless --identify), cohort, tools, evidence, filesChanged, linesAdded, \
        linesDeleted, aiLinesAdded, reverted, linesAlive, churned21d, linesMoved, linesCopied, defectsInduced, \
        fate, pr, issues, … \
        Outcomes come from one pass over every commit of the history (the line ledger); \
        --no-ledger skips it. \
        --issues links pull requests and issues from tracker exports: pr and issues are filled, pull-request \
        evidence joins attribution, and changes linked to bug issues count as fixes for SZZ. \
        Warnings go to stderr, data to stdout or --out.
        """
    )

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var window: WindowOptions
    @OptionGroup var privacy: PrivacyOptions
    @OptionGroup var flags: MiningFlags
    @OptionGroup var attribution: AttributionFlags
    @OptionGroup var ledger: LedgerFlags
    @OptionGroup var trackers: TrackerFlags

    @Flag(
      name: .long,
      help: "Skip the line ledger: no survival, churn, reverts or defects, but a faster mainline-only pass.")
    var noLedger = false

    @Option(name: .long, help: "Output format: jsonl or csv.")
    var format: FactTableFormat = .jsonl

    @Option(name: .long, help: "Write to this file (atomically) instead of stdout.")
    var out: String?

    func run() throws {
      var request = try MiningRequest(
        repository: repository, window: window, flags: flags, attribution: attribution, ledger: ledger,
        trackers: trackers)
      if noLedger { request.ledger = nil }
      let session = try MiningSession(request)
      let summary = try ChangesCommand.run(
        session: session, format: format, out: out, identify: privacy.identify,
        progress: ProgressReporter.forTerminal(label: "mining", quiet: flags.quiet))
      for warning in summary.warnings {
        StandardError.warning(warning)
      }
    }
  }
}
