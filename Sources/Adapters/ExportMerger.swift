import Foundation
import OutcomeModel

/// Merges records that share an identity: overlapping pages, the same pull request in the issues list
/// and the pulls list, or several exports of one tracker.
///
/// The newer record (by `updatedAt`) wins field by field; fields it lacks are kept from the other, so a
/// pulls-list entry's branches and landing sha survive an issues-list entry of the same pull request.
struct ExportMerger {
  private var items: [ItemRef: WorkItem] = [:]
  private var requests: [ItemRef: ChangeRequest] = [:]
  var skipped: [AdapterError] = []
  var files: [ExportFileSummary] = []
  private(set) var duplicates = 0

  mutating func add(_ item: WorkItem) {
    guard let old = items[item.ref] else {
      items[item.ref] = item
      return
    }
    duplicates += 1
    var (newer, older) = isNewer(item.updatedAt, than: old.updatedAt) ? (item, old) : (old, item)
    if newer.transitions.isEmpty { newer.transitions = older.transitions }
    newer.team = newer.team ?? older.team
    newer.sprint = newer.sprint ?? older.sprint
    newer.startedAt = newer.startedAt ?? older.startedAt
    newer.author = newer.author ?? older.author
    items[item.ref] = newer
  }

  mutating func add(_ request: ChangeRequest) {
    guard let old = requests[request.ref] else {
      requests[request.ref] = request
      return
    }
    duplicates += 1
    var (newer, older) = isNewer(request.updatedAt, than: old.updatedAt) ? (request, old) : (old, request)
    newer.sourceBranch = newer.sourceBranch ?? older.sourceBranch
    newer.targetBranch = newer.targetBranch ?? older.targetBranch
    newer.headSHA = newer.headSHA ?? older.headSHA
    newer.squashSHA = newer.squashSHA ?? older.squashSHA
    newer.firstCommitAt = newer.firstCommitAt ?? older.firstCommitAt
    newer.mergedAt = newer.mergedAt ?? older.mergedAt
    if newer.state == .merged { newer.landingSHA = newer.landingSHA ?? older.landingSHA }
    if newer.commits.isEmpty {
      newer.commits = older.commits
      newer.commitsTruncated = older.commitsTruncated
    }
    if newer.declaredClosingRefs.isEmpty { newer.declaredClosingRefs = older.declaredClosingRefs }
    if newer.body.isEmpty { newer.body = older.body }
    requests[request.ref] = newer
  }

  /// Ties go to the record read later: a later file is usually the later export.
  private func isNewer(_ a: Date?, than b: Date?) -> Bool {
    guard let a else { return b == nil }
    guard let b else { return true }
    return a >= b
  }

  func result() -> LoadedExports {
    LoadedExports(
      workItems: items.values.sorted { $0.ref < $1.ref },
      changeRequests: requests.values.sorted { $0.ref < $1.ref },
      skipped: skipped, files: files, duplicates: duplicates)
  }
}
