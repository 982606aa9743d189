import Foundation
import OutcomeModel

/// A shared fact store for many repositories: one row per (repository, mainline change), plus the pull
/// requests and linked issues each repository was published with.
///
/// Two backends share this contract: PostgreSQL for an organisation (every repository's CI publishes into
/// one server) and one SQLite file for a single machine (`outcomes mine --repos`). Opening a store runs
/// its schema migrations; every call is synchronous and safe to make from any thread, and every
/// publish of a repository is one transaction, so readers see the old or the new set of rows, never a mix.
///
/// ```swift
/// let store = try OrgStores.open(try StoreLocation(parsing: "postgres://ci@db.internal/outcomes"))
/// defer { store.close() }
/// let summary = try store.publish(facts, progress: nil)
/// ```
public protocol FactStore: AnyObject, Sendable {
  var location: StoreLocation { get }

  /// Replaces the repository's rows with `facts` in one transaction: new rows are inserted, changed rows
  /// updated, identical rows left alone, and rows whose sha is no longer on the mainline (a history
  /// rewrite) deleted. `progress` gets (rows written, rows total) after each batch.
  func publish(_ facts: RepositoryFacts, progress: (@Sendable (Int, Int) -> Void)?) throws -> PublishSummary

  /// Every published repository, sorted by identity.
  func repositories() throws -> [PublishedRepository]

  /// First and last commit time and the number of changes over the given repositories (SQL aggregates).
  func bounds(repositories: [Int64]) throws -> HistoryBounds?

  /// Change counts per repository over `[start, end)` (SQL aggregates), for the report's coverage line.
  func changeCounts(repositories: [Int64], start: Int64, end: Int64) throws -> [Int64: Int]

  /// The rows of the given repositories whose change landed, or whose pull request was opened, in
  /// `[start, end)`, and every issue those repositories link.
  func load(repositories: [Int64], start: Int64, end: Int64) throws -> StoredFacts

  /// The schema version the database is at.
  func schemaVersion() throws -> Int

  func close()
}

/// Opens either backend from a location.
public enum OrgStores {
  /// Connects (or creates the SQLite file) and brings the schema up to date.
  public static func open(_ location: StoreLocation) throws -> any FactStore {
    switch location {
    case .postgres(let url): return try PostgresFactStore(url)
    case .sqlite(let path): return try SQLiteFactStore(path: path)
    }
  }
}

/// First and last commit times (Unix seconds) of the selected rows, and how many there are.
public struct HistoryBounds: Sendable, Hashable {
  public var start: Int64
  public var end: Int64
  public var changes: Int

  public init(start: Int64, end: Int64, changes: Int) {
    self.start = start
    self.end = end
    self.changes = changes
  }
}
