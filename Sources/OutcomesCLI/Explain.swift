import ArgumentParser
import Commands
import Foundation

extension Outcomes {
  /// `outcomes explain REV`: why one change is in its cohort, and what became of it.
  struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Show one change's AI evidence, where each signal was found, and its cohort; or, with --summary, what attribution found over the whole mainline."
    )

    @Argument(help: "A commit: sha, short sha, tag or any revision expression.")
    var revision: String?

    @Flag(
      name: .long,
      help:
        "Instead of one change: changes per cohort and evidence kind, notes used, unknown *-by: keys and [bot] identities."
    )
    var summary = false

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var privacy: PrivacyOptions
    @OptionGroup var flags: MiningFlags
    @OptionGroup var attribution: AttributionFlags
    @OptionGroup var trackers: TrackerFlags
    @OptionGroup var moves: MoveOptions

    @Flag(name: .long, help: "Read all history instead of resuming from the cache in .git/outcomes/.")
    var noCache = false

    func validate() throws {
      if summary == (revision != nil) {
        throw ValidationError("explain needs a revision, or --summary (not both)")
      }
    }

    func run() throws {
      var mining = try MiningRequest(
        repository: repository, flags: flags, attribution: attribution, ledger: nil, trackers: trackers)
      // The fate needs the whole history: the cache makes that a matter of the new commits only.
      mining.cache = noCache ? .off : .readWrite
      mining.ledger?.moves = moves.detection
      let session = try MiningSession(mining)
      let text =
        try revision.map {
          try ExplainCommand.run(session: session, revision: $0, identify: privacy.identify)
        }
        ?? CoverageReport.run(session: session)
      print(text, terminator: "")
      for warning in session.warnings(for: MiningSummary()) {
        StandardError.warning(warning)
      }
    }
  }
}
