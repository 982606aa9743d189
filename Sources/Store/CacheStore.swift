import Foundation
import GRDB

/// The incremental cache of one repository: a SQLite file in `.git/outcomes/` (never the work tree).
///
/// It holds opaque bytes the pipeline encodes: named blobs (the plan, the ledger snapshot), one row per
/// mainline change, and a few text settings (tip, fingerprint). Every save is one transaction, so a run
/// killed at any moment leaves either the previous cache or the new one.
public final class CacheStore {
  /// Bumped whenever what the pipeline stores changes meaning; any other number rebuilds the cache.
  public static let schemaVersion = 2
  public static let fileName = "cache.sqlite"

  public let url: URL
  private let queue: DatabaseQueue
  /// Set when the file had to be started afresh on open (schema change, damage): the reason, one line.
  public private(set) var resetReason: String?

  /// The cache file for a repository's git folder.
  public static func url(gitDirectory: URL) -> URL {
    gitDirectory.appendingPathComponent("outcomes", isDirectory: true).appendingPathComponent(fileName)
  }

  /// Opens (creating when `readOnly` is false) the cache. A file from another schema, or one SQLite
  /// cannot read, is started afresh when writing and ignored when reading; `resetReason` says which.
  /// Nil when reading and there is no usable cache.
  public static func open(url: URL, readOnly: Bool) throws(CacheError) -> CacheStore? {
    if readOnly {
      guard FileManager.default.fileExists(atPath: url.path) else { return nil }
      do {
        let store = try CacheStore(url: url, readOnly: true)
        let version = try store.queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
        return version == schemaVersion ? store : nil
      } catch {
        return nil
      }
    }
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    } catch {
      throw .cannotWrite(path: url.path, reason: error.localizedDescription)
    }
    do {
      let store = try CacheStore(url: url, readOnly: false)
      try store.prepareSchema()
      return store
    } catch let error as CacheError {
      throw error
    } catch {
      // Not a database, or damaged beyond use: the cache only saves time, so start again.
      let reason = "the cache file could not be read (\(Self.describe(error)))"
      Self.removeFiles(at: url)
      do {
        let store = try CacheStore(url: url, readOnly: false)
        try store.prepareSchema()
        store.resetReason = reason
        return store
      } catch {
        throw .cannotWrite(path: url.path, reason: Self.describe(error))
      }
    }
  }

  private init(url: URL, readOnly: Bool) throws {
    self.url = url
    var configuration = Configuration()
    configuration.readonly = readOnly
    // Two CI jobs on one cache wait for each other instead of failing.
    configuration.busyMode = .timeout(30)
    configuration.label = "outcomes-cache"
    queue = try DatabaseQueue(path: url.path, configuration: configuration)
  }

  private func prepareSchema() throws {
    let version = try queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
    if version == Self.schemaVersion { return }
    let tables = try queue.read {
      try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if !tables.isEmpty {
      resetReason =
        version > Self.schemaVersion
        ? "the cache was written by a newer outcomes (cache schema \(version), this one reads \(Self.schemaVersion))"
        : "the cache format changed (cache schema \(version) → \(Self.schemaVersion))"
    }
    try queue.inTransaction { db in
      for table in tables { try db.execute(sql: "DROP TABLE \(table.quotedDatabaseIdentifier)") }
      try db.execute(
        sql: """
          CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
          CREATE TABLE blobs (name TEXT PRIMARY KEY, data BLOB NOT NULL);
          CREATE TABLE changes (idx INTEGER PRIMARY KEY, sha TEXT NOT NULL, data BLOB NOT NULL);
          PRAGMA user_version = \(Self.schemaVersion);
          """)
      return .commit
    }
  }

  // MARK: - Reading

  /// Everything in the cache; nil when it holds no run yet.
  public func load() throws(CacheError) -> CacheContents? {
    do {
      return try queue.read { db -> CacheContents? in
        let meta = Dictionary(
          try Row.fetchAll(db, sql: "SELECT key, value FROM meta").map { ($0[0] as String, $0[1] as String) },
          uniquingKeysWith: { _, last in last })
        guard meta[CacheContents.Key.tip] != nil else { return nil }
        var blobs: [String: [UInt8]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, data FROM blobs") {
          blobs[row[0]] = [UInt8](row[1] as Data)
        }
        var rows: [[UInt8]] = []
        let cursor = try Row.fetchCursor(db, sql: "SELECT idx, data FROM changes ORDER BY idx")
        while let row = try cursor.next() {
          guard (row[0] as Int) == rows.count else {
            throw CacheError.damaged(path: url.path, reason: "change rows are not contiguous")
          }
          rows.append([UInt8](row[1] as Data))
        }
        return CacheContents(meta: meta, blobs: blobs, rows: rows)
      }
    } catch let error as CacheError {
      throw error
    } catch {
      throw .damaged(path: url.path, reason: Self.describe(error))
    }
  }

  // MARK: - Writing

  /// Writes one run in a single transaction: rows from `update.firstRow` on are replaced (all rows when it
  /// is 0), blobs and settings are replaced by name.
  public func save(_ update: CacheUpdate) throws(CacheError) {
    do {
      try queue.inTransaction { db in
        try db.execute(sql: "DELETE FROM changes WHERE idx >= ?", arguments: [update.firstRow])
        let insert = try db.makeStatement(sql: "INSERT INTO changes (idx, sha, data) VALUES (?, ?, ?)")
        for (offset, row) in update.rows.enumerated() {
          try insert.execute(arguments: [update.firstRow + offset, row.sha, Data(row.data)])
        }
        for (name, data) in update.blobs {
          try db.execute(
            sql: "INSERT OR REPLACE INTO blobs (name, data) VALUES (?, ?)", arguments: [name, Data(data)])
        }
        for (key, value) in update.meta {
          try db.execute(
            sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
        }
        try update.pauseBeforeCommit?()
        return .commit
      }
      // A rebuild leaves the old rows' pages free; giving them back keeps the file (and CI caches) small.
      if update.firstRow == 0 { try? queue.vacuum() }
    } catch {
      throw .cannotWrite(path: url.path, reason: Self.describe(error))
    }
  }

  // MARK: - Housekeeping

  /// Deletes the cache file and SQLite's side files; true when there was something to delete.
  @discardableResult
  public static func clear(url: URL) throws(CacheError) -> Bool {
    let existed = FileManager.default.fileExists(atPath: url.path)
    removeFiles(at: url)
    if FileManager.default.fileExists(atPath: url.path) {
      throw .cannotWrite(path: url.path, reason: "could not delete the cache file")
    }
    return existed
  }

  private static func removeFiles(at url: URL) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: url.path + suffix)
    }
  }

  /// Summary figures for `outcomes cache info`.
  public func info() throws(CacheError) -> CacheInfo {
    do {
      return try queue.read { db in
        let meta = Dictionary(
          try Row.fetchAll(db, sql: "SELECT key, value FROM meta").map { ($0[0] as String, $0[1] as String) },
          uniquingKeysWith: { _, last in last })
        let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM changes") ?? 0
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        return CacheInfo(path: url.path, schema: Self.schemaVersion, meta: meta, changes: rows, bytes: size)
      }
    } catch {
      throw .damaged(path: url.path, reason: Self.describe(error))
    }
  }

  /// SQLite errors print several lines with the statement; the contract wants one short line.
  static func describe(_ error: any Error) -> String {
    if let error = error as? DatabaseError {
      return error.message ?? "SQLite error \(error.resultCode.rawValue)"
    }
    return String(describing: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "\(error)"
  }
}

/// What a cache holds: settings, named blobs and the change rows in order.
public struct CacheContents: Sendable {
  public enum Key {
    public static let tip = "tip"
    public static let branch = "branch"
    public static let updatedAt = "updatedAt"
    public static let toolVersion = "toolVersion"
  }

  public var meta: [String: String]
  public var blobs: [String: [UInt8]]
  public var rows: [[UInt8]]
}

/// One run's writes.
public struct CacheUpdate {
  public var meta: [String: String] = [:]
  public var blobs: [String: [UInt8]] = [:]
  /// Rows replace everything from this index on.
  public var firstRow = 0
  public var rows: [(sha: String, data: [UInt8])] = []
  /// Runs inside the transaction just before it commits (the crash-safety test kills the process there).
  public var pauseBeforeCommit: (() throws -> Void)?

  public init() {}
}

public struct CacheInfo: Sendable {
  public var path: String
  public var schema: Int
  public var meta: [String: String]
  public var changes: Int
  public var bytes: Int
}

public enum CacheError: Error, CustomStringConvertible {
  case cannotWrite(path: String, reason: String)
  case damaged(path: String, reason: String)

  public var description: String {
    switch self {
    case .cannotWrite(let path, let reason): "\(path): cannot write the cache: \(reason)"
    case .damaged(let path, let reason): "\(path): the cache could not be read: \(reason)"
    }
  }
}
