import Foundation
import Logging
import OutcomeModel
import PostgresNIO

/// The organisation's store: one PostgreSQL database that every repository's CI publishes into.
///
/// One connection per store; calls are serialised on it. Each publish is a single transaction: the
/// repository's row is upserted first, which locks it, so two jobs publishing the same repository at
/// once take turns and the second sees the first one's rows; jobs for different repositories never
/// touch the same rows.
public final class PostgresFactStore: FactStore, @unchecked Sendable {
  public let location: StoreLocation
  let url: PostgresURL
  private let connection: PostgresConnection
  private let logger: Logger
  private let lock = NSLock()
  /// Set once a transaction's COMMIT is on its way: a connection lost after that has an unknown outcome.
  private let committing = Flag()
  /// Rows per statement: arrays are bound whole (one parameter per column), so this bounds memory only.
  static let batchSize = 2000

  public convenience init(_ url: PostgresURL) throws {
    try self.init(url, migrateUpTo: Migrations.latest)
  }

  init(_ url: PostgresURL, migrateUpTo target: Int) throws {
    self.url = url
    location = .postgres(url)
    var quiet = Logger(label: "outcomes.orgstore")
    quiet.logLevel = .critical
    let logger = quiet
    self.logger = logger
    let configuration = try Self.configuration(url)
    let shown = url.redacted
    let user = url.user
    connection = try Blocking.run {
      do {
        return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
      } catch {
        throw PostgresErrors.map(error, location: shown, user: user, during: "connecting")
      }
    }
    do {
      try migrate(upTo: target)
    } catch {
      close()
      throw error
    }
  }

  static func configuration(_ url: PostgresURL) throws -> PostgresConnection.Configuration {
    let tls: PostgresConnection.Configuration.TLS
    do {
      switch url.sslMode {
      case .disable:
        tls = .disable
      case .allow, .prefer:
        tls = .prefer(try NIOSSLContext(configuration: tlsConfiguration(url, verify: .none)))
      case .require:
        // libpq's `require` checks the certificate only when a root certificate is given.
        tls = .require(
          try NIOSSLContext(
            configuration: tlsConfiguration(
              url, verify: url.sslRootCert == nil ? .none : .noHostnameVerification)))
      case .verifyCA:
        tls = .require(
          try NIOSSLContext(configuration: tlsConfiguration(url, verify: .noHostnameVerification)))
      case .verifyFull:
        tls = .require(try NIOSSLContext(configuration: tlsConfiguration(url, verify: .fullVerification)))
      }
    } catch {
      throw OrgStoreError.badLocation(shown: url.redacted, reason: "TLS setup failed: \(error)")
    }
    var configuration = PostgresConnection.Configuration(
      host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
      tls: tls)
    configuration.options.connectTimeout = .seconds(Int64(url.connectTimeout))
    return configuration
  }

  static func tlsConfiguration(_ url: PostgresURL, verify: CertificateVerification) throws -> TLSConfiguration
  {
    var tls = TLSConfiguration.makeClientConfiguration()
    tls.certificateVerification = verify
    if let root = url.sslRootCert {
      tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(root))
    }
    return tls
  }

  public func close() {
    let connection = connection
    try? Blocking.run { try await connection.close() }
  }

  // MARK: - Running statements

  /// Runs `body` on the connection, mapping every client and server error to one line.
  private func perform<T: Sendable>(
    _ during: String, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
  ) throws -> T {
    lock.lock()
    defer { lock.unlock() }
    let connection = connection
    let logger = logger
    let shown = url.redacted
    let user = url.user
    // PostgresNIO can leave a request waiting after the server closed the connection mid-query.
    let committing = committing
    committing.set(false)
    let lost: @Sendable () -> any Error = {
      committing.value
        ? OrgStoreError.server(
          location: shown, during: during,
          message:
            "connection lost while committing; the change may or may not have landed, run it again (publishing is idempotent)"
        )
        : OrgStoreError.connectionLost(location: shown, during: during)
    }
    return try Blocking.run(abandonWhen: connection.closeFuture, lost: lost) {
      do {
        return try await body(connection, logger)
      } catch {
        throw PostgresErrors.map(error, location: shown, user: user, during: during)
      }
    }
  }

  /// BEGIN … COMMIT, with ROLLBACK only while the connection is alive. PostgresNIO's own
  /// `withTransaction` sends ROLLBACK after any error, and on a connection the server just closed that
  /// query can wait forever; a session that ends rolls its transaction back on the server anyway.
  func transaction<T: Sendable>(
    _ connection: PostgresConnection, _ logger: Logger,
    _ body: @Sendable (PostgresConnection) async throws -> T
  ) async throws -> T {
    try await connection.query("BEGIN", logger: logger)
    let value: T
    do {
      value = try await body(connection)
    } catch {
      if !connection.isClosed && !Self.isConnectionFailure(error) {
        _ = try? await connection.query("ROLLBACK", logger: logger)
      }
      throw error
    }
    committing.set(true)
    do {
      try await connection.query("COMMIT", logger: logger)
    } catch {
      throw PostgresErrors.CommitFailed(underlying: error)
    }
    return value
  }

  static func isConnectionFailure(_ error: any Error) -> Bool {
    guard let error = error as? PSQLError else { return false }
    switch error.code {
    case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .connectionError: return true
    case .server:
      let state = error.serverInfo?[.sqlState] ?? ""
      return ["57P01", "57P02", "57P03"].contains(state) || state.hasPrefix("08")
    default: return false
    }
  }

  // MARK: - Migrations

  func migrate(upTo target: Int) throws {
    let known = Migrations.latest
    let shown = url.redacted
    // Reading first, without locks or DDL, lets a read-only role (the report job) open an up-to-date
    // database: even `CREATE TABLE IF NOT EXISTS` needs CREATE on the schema.
    let current = try readVersion()
    if let current, current > known {
      throw OrgStoreError.schemaTooNew(location: shown, found: current, known: known)
    }
    if let current, current >= target { return }
    try perform("migrating the schema") { connection, logger in
      try await self.transaction(connection, logger) { connection in
        // One migrator at a time across every client of this database.
        try await connection.query("SELECT pg_advisory_xact_lock(7426183250617)", logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: Migrations.bookkeeping.postgres), logger: logger)
        var applied = 0
        for try await version in try await connection.query(
          "SELECT coalesce(max(version), 0) FROM outcomes_schema", logger: logger
        ).decode(Int.self) {
          applied = version
        }
        if applied > known { throw OrgStoreError.schemaTooNew(location: shown, found: applied, known: known) }
        for step in Migrations.steps where step.version > applied && step.version <= target {
          for statement in step.postgres {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
          }
          try await connection.query(
            "INSERT INTO outcomes_schema (version, summary, tool) VALUES (\(step.version), \(step.summary), \(Migrations.tool))",
            logger: logger)
        }
      }
    }
  }

  /// The applied version, or nil when the database has no outcomes schema yet.
  private func readVersion() throws -> Int? {
    try perform("reading the schema version") { connection, logger in
      var exists = false
      for try await found in try await connection.query(
        "SELECT to_regclass('outcomes_schema') IS NOT NULL", logger: logger
      ).decode(Bool.self) {
        exists = found
      }
      guard exists else { return nil }
      var version = 0
      for try await value in try await connection.query(
        "SELECT coalesce(max(version), 0) FROM outcomes_schema", logger: logger
      ).decode(Int.self) {
        version = value
      }
      return version
    }
  }

  public func schemaVersion() throws -> Int {
    try readVersion() ?? 0
  }

  // MARK: - Publishing

  public func publish(_ facts: RepositoryFacts, progress: (@Sendable (Int, Int) -> Void)?) throws
    -> PublishSummary
  {
    let rows = try PublishRows(facts)
    let issues = PublishRows.issues(facts)
    let total = rows.changes.count
    let changes = rows.changes
    let pullRequests = rows.pullRequests
    let batchSize = Self.batchSize
    return try perform("publishing \(facts.identity)") { connection, logger in
      try await self.transaction(connection, logger) { connection in
        let now = Int64(Date().timeIntervalSince1970)
        var repositoryID: Int64 = 0
        // The upsert locks the repository's row until commit: concurrent publishers of one repository
        // take turns here.
        for try await id in try await connection.query(
          """
          INSERT INTO repositories (identity, name, team_source, salt_fingerprint, branch, tip,
            has_pull_requests, has_issues, change_count, published_at, tool_version)
          VALUES (\(facts.identity), \(facts.name), \(facts.teamSource), \(facts.saltFingerprint), \(facts.branch),
            \(facts.tip), \(facts.pullRequests != nil), \(facts.issues != nil), \(total), \(now), \(Migrations.tool))
          ON CONFLICT (identity) DO UPDATE SET name = excluded.name, team_source = excluded.team_source,
            salt_fingerprint = excluded.salt_fingerprint, branch = excluded.branch, tip = excluded.tip,
            has_pull_requests = excluded.has_pull_requests, has_issues = excluded.has_issues,
            change_count = excluded.change_count, published_at = excluded.published_at,
            tool_version = excluded.tool_version
          RETURNING id
          """, logger: logger
        ).decode(Int64.self) {
          repositoryID = id
        }
        var summary = PublishSummary(repositoryID: repositoryID)
        var existing = Set<String>()
        for try await sha in try await connection.query(
          "SELECT sha FROM changes WHERE repository_id = \(repositoryID)", logger: logger
        ).decode(String.self) {
          existing.insert(sha)
        }
        var written = 0
        for start in stride(from: 0, to: changes.count, by: batchSize) {
          let batch = changes[start..<min(start + batchSize, changes.count)]
          var touched = 0
          // Identical rows are left alone, so a re-publish of an unchanged history writes nothing.
          for try await _ in try await connection.query(
            """
            INSERT INTO changes (repository_id, sha, position, committed_at, author, cohort, record)
            SELECT \(repositoryID), sha, position, committed_at, author, nullif(cohort, ''), record::jsonb
            FROM unnest(\(batch.map(\.sha)), \(batch.map { Int64($0.position) }), \(batch.map(\.committedAt)),
              \(batch.map(\.author)), \(batch.map { $0.cohort ?? "" }), \(batch.map(\.json)))
              AS t(sha, position, committed_at, author, cohort, record)
            ON CONFLICT (repository_id, sha) DO UPDATE SET position = excluded.position,
              committed_at = excluded.committed_at, author = excluded.author, cohort = excluded.cohort,
              record = excluded.record
            WHERE changes.record IS DISTINCT FROM excluded.record OR changes.position <> excluded.position
            RETURNING 1
            """, logger: logger)
          {
            touched += 1
          }
          let inserted = batch.filter { !existing.contains($0.sha) }.count
          summary.inserted += inserted
          summary.updated += touched - inserted
          summary.unchanged += batch.count - touched
          written += batch.count
          progress?(written, total)
        }
        // A rewritten history: rows of changes that are no longer on the mainline go.
        let current = Set(changes.map(\.sha))
        let stale = existing.subtracting(current).sorted()
        for start in stride(from: 0, to: stale.count, by: batchSize) {
          let batch = Array(stale[start..<min(start + batchSize, stale.count)])
          try await connection.query(
            "DELETE FROM changes WHERE repository_id = \(repositoryID) AND sha = ANY(\(batch))",
            logger: logger)
        }
        summary.deleted = stale.count

        // Links are small: replaced wholesale with the rows.
        try await connection.query(
          "DELETE FROM pull_requests WHERE repository_id = \(repositoryID)", logger: logger)
        for start in stride(from: 0, to: pullRequests.count, by: batchSize) {
          let batch = pullRequests[start..<min(start + batchSize, pullRequests.count)]
          try await connection.query(
            """
            INSERT INTO pull_requests (repository_id, number, author, teams, cohort, state, is_draft, created_at)
            SELECT \(repositoryID), number, author, teams::jsonb, cohort, state, is_draft, created_at
            FROM unnest(\(batch.map { Int64($0.value.number) }), \(batch.map(\.value.author)),
              \(batch.map(\.teamsJSON)), \(batch.map(\.value.cohort.rawValue)), \(batch.map(\.value.state)),
              \(batch.map(\.value.isDraft)), \(batch.map(\.createdAt)))
              AS t(number, author, teams, cohort, state, is_draft, created_at)
            """, logger: logger)
        }
        summary.pullRequests = pullRequests.count
        try await connection.query("DELETE FROM issues WHERE repository_id = \(repositoryID)", logger: logger)
        for start in stride(from: 0, to: issues.count, by: batchSize) {
          let batch = issues[start..<min(start + batchSize, issues.count)]
          try await connection.query(
            """
            INSERT INTO issues (repository_id, key, resolved, reopened)
            SELECT \(repositoryID), key, resolved, reopened
            FROM unnest(\(batch.map(\.key)), \(batch.map(\.resolved)), \(batch.map(\.reopened)))
              AS t(key, resolved, reopened)
            """, logger: logger)
        }
        summary.issues = issues.count
        return summary
      }
    }
  }

  // MARK: - Reading

  public func repositories() throws -> [PublishedRepository] {
    try perform("listing repositories") { connection, logger in
      var result: [PublishedRepository] = []
      for try await (id, identity, name, source, salt, prs, issues, count, published, tool)
        in try await connection
        .query(
          """
          SELECT id, identity, name, team_source, salt_fingerprint, has_pull_requests, has_issues,
            change_count, published_at, tool_version
          FROM repositories ORDER BY identity
          """, logger: logger
        ).decode((Int64, String, String, String, String?, Bool, Bool, Int, Int64, String).self)
      {
        result.append(
          PublishedRepository(
            id: id, identity: identity, name: name, teamSource: source, saltFingerprint: salt,
            hasPullRequests: prs, hasIssues: issues, changes: count, publishedAt: published, toolVersion: tool
          ))
      }
      return result
    }
  }

  public func bounds(repositories: [Int64]) throws -> HistoryBounds? {
    try perform("reading history bounds") { connection, logger in
      var result: HistoryBounds?
      for try await (start, end, count) in try await connection.query(
        """
        SELECT min(committed_at), max(committed_at), count(*) FROM changes
        WHERE repository_id = ANY(\(repositories))
        """, logger: logger
      ).decode((Int64?, Int64?, Int).self) {
        if let start, let end { result = HistoryBounds(start: start, end: end, changes: count) }
      }
      return result
    }
  }

  public func changeCounts(repositories: [Int64], start: Int64, end: Int64) throws -> [Int64: Int] {
    try perform("counting changes") { connection, logger in
      var result: [Int64: Int] = [:]
      for try await (id, count) in try await connection.query(
        """
        SELECT repository_id, count(*) FROM changes
        WHERE repository_id = ANY(\(repositories)) AND committed_at >= \(start) AND committed_at < \(end)
        GROUP BY repository_id
        """, logger: logger
      ).decode((Int64, Int).self) {
        result[id] = count
      }
      return result
    }
  }

  public func load(repositories: [Int64], start: Int64, end: Int64) throws -> StoredFacts {
    try perform("reading facts") { connection, logger in
      var facts = StoredFacts()
      for try await (id, text) in try await connection.query(
        """
        SELECT repository_id, record::text FROM changes
        WHERE repository_id = ANY(\(repositories)) AND committed_at >= \(start) AND committed_at < \(end)
        ORDER BY repository_id, position
        """, logger: logger
      ).decode((Int64, String).self) {
        facts.records.append((id, try PublishRows.decodeRecord(text, repository: "repository \(id)")))
      }
      for try await (id, number, author, teams, cohort, state, draft, created) in try await connection.query(
        """
        SELECT repository_id, number, author, teams::text, cohort, state, is_draft, created_at
        FROM pull_requests
        WHERE repository_id = ANY(\(repositories)) AND created_at >= \(start) AND created_at < \(end)
        ORDER BY repository_id, number
        """, logger: logger
      ).decode((Int64, Int, String, String, String, String, Bool, Int64).self) {
        let request = StoredPullRequest(
          number: number, author: author, teams: PublishRows.decodeTeams(teams),
          cohort: Cohort(rawValue: cohort) ?? .unmarked, state: state, isDraft: draft,
          createdAt: Timestamp.iso8601(created))
        facts.pullRequests.append((id, request))
      }
      for try await (id, key, resolved, reopened) in try await connection.query(
        """
        SELECT repository_id, key, resolved, reopened FROM issues
        WHERE repository_id = ANY(\(repositories)) ORDER BY repository_id, key
        """, logger: logger
      ).decode((Int64, String, Bool, Bool).self) {
        facts.issues.append((id, StoredIssue(key: key, resolved: resolved, reopened: reopened)))
      }
      return facts
    }
  }
}

/// A thread-safe boolean.
final class Flag: @unchecked Sendable {
  private let lock = NSLock()
  private var stored = false

  func set(_ value: Bool) {
    lock.lock()
    stored = value
    lock.unlock()
  }

  var value: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }
}
