import Foundation
import OutcomeModel
import PostgresNIO

extension PostgresFactStore {
  /// One transaction: upsert the repository (its row lock serialises publishers of one repository),
  /// upsert changed rows in batches, delete rows no longer on the mainline, replace pull requests and
  /// issues.
  public func publish(_ facts: RepositoryFacts, progress: (@Sendable (Int, Int) -> Void)?) throws
    -> PublishSummary
  {
    let rows = try PublishRows(facts)
    let issues = PublishRows.issues(facts)
    let total = rows.changes.count
    return try perform("publishing \(facts.identity)") { connection, logger in
      try await self.transaction(connection, logger) { connection in
        let now = Int64(Date().timeIntervalSince1970)
        var repositoryID: Int64 = 0
        // The upsert locks the repository's row until commit: concurrent publishers of one repository
        // take turns here.
        for try await id in try await connection.query(
          """
          INSERT INTO repositories (identity, name, team_source, salt_fingerprint, branch, tip,
            has_pull_requests, has_issues, change_count, published_at, tool_version)
          VALUES (\(facts.identity), \(facts.name), \(facts.teamSource), \(facts.saltFingerprint), \(facts.branch),
            \(facts.tip), \(facts.pullRequests != nil), \(facts.issues != nil), \(total), \(now), \(Migrations.tool))
          ON CONFLICT (identity) DO UPDATE SET name = excluded.name, team_source = excluded.team_source,
            salt_fingerprint = excluded.salt_fingerprint, branch = excluded.branch, tip = excluded.tip,
            has_pull_requests = excluded.has_pull_requests, has_issues = excluded.has_issues,
            change_count = excluded.change_count, published_at = excluded.published_at,
            tool_version = excluded.tool_version
          RETURNING id
          """, logger: logger
        ).decode(Int64.self) {
          repositoryID = id
        }
        var existing = Set<String>()
        for try await sha in try await connection.query(
          "SELECT sha FROM changes WHERE repository_id = \(repositoryID)", logger: logger
        ).decode(String.self) {
          existing.insert(sha)
        }
        var plan = PublishPlan(rows: rows, issues: issues, repositoryID: repositoryID, existing: existing)
        for batch in plan.batches {
          var touched = 0
          for try await _ in try await connection.query(
            """
            INSERT INTO changes (repository_id, sha, position, committed_at, author, cohort, record)
            SELECT \(repositoryID), sha, position, committed_at, author, nullif(cohort, ''), record::jsonb
            FROM unnest(\(batch.map(\.sha)), \(batch.map { Int64($0.position) }), \(batch.map(\.committedAt)),
              \(batch.map(\.author)), \(batch.map { $0.cohort ?? "" }), \(batch.map(\.json)))
              AS t(sha, position, committed_at, author, cohort, record)
            ON CONFLICT (repository_id, sha) DO UPDATE SET position = excluded.position,
              committed_at = excluded.committed_at, author = excluded.author, cohort = excluded.cohort,
              record = excluded.record
            WHERE changes.record IS DISTINCT FROM excluded.record OR changes.position <> excluded.position
            RETURNING 1
            """, logger: logger)
          {
            touched += 1
          }
          plan.wrote(batch, touched: touched, progress: progress)
        }
        let stale = plan.stale()
        for start in stride(from: 0, to: stale.count, by: PublishPlan.batchSize) {
          let batch = Array(stale[start..<min(start + PublishPlan.batchSize, stale.count)])
          try await connection.query(
            "DELETE FROM changes WHERE repository_id = \(repositoryID) AND sha = ANY(\(batch))",
            logger: logger)
        }

        try await connection.query(
          "DELETE FROM pull_requests WHERE repository_id = \(repositoryID)", logger: logger)
        let pullRequests = rows.pullRequests
        for start in stride(from: 0, to: pullRequests.count, by: PublishPlan.batchSize) {
          let batch = pullRequests[start..<min(start + PublishPlan.batchSize, pullRequests.count)]
          try await connection.query(
            """
            INSERT INTO pull_requests (repository_id, number, author, teams, cohort, state, is_draft, created_at)
            SELECT \(repositoryID), number, author, teams::jsonb, cohort, state, is_draft, created_at
            FROM unnest(\(batch.map { Int64($0.value.number) }), \(batch.map(\.value.author)),
              \(batch.map(\.teamsJSON)), \(batch.map(\.value.cohort.rawValue)), \(batch.map(\.value.state)),
              \(batch.map(\.value.isDraft)), \(batch.map(\.createdAt)))
              AS t(number, author, teams, cohort, state, is_draft, created_at)
            """, logger: logger)
        }
        try await connection.query("DELETE FROM issues WHERE repository_id = \(repositoryID)", logger: logger)
        for start in stride(from: 0, to: issues.count, by: PublishPlan.batchSize) {
          let batch = issues[start..<min(start + PublishPlan.batchSize, issues.count)]
          try await connection.query(
            """
            INSERT INTO issues (repository_id, key, resolved, reopened)
            SELECT \(repositoryID), key, resolved, reopened
            FROM unnest(\(batch.map(\.key)), \(batch.map(\.resolved)), \(batch.map(\.reopened)))
              AS t(key, resolved, reopened)
            """, logger: logger)
        }
        return plan.summary
      }
    }
  }
}
