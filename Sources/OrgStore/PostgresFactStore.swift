import Foundation
import Logging
import OutcomeModel
import PostgresNIO

/// The organisation's store: one PostgreSQL database that every repository's CI publishes into. This
/// file holds the connection (TLS, errors, transactions) and migrations; publishing and reading are in
/// `PostgresFactStore+Publish.swift` and `+Read.swift`.
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
  func perform<T: Sendable>(
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
