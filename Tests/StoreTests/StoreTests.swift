import Foundation
import GRDB
import XCTest

@testable import Store

final class CacheStoreTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  var url: URL { folder.appendingPathComponent("outcomes/cache.sqlite") }

  func update(rows: [String], from first: Int = 0, tip: String) -> CacheUpdate {
    var update = CacheUpdate()
    update.firstRow = first
    update.rows = rows.map { ($0, Array($0.utf8)) }
    update.blobs = ["plan": Array("plan at \(tip)".utf8)]
    update.meta = [CacheContents.Key.tip: tip, CacheContents.Key.branch: "main"]
    return update
  }

  func testSavesAndLoadsAndReplacesRowsFromTheFirstNewOne() throws {
    let store = try XCTUnwrap(try CacheStore.open(url: url, readOnly: false))
    XCTAssertNil(store.resetReason, "a new file needs no reason")
    XCTAssertNil(try store.load(), "nothing saved yet")
    try store.save(update(rows: ["a", "b", "c"], tip: "t1"))
    try store.save(update(rows: ["c2", "d"], from: 2, tip: "t2"))
    let contents = try XCTUnwrap(try store.load())
    XCTAssertEqual(contents.rows.map { String(decoding: $0, as: UTF8.self) }, ["a", "b", "c2", "d"])
    XCTAssertEqual(contents.meta[CacheContents.Key.tip], "t2")
    XCTAssertEqual(contents.blobs["plan"].map { String(decoding: $0, as: UTF8.self) }, "plan at t2")
    let info = try store.info()
    XCTAssertEqual(info.changes, 4)
    XCTAssertGreaterThan(info.bytes, 0)
  }

  func testAFailureInsideTheTransactionLeavesTheEarlierCache() throws {
    let store = try XCTUnwrap(try CacheStore.open(url: url, readOnly: false))
    try store.save(update(rows: ["a", "b"], tip: "t1"))
    struct Interrupted: Error {}
    var failing = update(rows: ["x", "y", "z"], tip: "t2")
    // Everything is written when this runs; failing here is what a crash before the commit leaves.
    failing.pauseBeforeCommit = { throw Interrupted() }
    XCTAssertThrowsError(try store.save(failing)) { error in
      XCTAssertTrue("\(error)".contains("cannot write the cache"), "\(error)")
    }
    let contents = try XCTUnwrap(try store.load())
    XCTAssertEqual(contents.meta[CacheContents.Key.tip], "t1")
    XCTAssertEqual(contents.rows.map { String(decoding: $0, as: UTF8.self) }, ["a", "b"])
    XCTAssertEqual(contents.blobs["plan"].map { String(decoding: $0, as: UTF8.self) }, "plan at t1")
  }

  func testAnotherSchemaStartsAfreshWithAReason() throws {
    do {
      let store = try XCTUnwrap(try CacheStore.open(url: url, readOnly: false))
      try store.save(update(rows: ["a"], tip: "t1"))
    }
    let queue = try DatabaseQueue(path: url.path)
    try queue.write { try $0.execute(sql: "PRAGMA user_version = 42") }
    try queue.close()
    XCTAssertNil(try CacheStore.open(url: url, readOnly: true), "a reader ignores a cache it cannot read")
    let store = try XCTUnwrap(try CacheStore.open(url: url, readOnly: false))
    XCTAssertEqual(
      store.resetReason,
      "the cache was written by a newer outcomes (cache schema 42, this one reads \(CacheStore.schemaVersion))"
    )
    XCTAssertNil(try store.load(), "the old contents are gone")
  }

  func testGarbageFileIsReplaced() throws {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("this is not a database, just text that fills the first page".utf8).write(to: url)
    let store = try XCTUnwrap(try CacheStore.open(url: url, readOnly: false))
    XCTAssertEqual(
      store.resetReason?.hasPrefix("the cache file could not be read"), true, store.resetReason ?? "")
    try store.save(update(rows: ["a"], tip: "t1"))
    XCTAssertEqual(try store.load()?.rows.count, 1)
  }

  func testClearDeletesTheFile() throws {
    XCTAssertFalse(try CacheStore.clear(url: url), "nothing to delete")
    let store = try XCTUnwrap(try CacheStore.open(url: url, readOnly: false))
    try store.save(update(rows: ["a"], tip: "t1"))
    XCTAssertTrue(try CacheStore.clear(url: url))
    XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    XCTAssertNil(try CacheStore.open(url: url, readOnly: true))
  }
}
