import Foundation
import GitHistory
import OutcomeModel
import Pipeline
import Report

/// What `outcomes ci` was asked for, below argument parsing.
public struct CIRequest: Sendable {
  public var report = ReportRequest()
  /// A folder for report.md, .json, .csv and .html (the JSON is what tools read).
  public var out: String?

  public init() {}
}

/// The whole of `outcomes ci` below argument parsing: check the checkout, build the team report, publish
/// its Markdown where the CI shows it, and on a pull-request build list the request's commits with their
/// AI evidence. Attribution only: nothing here passes or fails a build on AI use.
public enum CICommand {
  public struct Result {
    public var report: OutcomeReport
    /// The report's Markdown, with the pull request's commits appended on a pull-request build.
    public var markdown: String
    /// Where the Markdown went: the step-summary file, or nil for stdout.
    public var summaryPath: String?
    public var warnings: [String]
  }

  /// The most commits the pull-request table lists; the rest are counted.
  static let tableLimit = 50

  public static func run(
    _ mining: MiningRequest, request: CIRequest, ci: CIEnvironment, progress: ProgressReporter?,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> Result {
    var mining = mining
    // Before anything is mined: CI checkouts are shallow by default, and the fix depends on the CI.
    let repository = try Repository(discovering: mining.path)
    if repository.isShallow && !mining.allowShallow {
      throw PipelineError.badInput(ci.shallowFix(path: repository.displayPath))
    }
    if mining.branch == nil, let name = ci.defaultBranch, (try? repository.mainlineBranch(named: name)) != nil
    {
      mining.branch = name
    }
    mining.attribution?.teamsFile = request.report.teamsFile
    let session = try MiningSession(mining)
    let built = try ReportCommand.build(
      session: session, request: request.report, progress: progress, environment: environment)
    var markdown = try ReportFormat.md.render(built.report)
    if let pullRequest = ci.pullRequest {
      markdown += "\n" + (try pullRequestSection(pullRequest, session: session))
    }
    if let out = request.out {
      try ReportCommand.emit(built.report, format: .json, out: out)
    }
    if let path = ci.stepSummary {
      try append(markdown, to: path)
    } else {
      let sink = try OutputSink(path: nil)
      try sink.write(markdown)
      try sink.finish()
    }
    return Result(
      report: built.report, markdown: markdown, summaryPath: ci.stepSummary, warnings: built.warnings)
  }

  /// The request's commits (`base..head`) with the AI evidence each carries by itself.
  static func pullRequestSection(
    _ request: CIEnvironment.PullRequest, session: MiningSession
  ) throws -> String {
    let repository = session.repository
    var table = PullRequestEvidenceTable(
      number: request.number, baseRef: request.baseRef, headRef: request.headRef, limit: tableLimit)
    let baseCandidates = [
      request.baseSHA, "refs/remotes/origin/\(request.baseRef)", "refs/heads/\(request.baseRef)",
    ]
    guard let base = baseCandidates.compactMap({ $0 }).lazy.compactMap({ try? repository.resolve($0) }).first,
      var head = [request.headSHA, "HEAD"].compactMap({ $0 }).lazy.compactMap({ try? repository.resolve($0) })
        .first
    else {
      return table.render()
    }
    // A CI's test merge of the request into its target: the request's own commits are behind its
    // second parent.
    let headCommit = try repository.commit(head)
    if headCommit.parents.count == 2, headCommit.parents[0] == base { head = headCommit.parents[1] }
    let commits = try repository.commits(from: base, to: head, limit: tableLimit + 1)
    table.commitCount = commits.count
    guard let attribution = session.attribution else {
      table.attributionOff = true
      return table.render()
    }
    table.commits = commits.suffix(tableLimit).map { commit in
      .init(
        short: commit.id.short, subject: commit.subject, marks: marks(of: commit, attribution: attribution))
    }
    return table.render()
  }

  /// A commit's own marks, as `tool (signal)`, and a git-ai note when one covers it.
  static func marks(of commit: CommitInfo, attribution: AttributionSetup) -> [String] {
    var marks = attribution.attributor.evidence(for: commit).map { evidence in
      "\(evidence.tool) (\(evidence.signal.rawValue)\(evidence.strength == .medium ? ", medium" : ""))"
    }
    if let note = attribution.notes[commit.id], !note.isEmpty { marks.append("git-ai note") }
    var seen = Set<String>()
    return marks.filter { seen.insert($0).inserted }
  }

  /// Appends to GitHub's step-summary file, which other steps write too (so never replaced).
  static func append(_ text: String, to path: String) throws {
    if !FileManager.default.fileExists(atPath: path) {
      guard FileManager.default.createFile(atPath: path, contents: nil) else {
        throw PipelineError.cannotWrite(path: path, reason: "cannot create the step summary")
      }
    }
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw PipelineError.cannotWrite(path: path, reason: "cannot open the step summary")
    }
    defer { try? handle.close() }
    do {
      try handle.seekToEnd()
      try handle.write(contentsOf: Data(text.utf8))
    } catch {
      throw PipelineError.cannotWrite(path: path, reason: error.localizedDescription)
    }
  }
}
