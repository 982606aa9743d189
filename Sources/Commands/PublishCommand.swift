import Foundation
import GitHistory
import OrgStore
import OutcomeModel
import Pipeline
import Report

/// What `outcomes publish` was asked for, below argument parsing.
public struct PublishRequest: Sendable {
  /// `--to`, else `OUTCOMES_DATABASE_URL`.
  public var location: String?
  /// `--repo-name`: the repository's key in the store instead of its origin URL.
  public var repositoryName: String?
  /// `--teams`: a teams.yml; without one, CODEOWNERS at the branch tip, else top-level folders.
  public var teamsFile: String?
  /// `--facts`: publish this JSON-lines fact table instead of mining the repository.
  public var factsFile: String?

  public init() {}
}

/// The whole of `outcomes publish` below argument parsing: one outcome pass over the repository, teams
/// resolved with the repository's own rules, then the rows into the shared store.
public enum PublishCommand {
  /// The environment variable that names the store when `--to` is not given.
  public static let databaseVariable = "OUTCOMES_DATABASE_URL"

  public struct Result: Sendable {
    public var summary: PublishSummary
    public var identity: String
    public var location: String
    public var warnings: [String]
  }

  /// The store location from `--to` or the environment, with a usage error when there is neither.
  public static func location(_ given: String?, environment: [String: String]) throws -> StoreLocation {
    guard let text = given ?? environment[databaseVariable].flatMap({ $0.isEmpty ? nil : $0 }) else {
      throw PipelineError.badInput(
        "publish: no database: give --to postgres://… (or a SQLite file) or set \(databaseVariable)")
    }
    return try storeLocation(text, environment: environment)
  }

  static func storeLocation(_ text: String, environment: [String: String]) throws -> StoreLocation {
    do {
      return try StoreLocation(parsing: text, environment: environment)
    } catch {
      throw PipelineError.badInput(error.description)
    }
  }

  /// Mines the session's repository into one publication: the rows a report on this repository would
  /// use (same teams, same pseudonyms, same tracker join), plus its pull requests and linked issues.
  public static func collect(
    session: MiningSession, teamsFile: String?, repositoryName: String?, progress: ProgressReporter?,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> (facts: RepositoryFacts, warnings: [String]) {
    let teamPass = try TeamPass(
      session: session, teamsFile: teamsFile, progress: progress, environment: environment)
    let (pass, builder) = (teamPass.pass, teamPass.builder)
    let repository = session.repository
    let (identity, name) = RepositoryIdentity.resolve(
      override: repositoryName, gitDirectory: repository.gitDirectory,
      folderName: ReportCommand.repositoryName(repository.displayPath))
    var facts = RepositoryFacts(
      identity: identity, name: name, teamSource: teamPass.resolver.source.rawValue,
      saltFingerprint: saltFingerprint(builder.pseudonymizer), branch: session.fullPlan.branch.name,
      tip: session.fullPlan.branch.tip.hex, records: pass.records)
    if let (requests, issues) = teamPass.trackerInputs {
      facts.pullRequests = requests
      facts.issues = issues
    }
    var warnings = pass.warnings
    if (environment["OUTCOMES_SALT"] ?? "").isEmpty {
      warnings.append(
        "\(identity): OUTCOMES_SALT is not set, so pseudonyms use this repository's own salt: people who work in several repositories will count once per repository in organisation reports (set one OUTCOMES_SALT secret for every repository)"
      )
    }
    return (facts, warnings)
  }

  /// A pseudonym of a fixed, invalid address: equal across repositories exactly when the salt is.
  public static func saltFingerprint(_ pseudonymizer: Pseudonymizer) -> String? {
    pseudonymizer.identifies ? nil : pseudonymizer.id(forEmail: "salt-fingerprint@outcomes.invalid")
  }

  /// Connects, migrates and disconnects: the store is usable.
  public static func check(_ location: StoreLocation) throws {
    try open(location).close()
  }

  /// The store at `location`, its errors as one-line input errors.
  static func open(_ location: StoreLocation) throws -> any FactStore {
    do {
      return try OrgStores.open(location)
    } catch let error as OrgStoreError {
      throw PipelineError.badInput(error.description)
    }
  }

  /// Writes one publication to the store at `location`, with a progress line on a terminal.
  public static func publish(
    _ facts: RepositoryFacts, to location: StoreLocation, progress: Bool
  ) throws -> PublishSummary {
    let store = try open(location)
    defer { store.close() }
    let line = ProgressReporter.forTerminal(label: "publish \(facts.name) → \(location)", quiet: !progress)
    defer { line?.finish() }
    do {
      return try store.publish(facts) { done, total in line?.update(done: done, total: total, unit: "rows") }
    } catch let error as OrgStoreError {
      throw PipelineError.badInput(error.description)
    }
  }

  /// `outcomes publish` on a mined repository.
  public static func run(
    session: MiningSession, request: PublishRequest, progress: ProgressReporter?,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> Result {
    let location = try location(request.location, environment: environment)
    // A wrong password or an unreachable server should fail before minutes of mining, not after.
    try check(location)
    let (facts, warnings) = try collect(
      session: session, teamsFile: request.teamsFile, repositoryName: request.repositoryName,
      progress: progress, environment: environment)
    let summary = try publish(facts, to: location, progress: progress != nil)
    return Result(
      summary: summary, identity: facts.identity, location: location.description, warnings: warnings)
  }

  /// `outcomes publish --facts FILE --repo-name NAME`: a fact table made earlier (JSON lines as
  /// `outcomes changes` writes them, `team`/`teams` kept when present) published without mining.
  public static func run(
    factsFile: String, request: PublishRequest, progress: Bool,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> Result {
    let location = try location(request.location, environment: environment)
    guard let identity = request.repositoryName, !identity.isEmpty else {
      throw PipelineError.badInput(
        "--facts \(factsFile): give --repo-name, the repository's key in the store")
    }
    let records = try FactTableFile.read(factsFile)
    let facts = RepositoryFacts(
      identity: identity, name: RepositoryIdentity.displayName(identity),
      teamSource: TeamResolver.Source.teamsFile.rawValue, saltFingerprint: nil, records: records)
    let summary = try publish(facts, to: location, progress: progress)
    return Result(summary: summary, identity: identity, location: location.description, warnings: [])
  }
}

extension PublishCommand.Result {
  /// The one line a CI log keeps: what landed where.
  public var line: String {
    let s = summary
    return
      "published \(identity) → \(location): \(s.inserted + s.updated + s.unchanged) changes (\(s.inserted) new, \(s.updated) updated, \(s.unchanged) unchanged, \(s.deleted) removed), \(s.pullRequests) pull requests, \(s.issues) issues"
  }
}

/// Reads a JSON-lines fact table, naming the file and line of the first row that cannot be read.
enum FactTableFile {
  static func read(_ path: String) throws -> [ChangeRecord] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError.unreadable(path: path, reason: "no such file")
    }
    let bytes = [UInt8](data)
    // Line ranges first (a plain scan), then rows decoded in parallel chunks, in order.
    var lines: [(number: Int, range: Range<Int>)] = []
    var start = 0
    var number = 0
    for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
      number += 1
      let range = start..<index
      start = index + 1
      if !bytes[range].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) {
        lines.append((number, range))
      }
    }
    let rows = lines
    return try ParallelChunks.map(count: rows.count) { chunk in
      let decoder = JSONDecoder()
      return try chunk.map { index in
        do {
          return try decoder.decode(ChangeRecord.self, from: Data(bytes[rows[index].range]))
        } catch {
          throw PipelineError.badInput(
            "\(path):\(rows[index].number): not a fact-table row (\(describe(error)))")
        }
      }
    }
  }

  static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): return "missing \(key.stringValue)"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      return "bad \(context.codingPath.map(\.stringValue).joined(separator: "."))"
    case DecodingError.dataCorrupted: return "invalid JSON"
    default: return "\(error)"
    }
  }
}
