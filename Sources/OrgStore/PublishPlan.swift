/// The one publish algorithm both stores run; each store only executes the statements.
///
/// Within one transaction: upsert the repository row; read the shas it already has; upsert the changes
/// in batches (a store reports how many rows each batch really wrote: identical rows are left alone);
/// delete the rows of changes no longer on the mainline; replace pull requests and issues wholesale.
/// The plan decides the batches and the stale rows and keeps the summary and the progress count.
struct PublishPlan {
  /// Rows per batch, and how often progress is reported. PostgreSQL binds a batch's columns as arrays,
  /// one parameter each, so this bounds memory only.
  static let batchSize = 2000

  let rows: PublishRows
  let issues: [StoredIssue]
  let existing: Set<String>
  private(set) var summary: PublishSummary
  private var written = 0

  init(rows: PublishRows, issues: [StoredIssue], repositoryID: Int64, existing: Set<String>) {
    self.rows = rows
    self.issues = issues
    self.existing = existing
    summary = PublishSummary(repositoryID: repositoryID)
    summary.pullRequests = rows.pullRequests.count
    summary.issues = issues.count
  }

  /// The changes in the order and batches the stores write them.
  var batches: [ArraySlice<PublishRows.Change>] {
    stride(from: 0, to: rows.changes.count, by: Self.batchSize).map {
      rows.changes[$0..<min($0 + Self.batchSize, rows.changes.count)]
    }
  }

  /// Counts a written batch: `touched` rows were inserted or changed, the rest were already equal.
  mutating func wrote(_ batch: ArraySlice<PublishRows.Change>, touched: Int, progress: ((Int, Int) -> Void)?)
  {
    let inserted = batch.filter { !existing.contains($0.sha) }.count
    summary.inserted += inserted
    summary.updated += touched - inserted
    summary.unchanged += batch.count - touched
    written += batch.count
    progress?(written, rows.changes.count)
  }

  /// Rows of changes that are no longer on the mainline (a rewritten history), sorted.
  mutating func stale() -> [String] {
    let stale = existing.subtracting(rows.changes.map(\.sha)).sorted()
    summary.deleted = stale.count
    return stale
  }
}
