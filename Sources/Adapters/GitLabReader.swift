import Foundation
import OutcomeModel

/// GitLab REST issues and merge requests, and the project export's database-shaped rows.
enum GitLabReader {
  static func read(_ record: JSONValue, index: Int, context: ReaderContext) throws -> ExportRecord {
    guard record.object != nil else {
      throw RecordError(reason: "expected an object, found \(record.kindName)")
    }
    let iid = try record.requiredNumber("iid")
    let ref = ItemRef(
      system: .gitlab, host: host(record), container: container(record, context: context), key: String(iid))
    let rawState = try record.required("state").rawString ?? ""
    let isExport = context.format == .gitlabExport
    let labels =
      isExport
      ? (record["label_links"]?.array ?? []).compactMap { $0["label"]?["title"]?.text }
      : record["labels"]?.labelNames ?? []
    let author = isExport ? exportPerson(record["author_id"]) : context.people.gitlab(record["author"])
    if record["source_branch"] != nil {
      let state: ChangeRequestState
      switch rawState {
      case "merged": state = .merged
      case "closed": state = .closedUnmerged
      case "opened", "locked": state = .open
      default: throw RecordError(reason: "unknown merge request state \"\(rawState)\"")
      }
      let mergedAt = try record.date("merged_at") ?? record["metrics"]?.date("merged_at")
      let diffCommits = record["merge_request_diff"]?["merge_request_diff_commits"]?.array ?? []
      let commitDates = try diffCommits.compactMap { try $0.date("authored_date") }
      return .changeRequest(
        ChangeRequest(
          ref: ref, nativeID: record["id"]?.idString, title: record["title"]?.rawString ?? "",
          body: record["description"]?.rawString ?? "", url: record["web_url"]?.text, author: author,
          isDraft: record["draft"]?.bool ?? record["work_in_progress"]?.bool ?? false, state: state,
          rawState: rawState,
          createdAt: try record.date("created_at"), updatedAt: try record.date("updated_at"),
          closedAt: try record.date("closed_at") ?? record["metrics"]?.date("latest_closed_at"),
          mergedAt: mergedAt,
          firstCommitAt: commitDates.min(), sourceBranch: record["source_branch"]?.text,
          targetBranch: record["target_branch"]?.text, headSHA: record.sha("sha"),
          landingSHA: state == .merged
            ? record.sha("merge_commit_sha") ?? record.sha("squash_commit_sha") : nil,
          squashSHA: record.sha("squash_commit_sha"), commits: diffCommits.compactMap { $0.sha("sha") },
          labels: labels,
          provenance: context.provenance(index)))
    }
    let events = try stateEvents(record["resource_state_events"])
    let state: WorkItemState
    switch rawState {
    case "opened", "reopened": state = .open
    case "closed": state = .done
    default: throw RecordError(reason: "unknown issue state \"\(rawState)\"")
    }
    var resolvedAt = try record.date("closed_at")
    if state == .done, resolvedAt == nil { resolvedAt = events.last { $0.to == "closed" }?.at }
    if state == .open { resolvedAt = nil }
    let typeName = record["issue_type"]?.text ?? record["type"]?.text
    return .workItem(
      WorkItem(
        ref: ref, nativeID: record["id"]?.idString, title: record["title"]?.rawString ?? "",
        url: record["web_url"]?.text,
        rawType: typeName,
        kind: context.kind(typeName: typeName == "issue" ? nil : typeName, labels: labels),
        rawState: rawState, state: state, createdAt: try record.date("created_at"),
        updatedAt: try record.date("updated_at"), resolvedAt: resolvedAt, author: author,
        assignees: (record["assignees"]?.array ?? []).compactMap { context.people.gitlab($0) },
        labels: labels,
        transitions: events, provenance: context.provenance(index)))
  }

  private static func host(_ record: JSONValue) -> String? {
    hostAndContainer(fromURL: record["web_url"]?.text, markers: []).host
  }

  /// `references.full` (`group/project!1`), else the web URL's path, else `project:<id>`.
  private static func container(_ record: JSONValue, context: ReaderContext) -> String {
    if let container = context.container { return container }
    if let full = record["references"]?["full"]?.text,
      let cut = full.lastIndex(where: { $0 == "!" || $0 == "#" })
    {
      return String(full[..<cut])
    }
    if let url = record["web_url"]?.text {
      let found = hostAndContainer(fromURL: url, markers: ["/-/", "/merge_requests/", "/issues/"])
      if let container = found.container { return container }
    }
    return record["project_id"]?.idString.map { "project:\($0)" } ?? ""
  }

  /// Export rows name users by database id only.
  private static func exportPerson(_ id: JSONValue?) -> TrackerPerson? {
    guard let id = id?.idString else { return nil }
    return TrackerPerson(
      system: .gitlab, handle: "user:\(id)", kind: .unknown, kindRule: "export author_id only")
  }

  private static func stateEvents(_ value: JSONValue?) throws -> [Transition] {
    try (value?.array ?? []).compactMap { event -> Transition? in
      guard let at = try event.date("created_at"), let state = event["state"]?.text else { return nil }
      return Transition(at: at, field: "state", to: state, toID: event["source_commit"]?.text)
    }.sorted { $0.at < $1.at }
  }
}
