import ArgumentParser
import Foundation
import Pipeline

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

    @Option(name: .long, help: "A quarter, e.g. 2026Q3.")
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

    @Option(name: .long, help: "Output format on stdout: md, json, csv or html.")
    var format: ReportOutputFormat = .md

    @Option(name: .long, help: "Write report.md, .json, .csv and .html into this folder (atomically).")
    var out: String?

    func validate() throws {
      if minAuthors < 3 { throw ValidationError("--min-authors must be at least 3 (privacy floor)") }
      if ledger.noLedger { throw ValidationError("--no-ledger: a report needs the ledger's outcomes") }
    }

    func run() throws {
      var request = MiningRequest(repository: repository, flags: flags, attribution: attribution)
      request.ledger = try ledger.request()
      request.trackers = trackers.request(aiLabels: attribution.aiLabel)
      let session = try MiningSession(request)
      var report = ReportRequest()
      report.quarter = quarter
      report.month = month
      report.since = since
      report.until = until
      report.teamsFile = teams
      report.minAuthors = minAuthors
      let result = try ReportCommand.build(
        session: session, request: report,
        progress: ProgressReporter.forTerminal(label: "report", quiet: flags.quiet))
      try ReportCommand.emit(result.report, format: format, out: out)
      for warning in result.warnings {
        FileHandle.standardError.write(Data("outcomes: warning: \(warning)\n".utf8))
      }
    }
  }
}

extension ReportOutputFormat: ExpressibleByArgument {}
