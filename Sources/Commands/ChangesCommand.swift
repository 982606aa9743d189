import Foundation
import GitHistory
import OutcomeModel
import Pipeline

/// The whole of `outcomes changes` below argument parsing.
public enum ChangesCommand {
  public struct Result {
    public var summary: MiningSummary
    public var warnings: [String]
  }

  public static func run(
    session: MiningSession, format: FactTableFormat, out: String?, identify: Bool,
    progress: ProgressReporter?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> Result {
    var builder = try session.recordBuilder(identify: identify, environment: environment)
    let join = try session.trackers.map { try TrackerJoin(session: session, setup: $0) }
    join?.prepare(&builder)
    let writer = FactTableWriter(format: format, sink: try OutputSink(path: out))
    guard let ledger = session.request.ledger else {
      // Without the ledger rows stream as the mainline is mined.
      let summary = try session.mine(progress: progress) { [builder] change in
        var record = builder.record(for: change)
        join?.fill(&record)
        try writer.write(record)
      }
      try writer.finish()
      return Result(summary: summary, warnings: session.warnings(for: summary))
    }
    let pass = try OutcomePass.run(
      session: session, ledger: ledger, join: join, builder: builder, progress: progress)
    let window = Set(session.plan.ids.map(\.hex))
    for record in pass.records where window.contains(record.sha) {
      try writer.write(record)
    }
    try writer.finish()
    return Result(summary: pass.summary, warnings: pass.warnings)
  }
}
