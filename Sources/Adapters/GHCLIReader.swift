import Foundation
import OutcomeModel

/// `gh issue list --json` and `gh pr list --json` items: camelCase fields, `""` for an absent state
/// reason, connections flattened to arrays.
enum GHCLIReader {
  static func read(_ record: JSONValue, index: Int, context: ReaderContext) throws -> ExportRecord {
    guard record.object != nil else {
      throw RecordError(reason: "expected an object, found \(record.kindName)")
    }
    let number = try record.requiredNumber("number")
    let url = record["url"]?.text
    let (host, urlContainer) = hostAndContainer(fromURL: url, markers: ["/issues/", "/pull/"])
    let ref = ItemRef(
      system: .github, host: host, container: context.container ?? urlContainer ?? "", key: String(number))
    let rawState = try record.required("state").rawString ?? ""
    let labels = record["labels"]?.labelNames ?? []
    let prKeys = ["headRefName", "baseRefName", "isDraft", "mergedAt", "mergeCommit", "headRefOid"]
    if prKeys.contains(where: { record[$0] != nil }) || url?.contains("/pull/") == true {
      let state: ChangeRequestState
      switch rawState {
      case "OPEN": state = .open
      case "MERGED": state = .merged
      case "CLOSED": state = .closedUnmerged
      default: throw RecordError(reason: "unknown pull request state \"\(rawState)\"")
      }
      let commits = record["commits"]?.array ?? []
      let commitDates = try commits.compactMap { try $0.date("authoredDate") }
      return .changeRequest(
        ChangeRequest(
          ref: ref, nativeID: record["id"]?.text ?? record["fullDatabaseId"]?.idString,
          title: record["title"]?.rawString ?? "", body: record["body"]?.rawString ?? "", url: url,
          author: context.people.ghCLI(record["author"]), isDraft: record["isDraft"]?.bool ?? false,
          state: state,
          rawState: rawState, createdAt: try record.date("createdAt"),
          updatedAt: try record.date("updatedAt"),
          closedAt: try record.date("closedAt"), mergedAt: try record.date("mergedAt"),
          firstCommitAt: commitDates.min(), sourceBranch: record["headRefName"]?.text,
          targetBranch: record["baseRefName"]?.text, headSHA: record.sha("headRefOid"),
          landingSHA: state == .merged ? record["mergeCommit"]?.sha("oid") : nil,
          commits: commits.compactMap { $0.sha("oid") },
          // gh returns the first 100 commits only.
          commitsTruncated: commits.count >= 100, labels: labels,
          declaredClosingRefs: closingRefs(record["closingIssuesReferences"], fallback: ref),
          provenance: context.provenance(index)))
    }
    let reason = record["stateReason"]?.text
    var state: WorkItemState = .open
    var resolution: WorkItemResolution?
    switch rawState {
    case "OPEN": break
    case "CLOSED":
      resolution = reason.map { context.resolution(name: $0) }
      state = finishedState(resolution)
    default: throw RecordError(reason: "unknown issue state \"\(rawState)\"")
    }
    return .workItem(
      WorkItem(
        ref: ref, nativeID: record["id"]?.text, title: record["title"]?.rawString ?? "", url: url,
        kind: context.kind(typeName: nil, labels: labels), rawState: rawState, state: state,
        rawResolution: reason, resolution: resolution, createdAt: try record.date("createdAt"),
        updatedAt: try record.date("updatedAt"),
        resolvedAt: state == .open ? nil : try record.date("closedAt"),
        author: context.people.ghCLI(record["author"]),
        assignees: (record["assignees"]?.array ?? []).compactMap { context.people.ghCLI($0) }, labels: labels,
        provenance: context.provenance(index)))
  }

  private static func closingRefs(_ value: JSONValue?, fallback: ItemRef) -> [ItemRef] {
    (value?.array ?? []).compactMap { item in
      guard let number = item["number"]?.int else { return nil }
      var container = fallback.container
      if let owner = item["repository"]?["owner"]?["login"]?.text,
        let name = item["repository"]?["name"]?.text
      {
        container = "\(owner)/\(name)"
      }
      return ItemRef(system: .github, host: fallback.host, container: container, key: String(number))
    }
  }
}
