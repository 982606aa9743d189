import Foundation
import OutcomeModel

/// GitHub REST issues and pulls list items. Pull requests inside the issues list (they carry a
/// `pull_request` object) become change requests, never work items.
enum GitHubRESTReader {
  static func read(_ record: JSONValue, index: Int, context: ReaderContext) throws -> ExportRecord {
    guard record.object != nil else {
      throw RecordError(reason: "expected an object, found \(record.kindName)")
    }
    let number = try record.requiredNumber("number")
    if record["head"] != nil || record["base"] != nil {
      return .changeRequest(try pull(record, number: number, index: index, context: context))
    }
    if let marker = record["pull_request"], !marker.isNull {
      return .changeRequest(
        try issueListPull(record, marker: marker, number: number, index: index, context: context))
    }
    return .workItem(try issue(record, number: number, index: index, context: context))
  }

  private static let htmlMarkers = ["/issues/", "/pull/", "/pulls/"]

  private static func location(_ record: JSONValue, context: ReaderContext) -> (String?, String) {
    let fromRepo = hostAndContainer(fromURL: record["repository_url"]?.text, markers: [])
    let fromHTML = hostAndContainer(fromURL: record["html_url"]?.text, markers: htmlMarkers)
    let fullName = record["base"]?["repo"]?["full_name"]?.text
    let container = context.container ?? fullName ?? fromHTML.container ?? fromRepo.container ?? ""
    return (fromHTML.host ?? fromRepo.host, container)
  }

  private static func issue(_ record: JSONValue, number: Int, index: Int, context: ReaderContext) throws
    -> WorkItem
  {
    let (host, container) = location(record, context: context)
    let rawState = try record.required("state").rawString ?? ""
    let reason = record["state_reason"]?.text
    let labels = record["labels"]?.labelNames ?? []
    var state: WorkItemState = .open
    var resolution: WorkItemResolution?
    if rawState == "closed" {
      // state_reason is null on issues closed before mid-2022 and sometimes on completed ones.
      resolution = reason.map { context.resolution(name: $0) }
      state = finishedState(resolution)
    } else if rawState != "open" {
      throw RecordError(reason: "unknown issue state \"\(rawState)\"")
    }
    let typeName = record["type"]?["name"]?.text
    return WorkItem(
      ref: ItemRef(system: .github, host: host, container: container, key: String(number)),
      nativeID: record["node_id"]?.text ?? record["id"]?.idString, title: record["title"]?.rawString ?? "",
      url: record["html_url"]?.text, rawType: typeName,
      kind: context.kind(typeName: typeName, labels: labels), rawState: rawState, state: state,
      rawResolution: reason, resolution: resolution, createdAt: try record.date("created_at"),
      updatedAt: try record.date("updated_at"),
      resolvedAt: rawState == "closed" ? try record.date("closed_at") : nil,
      author: context.people.github(record["user"]),
      assignees: (record["assignees"]?.array ?? []).compactMap { context.people.github($0) }, labels: labels,
      provenance: context.provenance(index))
  }

  /// A pull request as the issues list shows it: state and merge time, no branches or shas.
  private static func issueListPull(
    _ record: JSONValue, marker: JSONValue, number: Int, index: Int, context: ReaderContext
  ) throws -> ChangeRequest {
    let (host, container) = location(record, context: context)
    let rawState = try record.required("state").rawString ?? ""
    let mergedAt = try marker.date("merged_at")
    let merged = mergedAt != nil || marker["merged"]?.bool == true
    return ChangeRequest(
      ref: ItemRef(system: .github, host: host, container: container, key: String(number)),
      nativeID: record["node_id"]?.text, title: record["title"]?.rawString ?? "",
      body: record["body"]?.rawString ?? "",
      url: marker["html_url"]?.text ?? record["html_url"]?.text,
      author: context.people.github(record["user"]),
      isDraft: record["draft"]?.bool ?? false, state: try state(rawState, merged: merged), rawState: rawState,
      createdAt: try record.date("created_at"), updatedAt: try record.date("updated_at"),
      closedAt: try record.date("closed_at"), mergedAt: mergedAt, labels: record["labels"]?.labelNames ?? [],
      provenance: context.provenance(index))
  }

  private static func pull(_ record: JSONValue, number: Int, index: Int, context: ReaderContext) throws
    -> ChangeRequest
  {
    let (host, container) = location(record, context: context)
    let rawState = try record.required("state").rawString ?? ""
    let mergedAt = try record.date("merged_at")
    // List items lack `merged`; Gitea and single GETs have it. `merge_commit_sha` alone proves nothing:
    // GitHub sets it on unmerged pull requests too (a test merge).
    let merged = mergedAt != nil || record["merged"]?.bool == true
    let head = record["head"]
    return ChangeRequest(
      ref: ItemRef(system: .github, host: host, container: container, key: String(number)),
      nativeID: record["node_id"]?.text ?? record["id"]?.idString, title: record["title"]?.rawString ?? "",
      body: record["body"]?.rawString ?? "", url: record["html_url"]?.text,
      author: context.people.github(record["user"]),
      isDraft: record["draft"]?.bool ?? false, state: try state(rawState, merged: merged), rawState: rawState,
      createdAt: try record.date("created_at"), updatedAt: try record.date("updated_at"),
      closedAt: try record.date("closed_at"), mergedAt: mergedAt, sourceBranch: head?["ref"]?.text,
      targetBranch: record["base"]?["ref"]?.text, headSHA: head?.sha("sha"),
      landingSHA: merged ? record.sha("merge_commit_sha") : nil, labels: record["labels"]?.labelNames ?? [],
      provenance: context.provenance(index))
  }

  private static func state(_ raw: String, merged: Bool) throws -> ChangeRequestState {
    switch raw {
    case "open": return .open
    case "closed": return merged ? .merged : .closedUnmerged
    default: throw RecordError(reason: "unknown pull request state \"\(raw)\"")
    }
  }
}
