import Foundation
import OutcomeModel
import TestSupport
import XCTest

/// `outcomes publish`, `outcomes report --from` and `outcomes mine --repos` end to end, against SQLite
/// files and a real PostgreSQL server, including the server going away in the middle of a publish.
final class OrgCommandsTests: XCTestCase {
  static let salt = ["OUTCOMES_SALT": "acme-org-salt"]

  /// Five authors touching `api/` and `web/`, some changes AI-marked.
  func makeRepo(start: Int = 500, authors: Int = 5) throws -> FixtureRepo {
    let repo = try FixtureRepo()
    let people = (1...authors).map { Person(name: "Dev \($0)", email: "dev\($0)@example.com") }
    try repo.write("README.md", "demo\n")
    try repo.commit("Start", author: people[0], day: start)
    for round in 0..<5 {
      for (index, person) in people.enumerated() {
        let folder = index % 2 == 0 ? "api" : "web"
        try repo.write(
          "\(folder)/f\(index).txt", (0...round).map { "line \($0)" }.joined(separator: "\n") + "\n")
        let ai = (round + index) % 3 == 0
        try repo.commit(
          "Change \(round)-\(index)" + (ai ? "\n\nCo-Authored-By: Claude <noreply@anthropic.com>" : ""),
          author: person, day: start + 1 + round * 6 + index)
      }
    }
    return repo
  }

  func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("org-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
  }

  func testReportFromAStoreEqualsTheSingleRepositoryReport() throws {
    let repo = try makeRepo()
    let store = try temporaryFolder().appendingPathComponent("org.sqlite").path
    let publish = try outcomes(["publish", "--repo", repo.url.path, "--to", store], env: Self.salt)
    XCTAssertEqual(publish.status, 0, publish.stderr)
    XCTAssertTrue(
      publish.stderr.contains("26 changes (26 new, 0 updated, 0 unchanged, 0 removed)"), publish.stderr)
    XCTAssertTrue(publish.stdout.isEmpty, "status goes to stderr")
    let direct = try outcomes(
      ["report", "--repo", repo.url.path, "--format", "json", "--min-authors", "3", "-q"], env: Self.salt)
    XCTAssertEqual(direct.status, 0, direct.stderr)
    let fromStore = try outcomes(
      ["report", "--from", store, "--format", "json", "--min-authors", "3"], env: Self.salt)
    XCTAssertEqual(fromStore.status, 0, fromStore.stderr)
    XCTAssertEqual(fromStore.stdout, direct.stdout, "the same report, read back from the store")
    XCTAssertTrue(fromStore.stderr.contains("report over 1 of 1 repositories"), fromStore.stderr)

    let again = try outcomes(["publish", "--repo", repo.url.path, "--to", store, "-q"], env: Self.salt)
    XCTAssertEqual(again.status, 0, again.stderr)
    XCTAssertEqual(
      try outcomes(["report", "--from", store, "--format", "json", "--min-authors", "3"], env: Self.salt)
        .stdout, direct.stdout)
  }

  /// Pull requests (merged, closed, open) and a linked issue travel through the store: merge and
  /// resolution rates from `--from` equal those of the single-repository report with the exports.
  func testPullRequestsAndIssuesThroughTheStoreGiveTheSameReport() throws {
    let repo = try makeRepo()
    let people = (1...5).map { Person(name: "Dev \($0)", email: "dev\($0)@example.com") }
    for (index, number) in [11, 12, 15].enumerated() {
      try repo.write("api/pr\(number).txt", "pull request \(number)\n")
      try repo.commit("Feature \(number) (#\(number))", author: people[index], day: 532 + index)
    }
    let exports = try temporaryFolder()
    func pull(_ number: Int, merged: Bool, closed: Bool, day: Int, body: String = "") -> String {
      let closedAt = closed ? "\"\(iso(day + 1))\"" : "null"
      let mergedAt = merged ? "\"\(iso(day + 1))\"" : "null"
      return
        #"{"number":\#(number),"state":"\#(closed ? "closed" : "open")","draft":false,"title":"Feature \#(number)","body":"\#(body)","user":{"login":"dev\#(number % 5 + 1)","id":\#(number),"type":"User"},"created_at":"\#(iso(day))","updated_at":"\#(iso(day + 1))","closed_at":\#(closedAt),"merged_at":\#(mergedAt),"merge_commit_sha":null,"head":{"ref":"feature/\#(number)","sha":"2222222222222222222222222222222222222222","repo":null},"base":{"ref":"main","sha":"3333333333333333333333333333333333333333","repo":{"full_name":"org/app"}},"labels":[],"html_url":"https://github.com/org/app/pull/\#(number)"}"#
    }
    let pulls = [
      pull(11, merged: true, closed: true, day: 231, body: "Closes #4"),
      pull(12, merged: true, closed: true, day: 232),
      pull(13, merged: false, closed: true, day: 231), pull(14, merged: false, closed: false, day: 232),
      pull(15, merged: true, closed: true, day: 233),
    ]
    try Data((pulls.joined(separator: "\n") + "\n").utf8).write(
      to: exports.appendingPathComponent("pulls.ndjson"))
    let issues =
      #"[{"number":4,"state":"closed","state_reason":"completed","title":"Feature","body":"","user":{"login":"dev1","id":8,"type":"User"},"labels":[],"created_at":"\#(iso(220))","updated_at":"\#(iso(233))","closed_at":"\#(iso(233))","html_url":"https://github.com/org/app/issues/4"}]"#
    try Data(issues.utf8).write(to: exports.appendingPathComponent("issues.json"))

    let store = try temporaryFolder().appendingPathComponent("org.sqlite").path
    let common = ["--format", "json", "--min-authors", "3", "--since", "2026-05-01"]
    let direct = try outcomes(
      ["report", "--repo", repo.url.path, "--issues", exports.path, "-q"] + common, env: Self.salt)
    XCTAssertEqual(direct.status, 0, direct.stderr)
    XCTAssertFalse(direct.stdout.contains("no PR export given"), "the fixture has pull requests")
    let publish = try outcomes(
      ["publish", "--repo", repo.url.path, "--issues", exports.path, "--to", store], env: Self.salt)
    XCTAssertEqual(publish.status, 0, publish.stderr)
    XCTAssertTrue(publish.stderr.contains("5 pull requests, 1 issues"), publish.stderr)
    let fromStore = try outcomes(["report", "--from", store, "-q"] + common, env: Self.salt)
    XCTAssertEqual(fromStore.status, 0, fromStore.stderr)
    XCTAssertEqual(fromStore.stdout, direct.stdout)
  }

  /// A force-pushed history: the rows of changes no longer on the mainline go, the new ones arrive.
  func testARewrittenHistoryReplacesTheRepositoryRows() throws {
    let url = try PostgresServer.freshDatabase(prefix: "cli")
    let repo = try makeRepo()
    let first = try outcomes(
      ["publish", "--repo", repo.url.path, "--to", url, "--repo-name", "acme/app"], env: Self.salt)
    XCTAssertEqual(first.status, 0, first.stderr)
    let dropped = try repo.revParse("HEAD")
    try repo.git(["reset", "-q", "--hard", "HEAD~4"])
    try repo.write("api/rewritten.txt", "a different ending\n")
    try repo.commit("Rewritten ending", author: Person(name: "Dev 1", email: "dev1@example.com"), day: 560)
    let second = try outcomes(
      ["publish", "--repo", repo.url.path, "--to", url, "--repo-name", "acme/app"], env: Self.salt)
    XCTAssertEqual(second.status, 0, second.stderr)
    XCTAssertTrue(second.stderr.contains("23 changes (1 new"), second.stderr)
    XCTAssertTrue(second.stderr.contains("4 removed"), second.stderr)
    XCTAssertEqual(try PostgresServer.psql(url: url, "SELECT count(*) FROM changes"), "23")
    XCTAssertEqual(
      try PostgresServer.psql(url: url, "SELECT count(*) FROM changes WHERE sha = '\(dropped)'"), "0")
    XCTAssertEqual(
      try PostgresServer.psql(url: url, "SELECT record->>'sha' FROM changes WHERE position = 22"),
      try repo.revParse("HEAD"))
  }

  func testPublishToPostgresIsIdempotentAndNamesTheRepositoryByItsOrigin() throws {
    let url = try PostgresServer.freshDatabase(prefix: "cli")
    let repo = try makeRepo()
    try repo.git(["remote", "add", "origin", "git@github.com:Acme/Demo.git"])
    for _ in 0..<2 {
      let result = try outcomes(
        ["publish", "--repo", repo.url.path], env: Self.salt.merging(["OUTCOMES_DATABASE_URL": url]) { $1 })
      XCTAssertEqual(result.status, 0, result.stderr)
      XCTAssertFalse(
        result.stderr.contains(try XCTUnwrap(URLComponents(string: url)?.password)), "no password in logs")
    }
    XCTAssertEqual(
      try PostgresServer.psql(
        url: url,
        "SELECT identity || ' ' || count(*) FROM repositories JOIN changes ON repository_id = id GROUP BY identity"
      ), "github.com/acme/demo 26")
    XCTAssertEqual(
      try PostgresServer.psql(url: url, "SELECT count(*) FROM changes WHERE author NOT LIKE 'p\\_%'"), "0",
      "only pseudonyms")
    let report = try outcomes(["report", "--from", url, "--min-authors", "3"], env: Self.salt)
    XCTAssertEqual(report.status, 0, report.stderr)
    XCTAssertTrue(report.stdout.contains("api"), report.stdout)

    // mine --repos into the same server: its clone of the repository lands under the same key.
    let folder = try temporaryFolder()
    _ = try runProcess(
      URL(fileURLWithPath: "/usr/bin/git"),
      ["clone", "-q", repo.url.path, folder.appendingPathComponent("demo").path])
    _ = try runProcess(
      URL(fileURLWithPath: "/usr/bin/git"),
      [
        "-C", folder.appendingPathComponent("demo").path, "remote", "set-url", "origin",
        "https://github.com/acme/demo",
      ])
    let mined = try outcomes(["mine", "--repos", folder.path, "--to", url], env: Self.salt)
    XCTAssertEqual(mined.status, 0, mined.stderr)
    XCTAssertTrue(
      mined.stderr.contains("github.com/acme/demo: 26 changes (0 new, 0 updated, 0 removed)"), mined.stderr)
  }

  func testMineReposPublishesEveryCloneInParallelAndReportsFailures() throws {
    let folder = try temporaryFolder()
    for (index, start) in [500, 520].enumerated() {
      let repo = try makeRepo(start: start)
      _ = try runProcess(
        URL(fileURLWithPath: "/usr/bin/git"),
        ["clone", "-q", repo.url.path, folder.appendingPathComponent("team/app\(index)").path])
    }
    // An empty repository: nothing to mine, so it fails and the others still land.
    let empty = folder.appendingPathComponent("empty")
    _ = try runProcess(URL(fileURLWithPath: "/usr/bin/git"), ["init", "-q", empty.path])
    let result = try outcomes(["mine", "--repos", folder.path, "--parallel", "2"], env: Self.salt)
    XCTAssertEqual(result.status, 1, result.stderr)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.filter { $0.contains("outcomes: mine [") }.count, 3, result.stderr)
    XCTAssertEqual(lines.filter { $0.contains("26 changes (26 new") }.count, 2, result.stderr)
    XCTAssertTrue(lines.contains { $0.contains("empty: failed:") }, result.stderr)
    XCTAssertTrue(lines.last?.contains("1 of 3 repositories failed") == true, result.stderr)
    let store = folder.appendingPathComponent("outcomes.sqlite").path
    let report = try outcomes(
      ["report", "--from", store, "--format", "json", "--min-authors", "3"], env: Self.salt)
    XCTAssertEqual(report.status, 0, report.stderr)
    XCTAssertTrue(report.stderr.contains("report over 2 of 2 repositories"), report.stderr)
    let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
    XCTAssertEqual(json["repository"] as? String, "2 repositories")
    let glob = try outcomes(
      ["report", "--from", store, "--repos", "*app1", "--format", "json", "--min-authors", "3"],
      env: Self.salt)
    XCTAssertTrue(glob.stderr.contains("report over 1 of 2 repositories"), glob.stderr)
  }

  func testMineWithoutASaltSharesOneAcrossTheFolder() throws {
    let folder = try temporaryFolder()
    for index in 0..<2 {
      let repo = try makeRepo(start: 500 + index * 40, authors: 3)
      _ = try runProcess(
        URL(fileURLWithPath: "/usr/bin/git"),
        ["clone", "-q", repo.url.path, folder.appendingPathComponent("r\(index)").path])
    }
    let result = try outcomes(["mine", "--repos", folder.path, "-q"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let salt = folder.appendingPathComponent(".outcomes-salt").path
    XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: salt)[.posixPermissions] as? Int, 0o600)
    // The same three people in both repositories: with one salt they are three authors, not six.
    let report = try outcomes([
      "report", "--from", folder.appendingPathComponent("outcomes.sqlite").path, "--min-authors", "5",
    ])
    XCTAssertEqual(report.status, 0, report.stderr)
    XCTAssertFalse(report.stderr.contains("different salts"), report.stderr)
  }

  func testStoreErrorsAreOneLineWithExitCodeOne() throws {
    let repo = try makeRepo(authors: 3)
    assertUsageFailure(try outcomes(["publish", "--repo", repo.url.path]), contains: "give --to postgres://")
    assertUsageFailure(
      try outcomes(["publish", "--repo", repo.url.path, "--to", "mysql://u:hunter2@db/x"]),
      contains: "unsupported scheme")
    assertUsageFailure(try outcomes(["report", "--repos", "x*"]), contains: "--repos needs --from")
    assertUsageFailure(
      try outcomes(["report", "--from", try temporaryFolder().appendingPathComponent("none.sqlite").path]),
      contains: "none.sqlite: cannot read (no such file)")
    let scratch = try temporaryFolder()
    let nothing = scratch.appendingPathComponent("nothing.jsonl")
    try Data().write(to: nothing)
    let empty = scratch.appendingPathComponent("empty.sqlite").path
    let publishedNothing = try outcomes([
      "publish", "--facts", nothing.path, "--repo-name", "x", "--to", empty, "-q",
    ])
    XCTAssertEqual(publishedNothing.status, 0, publishedNothing.stderr)
    assertUsageFailure(try outcomes(["report", "--from", empty]), contains: "have no changes to report on")
    assertUsageFailure(
      try outcomes(["mine", "--repos", scratch.appendingPathComponent("none").path]), contains: "not a folder"
    )
    assertUsageFailure(
      try outcomes(["mine", "--repos", scratch.path]), contains: "no git repositories found")

    let url = try PostgresServer.freshDatabase(prefix: "cli")
    var wrong = try XCTUnwrap(URLComponents(string: url))
    wrong.password = "hunter2"
    let denied = try outcomes(["publish", "--repo", repo.url.path, "--to", wrong.string!], env: Self.salt)
    assertUsageFailure(denied, contains: "password authentication failed for user")
    XCTAssertFalse(denied.stderr.contains("hunter2"))
    XCTAssertTrue(denied.stderr.contains(try XCTUnwrap(wrong.host)), "names the host: \(denied.stderr)")

    let port = try PostgresServer.freePort()
    let closed = try outcomes(
      ["report", "--from", "postgres://outcomes:hunter2@127.0.0.1:\(port)/org?connect_timeout=3"],
      env: Self.salt)
    assertUsageFailure(closed, contains: "127.0.0.1:\(port)/org: cannot connect")
    XCTAssertFalse(closed.stderr.contains("hunter2"))

    let published = try outcomes(["publish", "--repo", repo.url.path, "--to", url, "-q"], env: Self.salt)
    XCTAssertEqual(published.status, 0, published.stderr)
    try PostgresServer.psql(
      url: url,
      "INSERT INTO outcomes_schema (version, summary, tool) VALUES (99, 'from the future', 'outcomes 9.0')")
    assertUsageFailure(
      try outcomes(["publish", "--repo", repo.url.path, "--to", url, "-q"], env: Self.salt),
      contains: "the database schema is version 99, newer than this outcomes understands")
    assertUsageFailure(try outcomes(["report", "--from", url], env: Self.salt), contains: "upgrade outcomes")
  }

  func testFactsWithRawEmailsAreRefused() throws {
    let repo = try makeRepo(authors: 3)
    let folder = try temporaryFolder()
    let facts = folder.appendingPathComponent("facts.jsonl")
    let changes = try outcomes(["changes", "--repo", repo.url.path, "--identify", "--out", facts.path, "-q"])
    XCTAssertEqual(changes.status, 0, changes.stderr)
    let store = folder.appendingPathComponent("org.sqlite").path
    let result = try outcomes(["publish", "--facts", facts.path, "--repo-name", "demo", "--to", store])
    assertUsageFailure(result, contains: "is not a pseudonym")
    XCTAssertFalse(result.stderr.contains("@example.com"), result.stderr)
    assertUsageFailure(
      try outcomes(["publish", "--facts", facts.path, "--to", store]), contains: "--repo-name")
    let bad = folder.appendingPathComponent("bad.jsonl")
    try Self.writeFacts(to: bad, count: 1500)
    var lines = try String(contentsOf: bad, encoding: .utf8).split(separator: "\n").map(String.init)
    lines[1200] = #"{"sha": "abc"}"#
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: bad)
    assertUsageFailure(
      try outcomes(["publish", "--facts", bad.path, "--repo-name", "demo", "--to", store]),
      contains: "bad.jsonl:1201: not a fact-table row (missing parents)")
  }

  /// The server stops while a large publish is writing: the publish fails with one clear line, the
  /// rows from before are untouched (nothing half-written is visible), and a retry succeeds.
  func testServerStoppedMidPublishFailsCleanlyAndARetrySucceeds() throws {
    let server = try PostgresServer.start()
    defer { server.remove() }
    try server.psql("CREATE DATABASE org")
    let url = server.url(database: "org")
    let folder = try temporaryFolder()
    let small = folder.appendingPathComponent("small.jsonl")
    let large = folder.appendingPathComponent("large.jsonl")
    try Self.writeFacts(to: small, count: 100)
    try Self.writeFacts(to: large, count: 50_000)
    let first = try outcomes(["publish", "--facts", small.path, "--repo-name", "acme/big", "--to", url, "-q"])
    XCTAssertEqual(first.status, 0, first.stderr)

    let publish = DispatchQueue(label: "publish")
    let finished = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var interrupted: ProcessResult?
    publish.async {
      interrupted = try? outcomes([
        "publish", "--facts", large.path, "--repo-name", "acme/big", "--to", url, "-q",
      ])
      finished.signal()
    }
    // Wait until the publish is inside its transaction writing rows, then stop the server.
    let deadline = Date().addingTimeInterval(60)
    var writing = false
    while !writing && Date() < deadline {
      let active = try? server.psql(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = 'org' AND query LIKE '%INSERT INTO changes%'")
      writing = active.map { $0 != "0" } ?? false
      if !writing { usleep(20_000) }
    }
    XCTAssertTrue(writing, "the publish never started writing")
    try server.stopServer()
    XCTAssertEqual(finished.wait(timeout: .now() + 60), .success)
    let result = try XCTUnwrap(interrupted)
    assertUsageFailure(result, contains: "connection lost while publishing acme/big")
    XCTAssertTrue(result.stderr.contains("nothing was written"), result.stderr)

    try server.startServer()
    XCTAssertEqual(
      try server.psql("SELECT count(*) FROM changes", database: "org"), "100", "the old rows, untouched")
    XCTAssertEqual(try server.psql("SELECT change_count FROM repositories", database: "org"), "100")
    let retry = try outcomes(["publish", "--facts", large.path, "--repo-name", "acme/big", "--to", url])
    XCTAssertEqual(retry.status, 0, retry.stderr)
    XCTAssertTrue(
      retry.stderr.contains("50000 changes (49900 new, 0 updated, 100 unchanged, 0 removed)"), retry.stderr)
    XCTAssertEqual(try server.psql("SELECT count(*) FROM changes", database: "org"), "50000")
  }

  /// Minimal valid fact rows (pseudonymous authors, a day apart) in a JSON-lines file.
  static func writeFacts(to file: URL, count: Int) throws {
    var text = ""
    text.reserveCapacity(count * 300)
    for index in 0..<count {
      let sha = String(repeating: "0", count: 40 - String(index, radix: 16).count) + String(index, radix: 16)
      let time = 1_735_689_600 + index * 600
      let date = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(time)))
      let author = String(format: "p_%016x", index % 40)
      text +=
        #"{"sha":"\#(sha)","parents":[],"authoredAt":"\#(date)","committedAt":"\#(date)","author":"\#(author)","team":"t\#(index % 4)","teams":["t\#(index % 4)"],"cohort":"\#(index % 3 == 0 ? "assisted" : "unmarked")","filesChanged":1,"linesAdded":\#(index % 50 + 1),"linesDeleted":0,"isMerge":false,"contributingCommits":0,"linesAlive":1,"reverted":null,"churned21d":0,"defectsInduced":[],"pr":null,"issues":[]}"#
        + "\n"
    }
    try Data(text.utf8).write(to: file)
  }
}
