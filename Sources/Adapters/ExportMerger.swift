import Foundation
import OutcomeModel

/// Merges records that share an identity: overlapping pages, the same pull request in the issues list
/// and the pulls list, or several exports of one tracker.
///
/// The newer record (by `updatedAt`) wins field by field; fields it lacks are kept from the other, so a
/// pulls-list entry's branches and landing sha survive an issues-list entry of the same pull request.
///
/// Records live in arrays in the order first read, found through an index by ref: growing a dictionary
/// of the records themselves would move every large record at each resize.
struct ExportMerger {
  private var itemIndex: [ItemRef: Int] = [:]
  private var items: [WorkItem] = []
  private var requestIndex: [ItemRef: Int] = [:]
  private var requests: [ChangeRequest] = []
  var skipped: [AdapterError] = []
  var files: [ExportFileSummary] = []
  private(set) var duplicates = 0

  mutating func add(_ item: consuming WorkItem) {
    guard let at = itemIndex[item.ref] else {
      itemIndex[item.ref] = items.count
      items.append(item)
      return
    }
    duplicates += 1
    let old = items[at]
    var (newer, older) = isNewer(item.updatedAt, than: old.updatedAt) ? (item, old) : (old, item)
    if newer.transitions.isEmpty { newer.transitions = older.transitions }
    newer.team = newer.team ?? older.team
    newer.sprint = newer.sprint ?? older.sprint
    newer.startedAt = newer.startedAt ?? older.startedAt
    newer.author = newer.author ?? older.author
    items[at] = newer
  }

  mutating func add(_ request: consuming ChangeRequest) {
    guard let at = requestIndex[request.ref] else {
      requestIndex[request.ref] = requests.count
      requests.append(request)
      return
    }
    duplicates += 1
    let old = requests[at]
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
    requests[at] = newer
  }

  /// Ties go to the record read later: a later file is usually the later export.
  private func isNewer(_ a: Date?, than b: Date?) -> Bool {
    guard let a else { return b == nil }
    guard let b else { return true }
    return a >= b
  }

  func result() -> LoadedExports {
    LoadedExports(
      workItems: Self.sortedByRef(items, \.ref), changeRequests: Self.sortedByRef(requests, \.ref),
      skipped: skipped, files: files, duplicates: duplicates)
  }

  /// The records in `ItemRef` order (`<`), stable. Sorting the records themselves moves large structs
  /// (dozens of retains and releases per move); this sorts positions by keys computed once, with the
  /// system and container as ranks among the distinct values, and gathers the records once.
  private static func sortedByRef<Record>(_ records: [Record], _ ref: (Record) -> ItemRef) -> [Record] {
    let refs = records.map(ref)
    var containerRank: [String: Int] = [:]
    for (rank, container) in Set(refs.map(\.container)).sorted().enumerated() {
      containerRank[container] = rank
    }
    var keys: [SortKey] = []
    keys.reserveCapacity(refs.count)
    var last: (container: String, rank: Int)?
    for ref in refs {
      let rank: Int
      if let last, last.container == ref.container {
        rank = last.rank
      } else {
        rank = containerRank[ref.container]!
        last = (ref.container, rank)
      }
      keys.append(
        SortKey(system: systemRank[ref.system]!, container: rank, number: ref.number ?? Int.max, key: ref.key)
      )
    }
    let order = keys.indices.sorted { keys[$0] < keys[$1] }
    return order.map { records[$0] }
  }

  /// Systems ranked by raw value, as `ItemRef`'s `<` compares them.
  private static let systemRank: [TrackerSystem: Int] = Dictionary(
    uniqueKeysWithValues: TrackerSystem.allCases.sorted { $0.rawValue < $1.rawValue }.enumerated().map {
      ($1, $0)
    })

  /// `ItemRef`'s `<` with the system and container replaced by their ranks.
  private struct SortKey {
    var system: Int
    var container: Int
    var number: Int
    var key: String

    static func < (lhs: SortKey, rhs: SortKey) -> Bool {
      (lhs.system, lhs.container, lhs.number, lhs.key) < (rhs.system, rhs.container, rhs.number, rhs.key)
    }
  }
}
