import ArgumentParser
import Commands
import Foundation

extension Outcomes {
  /// `outcomes releases`: how much of each release's new code is AI-written, from the same single pass.
  struct Releases: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Per release tag: the lines written since the previous tag, and how many are AI lines.",
      discussion: """
        Tags matching --tags are ordered by history. For each, the lines present at the tag's own commit \
        (on the mainline or not) whose origin commit is reachable from the tag but not from the previous \
        tag are counted, with the AI-attributed ones among them. It is what running git blame on every file \
        at every tag would give, from one pass over the history.
        """
    )

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var flags: MiningFlags
    @OptionGroup var attribution: AttributionFlags
    @OptionGroup var ledger: LedgerFlags

    @Option(name: .long, help: "Tags to compare, as a shell glob (e.g. 'v*').")
    var tags: String

    @Option(name: .long, help: "Output format: json, csv or md.")
    var format: ReleaseFormat = .json

    @Option(name: .long, help: "Write to this file (atomically) instead of stdout.")
    var out: String?

    func run() throws {
      let session = try MiningSession(
        MiningRequest(
          repository: repository, flags: flags, attribution: attribution, ledger: ledger, trackers: nil))
      let result = try ReleasesCommand.rows(
        session: session, tags: tags,
        progress: ProgressReporter.forTerminal(label: "releases", quiet: flags.quiet))
      let sink = try OutputSink(path: out)
      try sink.write(try ReleaseTable.render(result.rows, format: format))
      try sink.finish()
      for warning in result.warnings {
        StandardError.warning(warning)
      }
    }
  }
}

extension ReleaseFormat: ExpressibleByArgument {}
