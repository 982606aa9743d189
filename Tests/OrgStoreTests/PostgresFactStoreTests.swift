import Foundation
import TestSupport
import XCTest

@testable import OrgStore

/// The contract against a real PostgreSQL server (`.ci/run` starts one; see `PostgresServer.shared`).
/// Without a server these tests fail with the reason; they never skip.
final class PostgresFactStoreTests: XCTestCase {
  var databaseURL: String!

  override func setUpWithError() throws {
    databaseURL = try PostgresServer.freshDatabase(prefix: "orgstore")
  }

  var contract: FactStoreContract {
    let url = databaseURL!
    return FactStoreContract(
      open: { version in
        guard case .postgres(let parsed) = try StoreLocation(parsing: url) else {
          throw OrgStoreError.badLocation(shown: url, reason: "not postgres")
        }
        return try PostgresFactStore(parsed, migrateUpTo: version)
      },
      execute: { sql in try PostgresServer.psql(url: url, sql) },
      query: { sql in try PostgresServer.psql(url: url, sql) })
  }

  func testMigrationsRunOnceAndForward() throws { try contract.migrationsRunOnceAndForward() }
  func testNewerSchemaIsRefused() throws { try contract.newerSchemaIsRefused() }
  func testMovesColumnsMigrateAndRoundTrip() throws { try contract.movesColumnsMigrateAndRoundTrip() }
  func testPublishIsIdempotentAndRoundTrips() throws { try contract.publishIsIdempotentAndRoundTrips() }
  func testHistoryRewriteReplacesTheRepositoryRows() throws {
    try contract.historyRewriteReplacesTheRepositoryRows()
  }
  func testConcurrentPublishersLeaveOneRowPerChange() throws {
    try contract.concurrentPublishersLeaveOneRowPerChange()
  }
  func testRawEmailsAreRefused() throws { try contract.rawEmailsAreRefused() }

  func testRowsAreQueryableJSON() throws {
    let store = try contract.openLatest()
    defer { store.close() }
    _ = try store.publish(SyntheticFacts.facts("github.com/acme/app", count: 10), progress: nil)
    let alive = try PostgresServer.psql(
      url: databaseURL, "SELECT sum((record->>'linesAlive')::int) FROM changes")
    let expected = SyntheticFacts.facts("github.com/acme/app", count: 10).records.compactMap(\.linesAlive)
      .reduce(0, +)
    XCTAssertEqual(alive, "\(expected)", "rows are jsonb: SQL users can reach every field")
  }

  func testWrongPasswordAndClosedPortAreOneLineErrors() throws {
    let admin = try XCTUnwrap(URLComponents(string: databaseURL))
    var wrong = admin
    wrong.password = "not-the-password"
    XCTAssertThrowsError(try OrgStores.open(try StoreLocation(parsing: wrong.string!))) { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("password authentication failed"), text)
      XCTAssertFalse(text.contains("not-the-password"), "never print the password: \(text)")
    }
    let port = try PostgresServer.freePort()
    XCTAssertThrowsError(
      try OrgStores.open(
        try StoreLocation(parsing: "postgres://outcomes:secret@127.0.0.1:\(port)/db?connect_timeout=3"))
    ) { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("127.0.0.1:\(port)/db: cannot connect"), text)
      XCTAssertFalse(text.contains("secret"), text)
      XCTAssertEqual(text.split(whereSeparator: \.isNewline).count, 1, text)
    }
  }

  /// The report job's role may only read: opening an up-to-date database must not need DDL.
  func testAReadOnlyRoleCanReadButNotPublish() throws {
    let store = try contract.openLatest()
    _ = try store.publish(SyntheticFacts.facts("github.com/acme/app", count: 5), progress: nil)
    store.close()
    let role = "reader_\(UUID().uuidString.prefix(8).lowercased())"
    let database = try XCTUnwrap(URLComponents(string: databaseURL)?.path.dropFirst())
    try PostgresServer.psql(
      url: databaseURL,
      "CREATE ROLE \(role) LOGIN PASSWORD 'read-only'; GRANT CONNECT ON DATABASE \(database) TO \(role); GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role); REVOKE CREATE ON SCHEMA public FROM PUBLIC"
    )
    var components = try XCTUnwrap(URLComponents(string: databaseURL))
    components.user = role
    components.password = "read-only"
    let reader = try OrgStores.open(try StoreLocation(parsing: components.string!))
    defer { reader.close() }
    XCTAssertEqual(try reader.repositories().map(\.changes), [5])
    XCTAssertThrowsError(
      try reader.publish(SyntheticFacts.facts("github.com/acme/app", count: 6), progress: nil)
    ) {
      error in
      XCTAssertTrue("\(error)".contains("permission denied"), "\(error)")
      XCTAssertEqual("\(error)".split(whereSeparator: \.isNewline).count, 1)
    }
  }

  /// A server with TLS: `require` encrypts, `verify-full` accepts the server's own certificate as root
  /// and refuses a server it cannot verify.
  func testTLSModesAgainstATLSServer() throws {
    let server = try PostgresServer.start(tls: true)
    defer { server.remove() }
    let base = server.url()
    let plain = base + "?sslmode=disable"
    let encrypted = try OrgStores.open(try StoreLocation(parsing: base + "?sslmode=require"))
    _ = try encrypted.publish(SyntheticFacts.facts("github.com/acme/app", count: 3), progress: nil)
    XCTAssertEqual(
      try PostgresServer.psql(url: plain, "SELECT count(*) FROM pg_stat_ssl WHERE ssl"), "1",
      "the store's connection is encrypted")
    encrypted.close()
    let verified = try OrgStores.open(
      try StoreLocation(parsing: base + "?sslmode=verify-full&sslrootcert=\(server.certificate)"))
    XCTAssertEqual(try verified.repositories().map(\.changes), [3])
    verified.close()
    XCTAssertThrowsError(try OrgStores.open(try StoreLocation(parsing: base + "?sslmode=verify-full"))) {
      error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("TLS"), text)
      XCTAssertFalse(text.contains(server.password), text)
    }
  }

  func testTLSRequiredAgainstAServerWithoutTLSFailsClearly() throws {
    XCTAssertThrowsError(try OrgStores.open(try StoreLocation(parsing: databaseURL + "?sslmode=require"))) {
      error in
      XCTAssertTrue("\(error)".contains("TLS"), "\(error)")
    }
    // `prefer` falls back to plain text on a server without TLS, as libpq does.
    let store = try OrgStores.open(try StoreLocation(parsing: databaseURL + "?sslmode=prefer"))
    store.close()
  }
}
