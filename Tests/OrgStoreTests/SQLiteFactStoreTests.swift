import Foundation
import GRDB
import TestSupport
import XCTest

@testable import OrgStore

final class SQLiteFactStoreTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgstore-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  var contract: FactStoreContract {
    let path = folder.appendingPathComponent("org.sqlite").path
    return FactStoreContract(
      open: { version in try SQLiteFactStore(path: path, migrateUpTo: version) },
      execute: { sql in try DatabaseQueue(path: path).write { try $0.execute(sql: sql) } },
      query: { sql in
        try DatabaseQueue(path: path).read { db in
          guard let value = try DatabaseValue.fetchOne(db, sql: sql), !value.isNull else { return "" }
          return Int64.fromDatabaseValue(value).map(String.init) ?? String.fromDatabaseValue(value) ?? ""
        }
      })
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

  func testMissingFolderIsAOneLineError() {
    XCTAssertThrowsError(try SQLiteFactStore(path: "/nonexistent-\(UUID().uuidString)/org.sqlite")) { error in
      XCTAssertTrue("\(error)".contains("does not exist"), "\(error)")
    }
  }
}
