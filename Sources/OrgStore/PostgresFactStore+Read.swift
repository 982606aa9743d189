import Foundation
import OutcomeModel
import PostgresNIO

extension PostgresFactStore {
  public func repositories() throws -> [PublishedRepository] {
    try perform("listing repositories") { connection, logger in
      var result: [PublishedRepository] = []
      for try await (id, identity, name, source, salt, prs, issues, count, published, tool)
        in try await connection
        .query(
          """
          SELECT id, identity, name, team_source, salt_fingerprint, has_pull_requests, has_issues,
            change_count, published_at, tool_version
          FROM repositories ORDER BY identity
          """, logger: logger
        ).decode((Int64, String, String, String, String?, Bool, Bool, Int, Int64, String).self)
      {
        result.append(
          PublishedRepository(
            id: id, identity: identity, name: name, teamSource: source, saltFingerprint: salt,
            hasPullRequests: prs, hasIssues: issues, changes: count, publishedAt: published, toolVersion: tool
          ))
      }
      return result
    }
  }

  public func bounds(repositories: [Int64]) throws -> HistoryBounds? {
    try perform("reading history bounds") { connection, logger in
      var result: HistoryBounds?
      for try await (start, end, count) in try await connection.query(
        """
        SELECT min(committed_at), max(committed_at), count(*) FROM changes
        WHERE repository_id = ANY(\(repositories))
        """, logger: logger
      ).decode((Int64?, Int64?, Int).self) {
        if let start, let end { result = HistoryBounds(start: start, end: end, changes: count) }
      }
      return result
    }
  }

  public func changeCounts(repositories: [Int64], start: Int64, end: Int64) throws -> [Int64: Int] {
    try perform("counting changes") { connection, logger in
      var result: [Int64: Int] = [:]
      for try await (id, count) in try await connection.query(
        """
        SELECT repository_id, count(*) FROM changes
        WHERE repository_id = ANY(\(repositories)) AND committed_at >= \(start) AND committed_at < \(end)
        GROUP BY repository_id
        """, logger: logger
      ).decode((Int64, Int).self) {
        result[id] = count
      }
      return result
    }
  }

  public func load(repositories: [Int64], start: Int64, end: Int64) throws -> StoredFacts {
    try perform("reading facts") { connection, logger in
      var facts = StoredFacts()
      for try await (id, text) in try await connection.query(
        """
        SELECT repository_id, record::text FROM changes
        WHERE repository_id = ANY(\(repositories)) AND committed_at >= \(start) AND committed_at < \(end)
        ORDER BY repository_id, position
        """, logger: logger
      ).decode((Int64, String).self) {
        facts.records.append((id, try PublishRows.decodeRecord(text, repository: "repository \(id)")))
      }
      for try await (id, number, author, teams, cohort, state, draft, created) in try await connection.query(
        """
        SELECT repository_id, number, author, teams::text, cohort, state, is_draft, created_at
        FROM pull_requests
        WHERE repository_id = ANY(\(repositories)) AND created_at >= \(start) AND created_at < \(end)
        ORDER BY repository_id, number
        """, logger: logger
      ).decode((Int64, Int, String, String, String, String, Bool, Int64).self) {
        let request = StoredPullRequest(
          number: number, author: author, teams: PublishRows.decodeTeams(teams),
          cohort: Cohort(rawValue: cohort) ?? .unmarked, state: state, isDraft: draft,
          createdAt: Timestamp.iso8601(created))
        facts.pullRequests.append((id, request))
      }
      for try await (id, key, resolved, reopened) in try await connection.query(
        """
        SELECT repository_id, key, resolved, reopened FROM issues
        WHERE repository_id = ANY(\(repositories)) ORDER BY repository_id, key
        """, logger: logger
      ).decode((Int64, String, Bool, Bool).self) {
        facts.issues.append((id, StoredIssue(key: key, resolved: resolved, reopened: reopened)))
      }
      return facts
    }
  }
}
