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
      execute: { sql in try PostgresServer.psql(url: url, sql) })
  }

  func testMigrationsRunOnceAndForward() throws { try contract.migrationsRunOnceAndForward() }
  func testNewerSchemaIsRefused() throws { try contract.newerSchemaIsRefused() }
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
