import Adapters
import Foundation
import GitHistory
import OutcomeModel
import Pipeline
import Report

/// What `outcomes report` was asked for, below argument parsing.
public struct ReportRequest: Sendable {
  public var quarter: String?
  public var month: String?
  public var since: String?
  public var until: String?
  /// A teams.yml; without one, CODEOWNERS at the branch tip, else one team per top-level folder.
  public var teamsFile: String?
  public var minAuthors = 5

  public init() {}
}

extension ReportRequest {
  /// The period the options name, within the history's bounds; a bad period is a one-line input error.
  func period(historyStart: Int64, historyEnd: Int64) throws -> ReportPeriod {
    do {
      return try ReportPeriod.parse(
        quarter: quarter, month: month, since: since, until: until, historyStart: historyStart,
        historyEnd: historyEnd)
    } catch let error as PeriodError {
      throw PipelineError.badInput(error.description)
    }
  }
}

/// The whole of `outcomes report` below argument parsing: one pass, teams, periods, statistics.
public enum ReportCommand {
  public struct Result {
    public var report: OutcomeReport
    public var warnings: [String]
  }

  public static func build(
    session: MiningSession, request: ReportRequest, progress: ProgressReporter?,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> Result {
    let teamPass = try TeamPass(
      session: session, teamsFile: request.teamsFile, progress: progress, environment: environment)
    let pass = teamPass.pass
    guard let bounds = ReportPeriod.historyBounds(pass.records) else {
      throw PipelineError.badInput(
        "\(session.repository.displayPath): the branch has no changes to report on")
    }
    let period = try request.period(historyStart: bounds.start, historyEnd: bounds.end)
    var input = ReportInput(
      records: pass.records, period: period, observedUntil: bounds.end, teamSource: teamPass.resolver.source,
      repository: repositoryName(session.repository.displayPath))
    if let inputs = teamPass.trackerInputs { (input.pullRequests, input.issues) = inputs }
    let report = ReportBuilder(options: ReportOptions(minAuthors: request.minAuthors)).build(input)
    return Result(report: report, warnings: pass.warnings)
  }

  /// PRs and issues for the report's merge, resolution and reopen rates. A merged PR takes the team and
  /// cohort of the change it landed as; an unmerged one is placed by its author's login, and is AI work
  /// when an agent opened it or its own marks say so.
  static func trackerInputs(
    _ join: TrackerJoin, records: [ChangeRecord], resolver: TeamResolver, pseudonymizer: Pseudonymizer
  ) -> ([PullRequestInput], [IssueInput]) {
    var landed: [Int: ChangeRecord] = [:]
    for record in records {
      if let number = record.pr?.number { landed[number] = record }
    }
    var pullRequests: [PullRequestInput] = []
    for request in join.requests.values {
      let login = request.author?.handle ?? "unknown"
      let author = pseudonymizer.id(forEmail: request.author?.email ?? login)
      let change = request.ref.number.flatMap { landed[$0] }
      let teams = change?.teams ?? resolver.teams(email: request.author?.email ?? "", login: login, paths: [])
      let facts = request.facts(signatures: join.signatures, aiLabels: join.aiLabels)
      let cohort: Cohort =
        facts.agentTool != nil ? .agent : change?.cohort ?? (facts.evidence.isEmpty ? .unmarked : .assisted)
      if let input = PullRequestInput(request, author: author, teams: teams, cohort: cohort) {
        pullRequests.append(input)
      }
    }
    let linked = Set(records.flatMap { $0.issues ?? [] })
    let issues = join.items.values.filter { linked.contains($0.ref.description) }.map { IssueInput($0) }
    return (pullRequests.sorted { $0.number < $1.number }, issues.sorted { $0.key < $1.key })
  }

  /// The folder name, without a bare repository's `.git` suffix.
  static func repositoryName(_ path: String) -> String {
    let url = URL(fileURLWithPath: path)
    let name =
      url.lastPathComponent == ".git"
      ? url.deletingLastPathComponent().lastPathComponent : url.lastPathComponent
    return name.hasSuffix(".git") ? String(name.dropLast(4)) : name
  }

  /// `--teams FILE`, else the first CODEOWNERS in the branch tip's tree (so bare clones work too).
  static func teamResolver(session: MiningSession, file: String?) throws -> TeamResolver {
    if let file {
      guard let text = FileManager.default.contents(atPath: file).map({ String(decoding: $0, as: UTF8.self) })
      else {
        throw PipelineError.unreadable(path: file, reason: "no such file")
      }
      do {
        return try TeamResolver(teamsYAML: text, codeOwnersText: nil)
      } catch {
        // YAML parser messages span lines; the contract is one line per error.
        throw PipelineError.badInput(
          "\(file): \(String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " "))")
      }
    }
    let tip = session.fullPlan.branch.tip
    for path in CodeOwners.candidatePaths {
      if let text = session.repository.fileText(path, at: tip) {
        return TeamResolver(codeOwners: CodeOwners(parsing: text))
      }
    }
    return TeamResolver()
  }
}

/// The pass behind every team-level command (report, ci, publish): teams resolved from the email and
/// paths before pseudonyms, rows always pseudonymous (people are never listed), tracker exports joined.
struct TeamPass {
  let resolver: TeamResolver
  let builder: ChangeRecordBuilder
  let join: TrackerJoin?
  let pass: OutcomePass.Result

  init(
    session: MiningSession, teamsFile: String?, progress: ProgressReporter?, environment: [String: String]
  ) throws {
    let resolver = try ReportCommand.teamResolver(session: session, file: teamsFile)
    var builder = try session.recordBuilder(identify: false, environment: environment)
    builder.teams = { email, paths in resolver.teams(email: email, paths: paths) }
    let join = try session.trackers.map { try TrackerJoin(session: session, setup: $0) }
    join?.prepare(&builder)
    pass = try OutcomePass.run(
      session: session, ledger: session.request.ledger ?? LedgerRequest(), join: join, builder: builder,
      progress: progress)
    self.resolver = resolver
    self.builder = builder
    self.join = join
  }

  /// Pull requests and linked issues for the report's merge, resolution and reopen rates; nil without
  /// tracker exports.
  var trackerInputs: ([PullRequestInput], [IssueInput])? {
    join.map { join in
      ReportCommand.trackerInputs(
        join, records: pass.records, resolver: resolver, pseudonymizer: builder.pseudonymizer)
    }
  }
}

/// The formats of `outcomes report`, as the command line names them.
public enum ReportOutputFormat: String, CaseIterable, Sendable {
  case md, json, csv, html

  var format: ReportFormat {
    switch self {
    case .md: .md
    case .json: .json
    case .csv: .csv
    case .html: .html
    }
  }
}

extension ReportCommand {
  /// `--out DIR` writes every format; otherwise the chosen one goes to stdout.
  public static func emit(_ report: OutcomeReport, format: ReportOutputFormat, out: String?) throws {
    if let out {
      do {
        try ReportWriter.writeAll(report, to: URL(fileURLWithPath: out))
      } catch {
        throw PipelineError.cannotWrite(path: out, reason: error.localizedDescription)
      }
      return
    }
    let sink = try OutputSink(path: nil)
    try sink.write(try format.format.render(report))
    try sink.finish()
  }
}
