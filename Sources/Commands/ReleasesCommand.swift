import Foundation
import GitHistory
import Ledger
import OutcomeModel
import Pipeline
import Report

#if canImport(Glibc)
  import Glibc
#endif

/// The whole of `outcomes releases` below argument parsing.
public enum ReleasesCommand {
  public struct Result {
    public var rows: [ReleaseRow]
    public var warnings: [String]
  }

  /// Counts every release in the same single pass as `outcomes changes`.
  public static func rows(
    session: MiningSession, tags pattern: String, progress: ProgressReporter?,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> Result {
    let graph = GraphPlan(session.fullPlan)
    var warnings: [String] = []
    var tags: [(name: String, position: Int)] = []
    var unreachable: [String] = []
    for tag in try session.repository.tags() where fnmatch(pattern, tag.name, 0) == 0 {
      if let position = graph.position(of: tag.target) {
        tags.append((tag.name, position))
      } else {
        unreachable.append(tag.name)
      }
    }
    if tags.isEmpty {
      throw PipelineError.badInput(
        "--tags \(pattern): no tag reachable from \(graph.branch.name) matches"
          + (unreachable.isEmpty ? "" : " (\(unreachable.count) matching tag(s) are not reachable from it)"))
    }
    if !unreachable.isEmpty {
      warnings.append(
        "\(unreachable.count) tag(s) matching \(pattern) are not reachable from \(graph.branch.name) and were skipped (first: \(unreachable.sorted()[0]))"
      )
    }
    // History order: parents before children; tags on one commit by name.
    tags.sort { ($0.position, $0.name) < ($1.position, $1.name) }
    var windows: [ReleaseWindow] = []
    var previousAncestors: [Bool]?
    for tag in tags {
      let ancestors = graph.ancestors(of: tag.position)
      var inRange = ancestors
      if let previousAncestors {
        for index in inRange.indices where previousAncestors[index] { inRange[index] = false }
      }
      windows.append(ReleaseWindow(position: tag.position, inRange: inRange))
      previousAncestors = ancestors
    }
    let builder = try session.recordBuilder(identify: false, environment: environment)
    let request = session.request.ledger ?? LedgerRequest()
    let pass = try OutcomePass(session: session, request: request).run(
      builder: builder, releases: windows, progress: progress, graph: graph)
    warnings += pass.warnings
    let rows = tags.enumerated().map { index, tag in
      let counted = pass.ledger.releases[index]
      return ReleaseRow(
        tag: tag.name, previous: index > 0 ? tags[index - 1].name : nil,
        commit: graph.id(at: tag.position).hex, lines: counted.lines, aiLines: counted.aiLines,
        aiShare: counted.lines > 0 ? Double(counted.aiLines) / Double(counted.lines) : nil)
    }
    return Result(rows: rows, warnings: warnings)
  }
}
