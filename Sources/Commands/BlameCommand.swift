import Foundation
import GitHistory
import Ledger
import OutcomeModel
import Pipeline

/// What `outcomes blame` was asked for, below argument parsing.
public struct BlameRequest: Sendable {
  /// Repository-relative, or relative to the current folder inside the work tree.
  public var path: String
  /// A revision on the branch's history; nil means the branch tip.
  public var revision: String?
  public var identify = false

  public init(path: String) { self.path = path }
}

/// `outcomes blame FILE [--rev REV]`: each line of the file at REV with the mainline change that landed
/// it — `git blame` with the ledger's origins (merges land their branch's lines, moves keep theirs).
public enum BlameCommand {
  public static func run(
    session: MiningSession, request: BlameRequest, progress: ProgressReporter?,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> String {
    let repository = session.repository
    let graph = GraphPlan(session.fullPlan)
    let id = try request.revision.map { try repository.resolve($0) } ?? graph.branch.tip
    guard let position = graph.position(of: id) else {
      throw PipelineError.badInput(
        "\(request.revision ?? "HEAD"): not in the history of \(session.fullPlan.branch.name)")
    }
    let path = repositoryPath(request.path, workTree: repository.workTree)
    guard let text = repository.fileText(path, at: id) else {
      throw PipelineError.badInput(
        "\(path): no such file at \(request.revision ?? session.fullPlan.branch.name)")
    }
    let builder = try session.recordBuilder(identify: request.identify, environment: environment)
    let passRunner = OutcomePass(session: session, request: session.request.ledger ?? LedgerRequest())
    var found: (pass: OutcomePass.Result, files: [String: [LineLedger.LineOrigin]]?)?
    if id == graph.branch.tip, session.request.cache == .readWrite {
      // A writable cache keeps the tip's line state: a warm run reads only the new commits. When the
      // cache could not be used after all, the tip state is empty and the full pass below runs.
      let pass = try passRunner.run(builder: builder, progress: progress)
      let tip = pass.ledger.linesAtTip()
      if !tip.isEmpty { found = (pass, tip) }
    }
    if found == nil {
      let pass = try passRunner.run(builder: builder, keptStates: [position], progress: progress)
      found = (pass, pass.ledger.lines(at: position))
    }
    let pass = found!.pass
    guard let origins = found!.files?[path] else {
      throw PipelineError.badInput(
        "\(path): its lines are not followed (binary, missing blob, or excluded from line metrics: see --include/--no-default-excludes)"
      )
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let ids = graph.ids
    var rows: [[String]] = []
    for (index, origin) in origins.enumerated() {
      let record = origin.landing.flatMap { $0 < pass.records.count ? pass.records[$0] : nil }
      let sha =
        record.map { String($0.sha.prefix(10)) }
        ?? (origin.origin >= 0 ? String(ids[origin.origin].hex.prefix(10)) : "?")
      rows.append([
        sha, record.map { String($0.committedAt.prefix(10)) } ?? "not landed",
        record?.cohort?.rawValue ?? (origin.ai ? "ai" : "unmarked"),
        record?.tools?.first ?? (origin.ai ? "ai" : "-"), record?.author ?? "-",
        "\(index + 1))", index < lines.count ? lines[index] : "",
      ])
    }
    var out = ""
    let widths = (0..<6).map { column in rows.map { $0[column].count }.max() ?? 0 }
    for row in rows {
      let padded = (0..<6).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
      out += padded.joined(separator: " ") + " " + row[6] + "\n"
    }
    if origins.count != lines.count {
      out += "outcomes: the ledger holds \(origins.count) lines, the file \(lines.count)\n"
    }
    return out
  }

  /// A path typed inside the work tree, made relative to its root; anything else is taken as given.
  static func repositoryPath(_ path: String, workTree: URL?) -> String {
    guard let workTree else { return path }
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    let root = workTree.standardizedFileURL.resolvingSymlinksInPath().path
    let prefix = root.hasSuffix("/") ? root : root + "/"
    return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : path
  }
}
