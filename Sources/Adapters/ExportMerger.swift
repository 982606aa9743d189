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
  var emptyFiles: [String] = []
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

  /// Room for `count` more records of each kind (a file's record count), so the index and the arrays
  /// grow once per file rather than by doubling.
  mutating func reserve(_ count: Int) {
    itemIndex.reserveCapacity(itemIndex.count + count)
    requestIndex.reserveCapacity(requestIndex.count + count)
  }

  /// Everything merged, sorted by ref. Takes the records out of the merger.
  mutating func result() -> LoadedExports {
    Self.sortByRef(&items, \.ref)
    Self.sortByRef(&requests, \.ref)
    itemIndex = [:]
    requestIndex = [:]
    defer {
      items = []
      requests = []
    }
    var loaded = LoadedExports(
      workItems: items, changeRequests: requests, skipped: skipped, files: files, duplicates: duplicates)
    loaded.emptyFiles = emptyFiles
    return loaded
  }

  /// Puts the records in `ItemRef` order (`<`), stable. Sorting the records themselves moves large
  /// structs through the merge buffers; this sorts positions by keys computed once, with the system and
  /// container as ranks among the distinct values, then permutes the records in place, cycle by cycle.
  private static func sortByRef<Record>(_ records: inout [Record], _ ref: (Record) -> ItemRef) {
    let order = sortedPositions(records.map(ref))
    var placed = [Bool](repeating: false, count: order.count)
    for start in order.indices where !placed[start] {
      // records[i] takes the record at order[i]; following the cycle, each swap settles one place.
      var i = start
      while true {
        placed[i] = true
        let source = order[i]
        if source == start { break }
        records.swapAt(i, source)
        i = source
      }
    }
  }

  /// Positions of `refs` in sorted order.
  private static func sortedPositions(_ refs: [ItemRef]) -> [Int] {
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
    return keys.indices.sorted { keys[$0] < keys[$1] }
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
