import Foundation
import OutcomeModel
import TestSupport
import XCTest

@testable import OrgStore

/// What both backends must do, written once; `SQLiteFactStoreTests` and `PostgresFactStoreTests` run it.
struct FactStoreContract: Sendable {
  /// Opens the store under test (a new connection each time), migrating up to `version`.
  var open: @Sendable (_ version: Int) throws -> any FactStore
  /// Runs SQL directly against the database, to stage states the tool would never write.
  var execute: @Sendable (_ sql: String) throws -> Void
  /// The first column of the first row of a query, as text ("" for null).
  var query: @Sendable (_ sql: String) throws -> String

  func openLatest() throws -> any FactStore { try open(Migrations.latest) }

  func migrationsRunOnceAndForward() throws {
    let old = try open(1)
    XCTAssertEqual(try old.schemaVersion(), 1)
    old.close()
    let store = try openLatest()
    XCTAssertEqual(try store.schemaVersion(), Migrations.latest, "the missing step ran")
    _ = try store.publish(SyntheticFacts.facts("github.com/acme/app", count: 3), progress: nil)
    store.close()
    let again = try openLatest()
    defer { again.close() }
    XCTAssertEqual(try again.schemaVersion(), Migrations.latest, "re-running changes nothing")
    XCTAssertEqual(try again.repositories().map(\.changes), [3], "rows survive a re-run")
  }

  /// A store made before the moved and copied columns existed keeps its rows and gains the columns,
  /// filled from the rows already there; later publications fill them too.
  func movesColumnsMigrateAndRoundTrip() throws {
    let old = try open(2)
    let facts = SyntheticFacts.facts("github.com/acme/app", count: 30)
    var before = facts
    for index in before.records.indices {
      // Rows as an earlier outcomes wrote them: no moved or copied lines at all.
      before.records[index].linesMoved = nil
      before.records[index].linesCopied = nil
      before.records[index].fate?.moved = nil
      before.records[index].fate?.copied = nil
    }
    _ = try old.publish(before, progress: nil)
    _ = try old.publish(SyntheticFacts.facts("github.com/acme/lib", count: 12), progress: nil)
    old.close()
    let store = try openLatest()
    defer { store.close() }
    XCTAssertEqual(try store.schemaVersion(), Migrations.latest)
    XCTAssertEqual(try store.repositories().map(\.changes), [30, 12], "no row lost")
    let libID = try XCTUnwrap(try store.repositories().first { $0.identity == "github.com/acme/lib" }?.id)
    let lib = SyntheticFacts.facts("github.com/acme/lib", count: 12).records
    XCTAssertEqual(
      try query("SELECT count(lines_moved) FROM changes WHERE repository_id = \(libID)"),
      "\(lib.compactMap(\.linesMoved).count)", "rows published before the step get their values")
    XCTAssertEqual(
      try query("SELECT sum(lines_copied) FROM changes WHERE repository_id = \(libID)"),
      "\(lib.compactMap(\.linesCopied).reduce(0, +))")
    let appID = try XCTUnwrap(try store.repositories().first { $0.identity == "github.com/acme/app" }?.id)
    XCTAssertEqual(
      try query("SELECT count(*) FROM changes WHERE repository_id = \(appID) AND lines_moved IS NULL"), "30",
      "unmeasured stays null, not 0")
    let republished = try store.publish(facts, progress: nil)
    XCTAssertEqual(republished.updated, facts.records.filter { $0.linesMoved != nil }.count)
    XCTAssertEqual(
      try query("SELECT sum(lines_moved) FROM changes WHERE repository_id = \(appID)"),
      "\(facts.records.compactMap(\.linesMoved).reduce(0, +))")
    XCTAssertEqual(
      try query("SELECT count(*) FROM changes WHERE repository_id = \(appID) AND lines_copied IS NULL"),
      "\(facts.records.filter { $0.linesCopied == nil }.count)")
    let loaded = try store.load(repositories: [appID], start: 0, end: Int64.max).records.map(\.record)
    XCTAssertEqual(loaded.map(SyntheticFacts.json), facts.records.map(SyntheticFacts.json))
    XCTAssertEqual(loaded.map(\.linesMoved), facts.records.map(\.linesMoved))
    XCTAssertEqual(loaded.map(\.fate?.copied), facts.records.map(\.fate?.copied))
  }

  func newerSchemaIsRefused() throws {
    try openLatest().close()
    try execute(
      "INSERT INTO outcomes_schema (version, summary, tool) VALUES (\(Migrations.latest + 7), 'future', 'outcomes 9')"
    )
    XCTAssertThrowsError(try openLatest()) { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("schema is version \(Migrations.latest + 7)"), text)
      XCTAssertTrue(text.contains("upgrade outcomes"), text)
      XCTAssertEqual(text.split(whereSeparator: \.isNewline).count, 1, text)
    }
  }

  func publishIsIdempotentAndRoundTrips() throws {
    let store = try openLatest()
    defer { store.close() }
    let facts = SyntheticFacts.facts("github.com/acme/app", count: 40)
    let first = try store.publish(facts, progress: nil)
    XCTAssertEqual(first.inserted, 40)
    XCTAssertEqual(first.pullRequests, 41)
    let second = try store.publish(facts, progress: nil)
    XCTAssertEqual([second.inserted, second.updated, second.unchanged, second.deleted], [0, 0, 40, 0])
    let repositories = try store.repositories()
    XCTAssertEqual(repositories.map(\.identity), ["github.com/acme/app"])
    XCTAssertEqual(repositories.first?.changes, 40)
    XCTAssertEqual(repositories.first?.hasPullRequests, true)
    let id = try XCTUnwrap(repositories.first?.id)
    let loaded = try store.load(repositories: [id], start: 0, end: Int64.max)
    XCTAssertEqual(
      loaded.records.map { SyntheticFacts.json($0.record) }, facts.records.map(SyntheticFacts.json))
    XCTAssertEqual(loaded.pullRequests.map(\.pullRequest), facts.pullRequests)
    XCTAssertEqual(Set(loaded.issues.map(\.issue.key)), Set(facts.issues!.map(\.key)))
    let bounds = try XCTUnwrap(try store.bounds(repositories: [id]))
    XCTAssertEqual(bounds.changes, 40)
    XCTAssertEqual(bounds.start, Timestamp.parse(facts.records.first!.committedAt))
    XCTAssertEqual(bounds.end, Timestamp.parse(facts.records.last!.committedAt))
    let middle = Timestamp.parse(facts.records[10].committedAt)!
    XCTAssertEqual(try store.changeCounts(repositories: [id], start: middle, end: Int64.max), [id: 30])
    XCTAssertEqual(try store.load(repositories: [id], start: middle, end: Int64.max).records.count, 30)

    var edited = facts
    edited.records[5].linesAdded += 1
    let third = try store.publish(edited, progress: nil)
    XCTAssertEqual(
      [third.inserted, third.updated, third.unchanged], [0, 1, 39], "only the changed row is written")
  }

  func historyRewriteReplacesTheRepositoryRows() throws {
    let store = try openLatest()
    defer { store.close() }
    let before = SyntheticFacts.facts("github.com/acme/app", count: 20)
    _ = try store.publish(before, progress: nil)
    _ = try store.publish(SyntheticFacts.facts("github.com/acme/other", count: 5), progress: nil)
    // The first 12 changes stay; the rest were rewritten (new shas, fewer of them).
    var after = before
    after.records =
      Array(before.records.prefix(12))
      + SyntheticFacts.facts("github.com/acme/app", count: 20, generation: 1).records.suffix(5)
    after.pullRequests = []
    after.issues = []
    let summary = try store.publish(after, progress: nil)
    XCTAssertEqual(summary.deleted, 8)
    XCTAssertEqual(summary.inserted, 5)
    let repositories = try store.repositories()
    let app = try XCTUnwrap(repositories.first { $0.identity == "github.com/acme/app" })
    let other = try XCTUnwrap(repositories.first { $0.identity == "github.com/acme/other" })
    let loaded = try store.load(repositories: [app.id], start: 0, end: Int64.max)
    XCTAssertEqual(
      loaded.records.map(\.record.sha), after.records.map(\.sha), "exactly the new mainline, in order")
    XCTAssertTrue(loaded.pullRequests.isEmpty, "links are replaced too")
    XCTAssertTrue(loaded.issues.isEmpty)
    XCTAssertEqual(
      try store.load(repositories: [other.id], start: 0, end: Int64.max).records.count, 5,
      "other repositories untouched")
  }

  func concurrentPublishersLeaveOneRowPerChange() throws {
    try openLatest().close()
    let repositories = (0..<6).map { "github.com/acme/r\($0)" }
    let failures = Failures()
    // Six repositories, each published by two writers at once, plus a third writer of r0.
    let jobs = repositories.flatMap { [$0, $0] } + [repositories[0]]
    DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
      do {
        let store = try openLatest()
        defer { store.close() }
        _ = try store.publish(
          SyntheticFacts.facts(jobs[index], count: 150, seed: UInt64(index % 2 + 1)), progress: nil)
      } catch {
        failures.add("\(jobs[index]): \(error)")
      }
    }
    XCTAssertEqual(failures.all, [])
    let store = try openLatest()
    defer { store.close() }
    let published = try store.repositories()
    XCTAssertEqual(published.map(\.identity), repositories)
    let loaded = try store.load(repositories: published.map(\.id), start: 0, end: Int64.max)
    XCTAssertEqual(loaded.records.count, 6 * 150, "no lost or duplicated rows")
    XCTAssertEqual(Set(loaded.records.map { "\($0.repository)/\($0.record.sha)" }).count, 6 * 150)
  }

  func rawEmailsAreRefused() throws {
    let store = try openLatest()
    defer { store.close() }
    var facts = SyntheticFacts.facts("github.com/acme/app", count: 3)
    facts.records[1].author = "ana@example.com"
    XCTAssertThrowsError(try store.publish(facts, progress: nil)) { error in
      XCTAssertTrue("\(error)".contains("not a pseudonym"), "\(error)")
      XCTAssertFalse("\(error)".contains("ana@example.com"), "the address is not repeated")
    }
    XCTAssertEqual(try store.repositories().count, 0, "nothing was written")
  }
}

final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [String] = []
  func add(_ item: String) {
    lock.lock()
    items.append(item)
    lock.unlock()
  }
  var all: [String] {
    lock.lock()
    defer { lock.unlock() }
    return items
  }
}
