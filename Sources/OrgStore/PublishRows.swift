import Foundation
import OutcomeModel

/// A repository's rows checked and encoded once, the same way for both backends.
struct PublishRows {
  struct Change {
    var sha: String
    var position: Int
    var committedAt: Int64
    var author: String
    var cohort: String?
    /// The row as the fact-table contract encodes it, keys sorted so equal rows are equal text.
    var json: String
  }

  struct PullRequest {
    var value: StoredPullRequest
    var createdAt: Int64
    var teamsJSON: String
  }

  var changes: [Change] = []
  var pullRequests: [PullRequest] = []

  /// Refuses rows that could leak a person (raw emails) or that a report could not place in time.
  init(_ facts: RepositoryFacts) throws(OrgStoreError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var seen = Set<String>()
    var times: [Int64] = []
    times.reserveCapacity(facts.records.count)
    for record in facts.records {
      guard Self.isPseudonym(record.author) else {
        throw .notPseudonymous(
          repository: facts.identity, what: "the author of change \(record.sha.prefix(12))")
      }
      guard let committed = Timestamp.parse(record.committedAt) else {
        throw .badRow(
          repository: facts.identity,
          what: "change \(record.sha.prefix(12)): committedAt '\(record.committedAt)' is not an ISO-8601 time"
        )
      }
      guard seen.insert(record.sha).inserted else {
        throw .badRow(repository: facts.identity, what: "change \(record.sha.prefix(12)) appears twice")
      }
      times.append(committed)
    }
    let records = facts.records
    let committedTimes = times
    do {
      changes = try ParallelChunks.map(count: records.count) { range in
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try range.map { position in
          let record = records[position]
          return Change(
            sha: record.sha, position: position, committedAt: committedTimes[position], author: record.author,
            cohort: record.cohort?.rawValue, json: String(decoding: try encoder.encode(record), as: UTF8.self)
          )
        }
      }
    } catch {
      throw .badRow(repository: facts.identity, what: "a change cannot be encoded: \(error)")
    }
    var numbers = Set<Int>()
    for request in facts.pullRequests ?? [] {
      guard Self.isPseudonym(request.author) else {
        throw .notPseudonymous(
          repository: facts.identity, what: "the author of pull request #\(request.number)")
      }
      guard let created = Timestamp.parse(request.createdAt) else {
        throw .badRow(
          repository: facts.identity,
          what: "pull request #\(request.number): createdAt '\(request.createdAt)'")
      }
      guard numbers.insert(request.number).inserted else { continue }
      let teams = (try? encoder.encode(request.teams)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
      pullRequests.append(PullRequest(value: request, createdAt: created, teamsJSON: teams))
    }
  }

  /// `p_` and 16 lowercase hex digits, as `Pseudonymizer` writes them.
  static func isPseudonym(_ author: String) -> Bool {
    let bytes = Array(author.utf8)
    guard bytes.count == 18, bytes[0] == UInt8(ascii: "p"), bytes[1] == UInt8(ascii: "_") else {
      return false
    }
    return bytes[2...].allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
  }

  /// Issues deduplicated by key (the last statement of an item wins, as in the export merger).
  static func issues(_ facts: RepositoryFacts) -> [StoredIssue] {
    var byKey: [String: StoredIssue] = [:]
    for issue in facts.issues ?? [] { byKey[issue.key] = issue }
    return byKey.values.sorted { $0.key < $1.key }
  }

  static func decodeRecord(_ text: String, repository: String) throws(OrgStoreError) -> ChangeRecord {
    do {
      return try JSONDecoder().decode(ChangeRecord.self, from: Data(text.utf8))
    } catch {
      throw .badRow(repository: repository, what: "a stored row cannot be read: \(error)")
    }
  }

  static func decodeTeams(_ text: String) -> [String] {
    (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
  }
}
