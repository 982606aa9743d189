import Foundation
import GRDB
import OutcomeModel

/// The single-machine store: one SQLite file (WAL), for `outcomes mine --repos` or a small organisation.
///
/// Several processes may publish into the same file: each publish is one `BEGIN IMMEDIATE` transaction,
/// and writers wait for each other (up to a minute) instead of failing.
public final class SQLiteFactStore: FactStore, @unchecked Sendable {
  public let location: StoreLocation
  let path: String
  private let pool: DatabasePool

  public convenience init(path: String) throws {
    try self.init(path: path, migrateUpTo: Migrations.latest)
  }

  init(path: String, migrateUpTo target: Int) throws {
    self.path = path
    location = .sqlite(path: path)
    var configuration = Configuration()
    configuration.busyMode = .timeout(60)
    configuration.foreignKeysEnabled = true
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    if !FileManager.default.fileExists(atPath: folder.path) {
      throw OrgStoreError.sqlite(
        location: path, during: "opening", message: "folder \(folder.path) does not exist")
    }
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
    } catch {
      throw OrgStoreError.sqlite(location: path, during: "opening", message: Self.message(error))
    }
    try migrate(upTo: target)
  }

  public func close() {
    try? pool.close()
  }

  static func message(_ error: any Error) -> String {
    if let error = error as? DatabaseError {
      return error.message ?? "SQLite error \(error.resultCode)"
    }
    return "\(error)"
  }

  private func write<T>(_ during: String, _ body: (Database) throws -> T) throws -> T {
    do {
      return try pool.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(db)
          return .commit
        }
        return result!
      }
    } catch let error as OrgStoreError {
      throw error
    } catch {
      throw OrgStoreError.sqlite(location: path, during: during, message: Self.message(error))
    }
  }

  private func read<T>(_ during: String, _ body: (Database) throws -> T) throws -> T {
    do {
      return try pool.read(body)
    } catch let error as OrgStoreError {
      throw error
    } catch {
      throw OrgStoreError.sqlite(location: path, during: during, message: Self.message(error))
    }
  }

  func migrate(upTo target: Int) throws {
    let path = path
    try write("migrating the schema") { db in
      try db.execute(sql: Migrations.bookkeeping.sqlite)
      let applied = try Int.fetchOne(db, sql: "SELECT coalesce(max(version), 0) FROM outcomes_schema") ?? 0
      if applied > Migrations.latest {
        throw OrgStoreError.schemaTooNew(location: path, found: applied, known: Migrations.latest)
      }
      for step in Migrations.steps where step.version > applied && step.version <= target {
        for statement in step.sqlite { try db.execute(sql: statement) }
        try db.execute(
          sql: "INSERT INTO outcomes_schema (version, summary, tool) VALUES (?, ?, ?)",
          arguments: [step.version, step.summary, Migrations.tool])
      }
    }
  }

  public func schemaVersion() throws -> Int {
    try read("reading the schema version") { db in
      try Int.fetchOne(db, sql: "SELECT coalesce(max(version), 0) FROM outcomes_schema") ?? 0
    }
  }

  public func publish(_ facts: RepositoryFacts, progress: (@Sendable (Int, Int) -> Void)?) throws
    -> PublishSummary
  {
    let rows = try PublishRows(facts)
    let issues = PublishRows.issues(facts)
    let total = rows.changes.count
    return try write("publishing \(facts.identity)") { db in
      try db.execute(
        sql: """
          INSERT INTO repositories (identity, name, team_source, salt_fingerprint, branch, tip,
            has_pull_requests, has_issues, change_count, published_at, tool_version)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (identity) DO UPDATE SET name = excluded.name, team_source = excluded.team_source,
            salt_fingerprint = excluded.salt_fingerprint, branch = excluded.branch, tip = excluded.tip,
            has_pull_requests = excluded.has_pull_requests, has_issues = excluded.has_issues,
            change_count = excluded.change_count, published_at = excluded.published_at,
            tool_version = excluded.tool_version
          """,
        arguments: [
          facts.identity, facts.name, facts.teamSource, facts.saltFingerprint, facts.branch, facts.tip,
          facts.pullRequests != nil, facts.issues != nil, total, Int64(Date().timeIntervalSince1970),
          Migrations.tool,
        ])
      guard
        let repositoryID = try Int64.fetchOne(
          db, sql: "SELECT id FROM repositories WHERE identity = ?", arguments: [facts.identity])
      else {
        throw OrgStoreError.sqlite(location: path, during: "publishing", message: "repository row missing")
      }
      let existing = Set(
        try String.fetchAll(
          db, sql: "SELECT sha FROM changes WHERE repository_id = ?", arguments: [repositoryID]))
      var plan = PublishPlan(rows: rows, issues: issues, repositoryID: repositoryID, existing: existing)
      let upsert = try db.cachedStatement(
        sql: """
          INSERT INTO changes (repository_id, sha, position, committed_at, author, cohort, record)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (repository_id, sha) DO UPDATE SET position = excluded.position,
            committed_at = excluded.committed_at, author = excluded.author, cohort = excluded.cohort,
            record = excluded.record
          WHERE changes.record IS NOT excluded.record OR changes.position <> excluded.position
          """)
      for batch in plan.batches {
        var touched = 0
        for row in batch {
          try upsert.execute(arguments: [
            repositoryID, row.sha, row.position, row.committedAt, row.author, row.cohort, row.json,
          ])
          if db.changesCount > 0 { touched += 1 }
        }
        plan.wrote(batch, touched: touched, progress: progress)
      }
      let delete = try db.cachedStatement(sql: "DELETE FROM changes WHERE repository_id = ? AND sha = ?")
      for sha in plan.stale() { try delete.execute(arguments: [repositoryID, sha]) }

      try db.execute(sql: "DELETE FROM pull_requests WHERE repository_id = ?", arguments: [repositoryID])
      let insertRequest = try db.cachedStatement(
        sql: """
          INSERT INTO pull_requests (repository_id, number, author, teams, cohort, state, is_draft, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """)
      for request in rows.pullRequests {
        try insertRequest.execute(arguments: [
          repositoryID, request.value.number, request.value.author, request.teamsJSON,
          request.value.cohort.rawValue, request.value.state, request.value.isDraft, request.createdAt,
        ])
      }
      try db.execute(sql: "DELETE FROM issues WHERE repository_id = ?", arguments: [repositoryID])
      let insertIssue = try db.cachedStatement(
        sql: "INSERT INTO issues (repository_id, key, resolved, reopened) VALUES (?, ?, ?, ?)")
      for issue in issues {
        try insertIssue.execute(arguments: [repositoryID, issue.key, issue.resolved, issue.reopened])
      }
      return plan.summary
    }
  }

  public func repositories() throws -> [PublishedRepository] {
    try read("listing repositories") { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT id, identity, name, team_source, salt_fingerprint, has_pull_requests, has_issues,
            change_count, published_at, tool_version
          FROM repositories ORDER BY identity
          """
      ).map { row in
        PublishedRepository(
          id: row[0], identity: row[1], name: row[2], teamSource: row[3], saltFingerprint: row[4],
          hasPullRequests: row[5], hasIssues: row[6], changes: row[7], publishedAt: row[8],
          toolVersion: row[9])
      }
    }
  }

  /// `repository_id IN (…)` for a list of ids (SQLite has no array parameters; ids are integers).
  private static func idList(_ ids: [Int64]) -> String {
    ids.isEmpty ? "(NULL)" : "(" + ids.map(String.init).joined(separator: ",") + ")"
  }

  public func bounds(repositories: [Int64]) throws -> HistoryBounds? {
    try read("reading history bounds") { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT min(committed_at), max(committed_at), count(*) FROM changes
            WHERE repository_id IN \(Self.idList(repositories))
            """),
        let start = row[0] as Int64?, let end = row[1] as Int64?
      else { return nil }
      return HistoryBounds(start: start, end: end, changes: row[2])
    }
  }

  public func changeCounts(repositories: [Int64], start: Int64, end: Int64) throws -> [Int64: Int] {
    try read("counting changes") { db in
      var result: [Int64: Int] = [:]
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT repository_id, count(*) FROM changes
          WHERE repository_id IN \(Self.idList(repositories)) AND committed_at >= ? AND committed_at < ?
          GROUP BY repository_id
          """, arguments: [start, end])
      {
        result[row[0]] = row[1]
      }
      return result
    }
  }

  public func load(repositories: [Int64], start: Int64, end: Int64) throws -> StoredFacts {
    try read("reading facts") { db in
      var facts = StoredFacts()
      let ids = Self.idList(repositories)
      let records = try Row.fetchCursor(
        db,
        sql: """
          SELECT repository_id, record FROM changes
          WHERE repository_id IN \(ids) AND committed_at >= ? AND committed_at < ?
          ORDER BY repository_id, position
          """, arguments: [start, end])
      while let row = try records.next() {
        let id: Int64 = row[0]
        facts.records.append((id, try PublishRows.decodeRecord(row[1], repository: "repository \(id)")))
      }
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT repository_id, number, author, teams, cohort, state, is_draft, created_at FROM pull_requests
          WHERE repository_id IN \(ids) AND created_at >= ? AND created_at < ?
          ORDER BY repository_id, number
          """, arguments: [start, end])
      {
        let created: Int64 = row[7]
        let request = StoredPullRequest(
          number: row[1], author: row[2], teams: PublishRows.decodeTeams(row[3]),
          cohort: Cohort(rawValue: row[4]) ?? .unmarked, state: row[5], isDraft: row[6],
          createdAt: Timestamp.iso8601(created))
        facts.pullRequests.append((row[0], request))
      }
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT repository_id, key, resolved, reopened FROM issues
          WHERE repository_id IN \(ids) ORDER BY repository_id, key
          """)
      {
        facts.issues.append((row[0], StoredIssue(key: row[1], resolved: row[2], reopened: row[3])))
      }
      return facts
    }
  }
}
