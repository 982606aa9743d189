import Foundation
import OutcomeModel
import TestSupport

@testable import OrgStore

/// Deterministic publications for store tests: pseudonymous authors shared across repositories, teams,
/// cohorts, fates, reverts, pull requests and issues.
enum SyntheticFacts {
  static func pseudonym(_ person: Int) -> String {
    let hex = String((UInt64(person) &+ 1) &* 0x9E37_79B9_7F4A_7C15, radix: 16)
    return "p_" + String(repeating: "0", count: 16 - hex.count) + hex
  }

  static func sha(_ repository: String, _ index: Int, generation: Int = 0) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in "\(repository)/\(index)/\(generation)".utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    let part = String(repeating: "0", count: 16 - hex.count) + hex
    return String((part + part + part).prefix(40))
  }

  static let teams = ["api", "web", "data", "infra"]

  /// `count` changes a day apart from 2025-01-01; `generation` changes the shas (a rewritten history).
  static func facts(
    _ identity: String, count: Int, seed: UInt64 = 1, generation: Int = 0, startDay: Int = 0,
    withTrackers: Bool = true
  ) -> RepositoryFacts {
    var random = SeededRandom(seed: seed)
    var records: [ChangeRecord] = []
    for index in 0..<count {
      let day = startDay + index
      let time = Int64(1_735_689_600 + day * 86_400 + Int(random.next() % 3600))
      let person = Int(random.next() % 24)
      var record = ChangeRecord(
        sha: sha(identity, index, generation: generation),
        parents: index == 0 ? [] : [sha(identity, index - 1, generation: generation)],
        authoredAt: Timestamp.iso8601(time - 3600), committedAt: Timestamp.iso8601(time),
        author: pseudonym(person),
        filesChanged: 1 + Int(random.next() % 5), linesAdded: 5 + Int(random.next() % 80),
        linesDeleted: Int(random.next() % 20), isMerge: false, contributingCommits: 0)
      let team = teams[person % teams.count]
      record.team = team
      record.teams = [team]
      let ai = random.next() % 3 == 0
      record.cohort = ai ? (random.next() % 4 == 0 ? .agent : .assisted) : .unmarked
      // A few automation changes, so the stores round-trip cohort `bot` (drawn without the generator).
      if !ai && index % 23 == 11 { record.cohort = .bot }
      record.tools = ai ? ["claude-code"] : []
      record.evidence = []
      let owned = record.linesAdded
      let dead = Int(random.next() % UInt64(owned + 1)) / 2
      record.outcomesComputed = true
      record.fate = LineFate(
        owned: owned, aiOwned: ai ? owned : 0, alive: owned - dead, observedDays: count - index,
        deaths: dead > 0 ? [[Int(random.next() % 40) + 1, dead]] : [])
      record.linesAlive = owned - dead
      record.aiLinesAdded = ai ? owned : 0
      record.churned21d = dead
      // Moved and copied lines without the generator (the other fields stay as they were); every fifth
      // row unmeasured, as rows mined with --moves off are.
      if index % 5 != 4 {
        record.fate?.moved = index % 7
        record.fate?.copied = index % 3 == 0 ? 5 + index % 4 : 0
        record.linesMoved = record.fate?.moved
        record.linesCopied = record.fate?.copied
      }
      record.defectsInduced =
        random.next() % 10 == 0 ? [sha(identity, index + 1, generation: generation)] : []
      if random.next() % 15 == 0 {
        record.reverted = RevertRecord(
          by: sha(identity, index + 2), at: Timestamp.iso8601(time + 86_400), days: 1, via: "message")
      }
      if withTrackers {
        record.pr = PullRequestRef(
          number: index + 1, state: "merged", createdAt: Timestamp.iso8601(time - 7200),
          mergedAt: Timestamp.iso8601(time))
        record.issues = index % 4 == 0 ? ["#\(index)", "PAY-\(index % 7)"] : []
      } else {
        record.issues = []
      }
      records.append(record)
    }
    var facts = RepositoryFacts(
      identity: identity, name: RepositoryIdentity.displayName(identity), teamSource: "teams-file",
      saltFingerprint: pseudonym(999), records: records)
    if withTrackers {
      facts.pullRequests =
        records.enumerated().map { index, record in
          StoredPullRequest(
            number: index + 1, author: record.author, teams: record.teams ?? [],
            cohort: record.cohort ?? .unmarked,
            state: "merged", isDraft: false, createdAt: record.pr!.createdAt!)
        } + [
          StoredPullRequest(
            number: count + 1, author: pseudonym(3), teams: ["api"], cohort: .agent, state: "closed",
            isDraft: false,
            createdAt: records.last?.committedAt ?? "2025-01-01T00:00:00Z")
        ]
      var issues: [StoredIssue] = []
      for index in stride(from: 0, to: count, by: 4) {
        let resolved: Bool = index % 8 == 0
        let reopened: Bool = index % 3 == 0
        issues.append(StoredIssue(key: "#\(index)", resolved: resolved, reopened: false))
        issues.append(StoredIssue(key: "PAY-\(index % 7)", resolved: true, reopened: reopened))
      }
      facts.issues = issues
    }
    return facts
  }

  /// Rows as JSON text with sorted keys: equality that does not depend on decoding defaults.
  static func json(_ record: ChangeRecord) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try! encoder.encode(record), as: UTF8.self)
  }
}
