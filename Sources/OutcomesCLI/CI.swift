import ArgumentParser
import Commands
import Foundation

extension Outcomes {
  /// `outcomes ci`: the team report where a CI job shows it, and a pull request's AI evidence.
  struct CI: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ci",
      abstract:
        "The team report in CI: GitHub step summary or stdout, JSON with --out, PR commits' evidence.",
      discussion: """
        Detects GitHub Actions (GITHUB_ACTIONS=true), GitLab CI (GITLAB_CI=true) or a plain environment. \
        A shallow checkout stops the run at once with the fix for that CI (fetch-depth: 0, GIT_DEPTH: 0). \
        The report's Markdown is appended to $GITHUB_STEP_SUMMARY when set, else printed; --out DIR also \
        writes report.json (and .md, .csv, .html). On a pull-request build a table lists the request's \
        commits with their AI evidence. This is attribution only: not a gate, with no pass/fail threshold \
        on AI use; the exit code says only whether the report could be made.
        """
    )

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var flags: MiningFlags
    @OptionGroup var attribution: AttributionFlags
    @OptionGroup var ledger: LedgerFlags
    @OptionGroup var trackers: TrackerFlags

    @OptionGroup var scope: ReportScopeOptions

    @Option(name: .long, help: "Write report.json (and .md, .csv, .html) into this folder.")
    var out: String?

    func run() throws {
      let environment = ProcessInfo.processInfo.environment
      let ci = CIEnvironment(environment: environment)
      let mining = try MiningRequest(
        repository: repository, flags: flags, attribution: attribution, ledger: ledger, trackers: trackers)
      var request = CIRequest()
      request.report = scope.request
      request.out = out
      let result = try CICommand.run(
        mining, request: request, ci: ci,
        progress: ProgressReporter.forTerminal(label: "ci", quiet: flags.quiet), environment: environment)
      if let path = result.summaryPath {
        StandardError.note("report appended to the step summary \(path)")
      }
      for warning in result.warnings {
        // GitHub turns this form into an annotation on the run (its commands escape % and newlines);
        // elsewhere it is an ordinary stderr line.
        let escaped = warning.replacingOccurrences(of: "%", with: "%25")
          .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        let line =
          ci.kind == .github ? "::warning title=outcomes::\(escaped)" : "outcomes: warning: \(warning)"
        StandardError.write(line + "\n")
      }
    }
  }
}
