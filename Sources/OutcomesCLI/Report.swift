import ArgumentParser
import Commands
import Foundation

extension Outcomes {
  /// `outcomes report`: the per-team outcome report, the product's main job.
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Per-team outcomes of AI-marked vs unmarked changes for a period (Markdown by default).",
      discussion: """
        With no options: the last full quarter (or all history when shorter) of the current repository, \
        teams from CODEOWNERS at the branch tip or else one per top-level folder, printed as Markdown. \
        Every rate comes with its count and a 95% interval; cells with fewer than --min-authors distinct \
        authors are suppressed, with complementary suppression. People are never listed or ranked, and \
        --identify does not exist here on purpose.
        """
    )

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var flags: MiningFlags
    @OptionGroup var attribution: AttributionFlags
    @OptionGroup var ledger: LedgerFlags
    @OptionGroup var trackers: TrackerFlags

    @OptionGroup var scope: ReportScopeOptions

    @Option(name: .long, help: "Output format on stdout: md, json, csv or html.")
    var format: ReportOutputFormat = .md

    @Option(name: .long, help: "Write report.md, .json, .csv and .html into this folder (atomically).")
    var out: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Report over the repositories published to this store (postgres://… or a SQLite file) instead of one repository.",
        valueName: "url"))
    var from: String?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "With --from: only repositories whose key or name matches this glob (repeatable).", valueName: "glob")
    )
    var repos: [String] = []

    func validate() throws {
      if !repos.isEmpty && from == nil { throw ValidationError("--repos needs --from") }
      if from != nil {
        if repository.repo != "." || repository.branch != nil {
          throw ValidationError("--from reports on published rows: --repo and --branch do not apply")
        }
        if !trackers.issues.isEmpty {
          throw ValidationError(
            "--from: tracker exports are joined when publishing (outcomes publish --issues)")
        }
        try rejectMiningOptions(
          "--from", repository: repository, flags: flags, attribution: attribution, ledger: ledger)
      }
    }

    func run() throws {
      if let from {
        var request = OrgReportRequest(location: from)
        request.repositories = repos
        request.report = scope.request
        let result = try OrgReportCommand.build(request)
        try ReportCommand.emit(result.report, format: format, out: out)
        if !flags.quiet {
          for note in result.notes { StandardError.note(note) }
        }
        for warning in result.warnings {
          StandardError.warning(warning)
        }
        return
      }
      let session = try MiningSession(
        MiningRequest(
          repository: repository, flags: flags, attribution: attribution, ledger: ledger, trackers: trackers,
          teams: scope.teams))
      let result = try ReportCommand.build(
        session: session, request: scope.request,
        progress: ProgressReporter.forTerminal(label: "report", quiet: flags.quiet))
      try ReportCommand.emit(result.report, format: format, out: out)
      for warning in result.warnings {
        StandardError.warning(warning)
      }
    }
  }
}

extension ReportOutputFormat: ExpressibleByArgument {}
