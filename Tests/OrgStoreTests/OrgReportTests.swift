import Foundation
import GitHistory
import OutcomeModel
import Report
import TestSupport
import XCTest

@testable import Commands
@testable import OrgStore
@testable import Pipeline

/// The organisation report over published rows equals the report over the union of the repositories'
/// fact tables, and teams that span repositories are judged over the union.
final class OrgReportTests: XCTestCase {
  static let environment = ["OUTCOMES_SALT": "acme-org-salt"]

  /// Team `core` has six people, three working in each repository; `edge` people work in one repository
  /// each. With the default floor of five authors, `core` is hidden in either repository alone.
  static func makeRepo(_ people: [Person], start: Int, seed: UInt64) throws -> FixtureRepo {
    let repo = try FixtureRepo()
    var random = SeededRandom(seed: seed)
    try repo.write("README.md", "start\n")
    try repo.commit("Start", author: people[0], day: start)
    for round in 0..<6 {
      for (index, person) in people.enumerated() {
        let file = "src/\(person.email.prefix(while: { $0 != "@" })).txt"
        let lines = (0...(round + Int(random.next() % 4))).map { "line \($0) of round \(round)" }
        try repo.write(file, lines.joined(separator: "\n") + "\n")
        let ai = random.next() % 3 == 0
        try repo.commit(
          "Change \(round)-\(index)" + (ai ? "\n\nCo-Authored-By: Claude <noreply@anthropic.com>" : ""),
          author: person, day: start + 1 + round * 9 + index)
      }
    }
    return repo
  }

  static let core = (1...6).map { Person(name: "Core \($0)", email: "core\($0)@acme.example") }
  static let edge = (1...4).map { Person(name: "Edge \($0)", email: "edge\($0)@acme.example") }

  static func teamsFile(in folder: URL) throws -> String {
    let file = folder.appendingPathComponent("teams-\(UUID().uuidString).yml")
    let members = { (people: [Person]) in people.map { "'\($0.email)'" }.joined(separator: ", ") }
    try """
    teams:
      core:
        members: [\(members(core))]
      edge:
        members: [\(members(edge))]
    """.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  func collect(_ repo: FixtureRepo, name: String, teams: String?) throws -> RepositoryFacts {
    var request = MiningRequest()
    request.path = repo.url.path
    let session = try MiningSession(request)
    return try PublishCommand.collect(
      session: session, teamsFile: teams, repositoryName: name, progress: nil, environment: Self.environment
    ).facts
  }

  func fixtures(teams: Bool) throws -> [RepositoryFacts] {
    let a = try Self.makeRepo(Array(Self.core.prefix(3)) + Array(Self.edge.prefix(2)), start: 400, seed: 1)
    let b = try Self.makeRepo(Array(Self.core.suffix(3)) + Array(Self.edge.suffix(2)), start: 405, seed: 2)
    let file = teams ? try Self.teamsFile(in: a.root) : nil
    // Published in the opposite order from identity order: the report must not depend on it.
    return [
      try collect(b, name: "github.com/acme/b", teams: file),
      try collect(a, name: "github.com/acme/a", teams: file),
    ]
  }

  func json(_ report: OutcomeReport) throws -> String { try ReportFormat.json.render(report) }

  /// The reference: ReportBuilder over the concatenated fact tables, without any store.
  func unionReport(_ publications: [RepositoryFacts], minAuthors: Int = 5) throws -> OutcomeReport {
    let ordered = publications.sorted { $0.identity < $1.identity }
    let records = ordered.flatMap(\.records)
    let bounds = try XCTUnwrap(ReportPeriod.historyBounds(records))
    let period = try ReportPeriod.parse(historyStart: bounds.start, historyEnd: bounds.end)
    let input = ReportInput(
      records: records, period: period, observedUntil: bounds.end,
      teamSource: TeamResolver.Source(rawValue: ordered[0].teamSource) ?? .teamsFile,
      repository: "\(publications.count) repositories")
    return ReportBuilder(options: ReportOptions(minAuthors: minAuthors)).build(input)
  }

  func orgReport(_ store: any FactStore, minAuthors: Int = 5, teams: String? = nil) throws
    -> OrgReportCommand.Result
  {
    var request = OrgReportRequest(location: store.location.description)
    request.report.minAuthors = minAuthors
    request.report.teamsFile = teams
    return try OrgReportCommand.build(request, store: store, environment: Self.environment)
  }

  func checkUnionEquality(_ store: any FactStore) throws {
    let publications = try fixtures(teams: true)
    for facts in publications { _ = try store.publish(facts, progress: nil) }
    let expected = try unionReport(publications)
    let actual = try orgReport(store)
    XCTAssertEqual(try json(actual.report), try json(expected))
    XCTAssertTrue(actual.warnings.isEmpty, "\(actual.warnings)")
    // `core` has three authors in each repository, six in the union: shown only in the union.
    XCTAssertEqual(actual.report.teams.map(\.team), ["core"])
    for facts in publications {
      let single = try unionReport([facts])
      XCTAssertFalse(single.teams.map(\.team).contains("core"), "hidden in \(facts.identity) alone")
    }
  }

  func testUnionReportEqualsTheReportOverTheUnionOfFactTablesInSQLite() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("org-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try SQLiteFactStore(path: folder.appendingPathComponent("org.sqlite").path)
    defer { store.close() }
    try checkUnionEquality(store)
  }

  func testUnionReportEqualsTheReportOverTheUnionOfFactTablesInPostgres() throws {
    let url = try PostgresServer.freshDatabase(prefix: "orgreport")
    let store = try OrgStores.open(try StoreLocation(parsing: url))
    defer { store.close() }
    try checkUnionEquality(store)
  }

  func testReposGlobSelectsAndTeamsFileMatchesPseudonymousMembers() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("org-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try SQLiteFactStore(path: folder.appendingPathComponent("org.sqlite").path)
    defer { store.close() }
    // Published without a teams file: teams are the repositories' top-level folders.
    let publications = try fixtures(teams: false)
    for facts in publications { _ = try store.publish(facts, progress: nil) }
    let plain = try orgReport(store, minAuthors: 3)
    XCTAssertFalse(plain.report.teams.map(\.team).contains("core"))

    let teams = try Self.teamsFile(in: folder)
    let withTeams = try orgReport(store, minAuthors: 3, teams: teams)
    XCTAssertEqual(withTeams.report.teams.map(\.team), ["core", "edge"], "members found by pseudonym")
    XCTAssertEqual(withTeams.report.teamSource, .teamsFile)
    // The same as publishing with the teams file, where emails were known.
    let withFile = try fixtures(teams: true)
    XCTAssertEqual(try json(withTeams.report), try json(unionReport(withFile, minAuthors: 3)))

    var request = OrgReportRequest(location: store.location.description)
    request.repositories = ["*/b"]
    request.report.minAuthors = 3
    let one = try OrgReportCommand.build(request, store: store, environment: Self.environment)
    XCTAssertEqual(one.report.repository, "b")
    XCTAssertEqual(
      try json(one.report),
      try json(unionReport([publications[0]], minAuthors: 3)).replacingOccurrences(
        of: "\"1 repositories\"", with: "\"b\""))
    request.repositories = ["nothing*"]
    XCTAssertThrowsError(try OrgReportCommand.build(request, store: store, environment: Self.environment)) {
      error in
      XCTAssertTrue("\(error)".contains("matches none of the 2 published repositories"), "\(error)")
    }
    XCTAssertThrowsError(
      try OrgReportCommand.build(
        {
          var r = OrgReportRequest(location: store.location.description)
          r.report.teamsFile = teams
          return r
        }(),
        store: store, environment: [:])
    ) { error in
      XCTAssertTrue("\(error)".contains("set OUTCOMES_SALT"), "\(error)")
    }
  }

  func testRepositoryLocalIssueKeysDoNotCollideAcrossRepositories() throws {
    var a = SyntheticFacts.facts("github.com/acme/a", count: 8)
    var b = SyntheticFacts.facts("github.com/acme/b", count: 8)
    a.issues = [
      StoredIssue(key: "#0", resolved: true, reopened: false),
      StoredIssue(key: "PAY-0", resolved: true, reopened: false),
    ]
    b.issues = [
      StoredIssue(key: "#0", resolved: false, reopened: false),
      StoredIssue(key: "PAY-0", resolved: true, reopened: false),
    ]
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("org-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try SQLiteFactStore(path: folder.appendingPathComponent("org.sqlite").path)
    defer { store.close() }
    _ = try store.publish(a, progress: nil)
    _ = try store.publish(b, progress: nil)
    let repositories = try store.repositories()
    let facts = try store.load(repositories: repositories.map(\.id), start: 0, end: Int64.max)
    let input = OrgReportCommand.union(
      facts, repositories: repositories,
      period: ReportPeriod.all(historyStart: 0, historyEnd: Int64(2_000_000_000)),
      observedUntil: 0, teamSource: .teamsFile)
    let keys = Dictionary(
      uniqueKeysWithValues: (input.issues ?? []).map { ($0.key, $0.resolved) }.filter { $0.0.contains("#") })
    XCTAssertEqual(keys, ["github.com/acme/a#0": true, "github.com/acme/b#0": false])
    XCTAssertEqual(input.records.first?.issues, ["github.com/acme/a#0", "PAY-0"])
    XCTAssertEqual(input.pullRequests?.count, 18, "both repositories' pull requests, unmerged ones included")
  }
}
