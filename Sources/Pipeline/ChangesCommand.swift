import Foundation
import GitHistory
import OutcomeModel

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
    let builder = try session.recordBuilder(identify: identify, environment: environment)
    let writer = FactTableWriter(format: format, sink: try OutputSink(path: out))
    let summary = try session.mine(progress: progress) { change in
      try writer.write(builder.record(for: change))
    }
    try writer.finish()
    return Result(summary: summary, warnings: session.warnings(for: summary))
  }
}
