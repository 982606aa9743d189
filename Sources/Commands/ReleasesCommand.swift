import Foundation
import GitHistory
import Ledger
import OutcomeModel
import Pipeline

#if canImport(Glibc)
  import Glibc
#endif

/// One row of `outcomes releases`: lines at a tag that were written since the previous tag.
public struct ReleaseRow: Codable, Hashable, Sendable {
  public var tag: String
  /// The previous matching tag in history order; null for the first, whose range is all its history.
  public var previous: String?
  public var commit: String
  /// Lines present at the tag whose origin commit is in git's `previous..tag`.
  public var lines: Int
  public var aiLines: Int
  /// `aiLines / lines`; null when the release has no new lines.
  public var aiShare: Double?

  private enum CodingKeys: String, CodingKey { case tag, previous, commit, lines, aiLines, aiShare }

  // Every key always present: null says "first release" or "no new lines", not "field missing".
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(tag, forKey: .tag)
    try c.encode(previous, forKey: .previous)
    try c.encode(commit, forKey: .commit)
    try c.encode(lines, forKey: .lines)
    try c.encode(aiLines, forKey: .aiLines)
    try c.encode(aiShare, forKey: .aiShare)
  }
}

/// The output formats of `outcomes releases`.
public enum ReleaseFormat: String, CaseIterable, Sendable {
  case json, csv, md
}

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
        commit: graph.ids[tag.position].hex, lines: counted.lines, aiLines: counted.aiLines,
        aiShare: counted.lines > 0 ? Double(counted.aiLines) / Double(counted.lines) : nil)
    }
    return Result(rows: rows, warnings: warnings)
  }

  public static func render(_ rows: [ReleaseRow], format: ReleaseFormat) throws -> String {
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      return String(decoding: try encoder.encode(rows), as: UTF8.self) + "\n"
    case .csv:
      var text = "tag,previous,commit,lines,aiLines,aiShare\n"
      for row in rows {
        text +=
          "\(FactTableWriter.csvEscape(row.tag)),\(FactTableWriter.csvEscape(row.previous ?? "")),\(row.commit),\(row.lines),\(row.aiLines),\(row.aiShare.map { String(format: "%.4f", $0) } ?? "")\n"
      }
      return text
    case .md:
      var text = "| release | since | new lines | AI lines | AI share |\n|---|---|---:|---:|---:|\n"
      for row in rows {
        let share = row.aiShare.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
        text += "| \(row.tag) | \(row.previous ?? "(start)") | \(row.lines) | \(row.aiLines) | \(share) |\n"
      }
      text +=
        "\nNew lines: lines present at the tag whose origin commit is reachable from it but not from the previous tag. AI lines: those whose origin commit is AI-attributed (or marked line by line in git-ai notes).\n"
      return text
    }
  }
}
