/// The store's schema as numbered, forward-only steps, written once for each SQL dialect.
///
/// A database records every step it has taken in `outcomes_schema`; opening a store applies the missing
/// ones in order, each in the same transaction as its record, under a lock so that concurrent publishers
/// migrate once. A database that has a step this build does not know was written by a newer `outcomes`:
/// opening it fails rather than guess at the meaning of the newer schema. Never edit a released step;
/// add the next one.
enum Migrations {
  struct Step: Sendable {
    let version: Int
    let summary: String
    let postgres: [String]
    let sqlite: [String]
  }

  static let bookkeeping = (
    postgres: """
    CREATE TABLE IF NOT EXISTS outcomes_schema (
      version integer PRIMARY KEY, summary text NOT NULL, tool text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())
    """,
    sqlite: """
    CREATE TABLE IF NOT EXISTS outcomes_schema (
      version INTEGER PRIMARY KEY, summary TEXT NOT NULL, tool TEXT NOT NULL,
      applied_at INTEGER NOT NULL DEFAULT (unixepoch()))
    """
  )

  static let steps: [Step] = [
    Step(
      version: 1, summary: "repositories and their changes",
      postgres: [
        """
        CREATE TABLE repositories (
          id bigserial PRIMARY KEY, identity text NOT NULL UNIQUE, name text NOT NULL,
          team_source text NOT NULL, salt_fingerprint text, branch text, tip text,
          has_pull_requests boolean NOT NULL DEFAULT false, has_issues boolean NOT NULL DEFAULT false,
          change_count integer NOT NULL DEFAULT 0, published_at bigint NOT NULL, tool_version text NOT NULL)
        """,
        """
        CREATE TABLE changes (
          repository_id bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
          sha text NOT NULL, position integer NOT NULL, committed_at bigint NOT NULL,
          author text NOT NULL, cohort text, record jsonb NOT NULL,
          PRIMARY KEY (repository_id, sha))
        """,
      ],
      sqlite: [
        """
        CREATE TABLE repositories (
          id INTEGER PRIMARY KEY, identity TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
          team_source TEXT NOT NULL, salt_fingerprint TEXT, branch TEXT, tip TEXT,
          has_pull_requests INTEGER NOT NULL DEFAULT 0, has_issues INTEGER NOT NULL DEFAULT 0,
          change_count INTEGER NOT NULL DEFAULT 0, published_at INTEGER NOT NULL, tool_version TEXT NOT NULL)
        """,
        """
        CREATE TABLE changes (
          repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
          sha TEXT NOT NULL, position INTEGER NOT NULL, committed_at INTEGER NOT NULL,
          author TEXT NOT NULL, cohort TEXT, record TEXT NOT NULL,
          PRIMARY KEY (repository_id, sha)) WITHOUT ROWID
        """,
      ]),
    Step(
      version: 2, summary: "pull requests, linked issues, period index",
      postgres: [
        """
        CREATE TABLE pull_requests (
          repository_id bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
          number integer NOT NULL, author text NOT NULL, teams jsonb NOT NULL, cohort text NOT NULL,
          state text NOT NULL, is_draft boolean NOT NULL, created_at bigint NOT NULL,
          PRIMARY KEY (repository_id, number))
        """,
        """
        CREATE TABLE issues (
          repository_id bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
          key text NOT NULL, resolved boolean NOT NULL, reopened boolean NOT NULL,
          PRIMARY KEY (repository_id, key))
        """,
        "CREATE INDEX changes_period ON changes (committed_at, repository_id)",
        "CREATE INDEX pull_requests_period ON pull_requests (created_at, repository_id)",
      ],
      sqlite: [
        """
        CREATE TABLE pull_requests (
          repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
          number INTEGER NOT NULL, author TEXT NOT NULL, teams TEXT NOT NULL, cohort TEXT NOT NULL,
          state TEXT NOT NULL, is_draft INTEGER NOT NULL, created_at INTEGER NOT NULL,
          PRIMARY KEY (repository_id, number)) WITHOUT ROWID
        """,
        """
        CREATE TABLE issues (
          repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
          key TEXT NOT NULL, resolved INTEGER NOT NULL, reopened INTEGER NOT NULL,
          PRIMARY KEY (repository_id, key)) WITHOUT ROWID
        """,
        "CREATE INDEX changes_period ON changes (committed_at, repository_id)",
        "CREATE INDEX pull_requests_period ON pull_requests (created_at, repository_id)",
      ]),
    // Generated from the stored row, so rows published before this step get their values (null: not
    // measured) and publishing writes nothing new; plain columns for SQL users who do not read JSON.
    Step(
      version: 3, summary: "moved and copied lines per change",
      postgres: [
        """
        ALTER TABLE changes
          ADD COLUMN lines_moved integer GENERATED ALWAYS AS ((record->>'linesMoved')::integer) STORED,
          ADD COLUMN lines_copied integer GENERATED ALWAYS AS ((record->>'linesCopied')::integer) STORED
        """
      ],
      sqlite: [
        """
        ALTER TABLE changes ADD COLUMN lines_moved INTEGER
          GENERATED ALWAYS AS (json_extract(record, '$.linesMoved')) VIRTUAL
        """,
        """
        ALTER TABLE changes ADD COLUMN lines_copied INTEGER
          GENERATED ALWAYS AS (json_extract(record, '$.linesCopied')) VIRTUAL
        """,
      ]),
  ]

  static var latest: Int { steps.last?.version ?? 0 }

  /// The version stamp written beside each step.
  static let tool = "outcomes \(OrgStoreVersion.tool)"
}

/// The tool version recorded with publications and migrations.
public enum OrgStoreVersion {
  public static let tool = "0.1.0"
}
