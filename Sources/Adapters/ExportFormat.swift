/// The export shapes the loader reads. Detected from content unless the user forces one.
public enum ExportFormat: String, Hashable, Sendable, Codable, CaseIterable {
  /// GitHub REST issues or pulls lists (also Gitea/Forgejo, which copy the shape): arrays, arrays back
  /// to back (`gh api --paginate`), NDJSON.
  case githubREST = "github-rest"
  /// `gh issue list --json …` / `gh pr list --json …`.
  case ghCLI = "gh-json"
  /// GitLab REST issues and merge requests.
  case gitlabREST = "gitlab-rest"
  /// GitLab project export `issues.ndjson` / `merge_requests.ndjson` (database-shaped rows).
  case gitlabExport = "gitlab-export"
  /// Jira Cloud `search` and `search/jql` pages, or bare issues; `expand=changelog` is read when present.
  case jira
  /// Linear's CSV export.
  case linearCSV = "linear-csv"

  /// The format a JSON record has, judged by its keys.
  static func detect(record: JSONValue) -> ExportFormat? {
    guard let fields = record.object else { return nil }
    if fields["key"] != nil, fields["fields"] != nil { return .jira }
    if fields["iid"] != nil {
      return fields["author_id"] != nil && fields["author"] == nil ? .gitlabExport : .gitlabREST
    }
    if fields["number"] != nil {
      let camel = ["headRefName", "isDraft", "mergedAt", "stateReason", "createdAt", "closedAt"]
      if camel.contains(where: { fields[$0] != nil }) { return .ghCLI }
      return .githubREST
    }
    return nil
  }
}
