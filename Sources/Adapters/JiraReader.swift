import Foundation
import OutcomeModel

/// Jira Cloud issues from `search` or `search/jql` pages. Done-ness comes from the status category and
/// the resolution's id or mapped name, never from status names, which sites rename and localize.
enum JiraReader {
  static func read(_ record: JSONValue, index: Int, context: ReaderContext) throws -> ExportRecord {
    guard record.object != nil else {
      throw RecordError(reason: "expected an object, found \(record.kindName)")
    }
    guard let key = record["key"]?.text else { throw RecordError(reason: "missing \"key\"") }
    let fields = try record.required("fields")
    guard fields.object != nil else {
      throw RecordError(reason: "\"fields\" is \(fields.kindName), expected an object")
    }
    let project = fields["project"]?["key"]?.text ?? String(key.prefix { $0 != "-" })
    let host = hostAndContainer(fromURL: record["self"]?.text, markers: []).host
    let status = fields["status"]
    let category = status?["statusCategory"]?["key"]?.text
    let rawResolution = fields["resolution"]?["name"]?.text
    let resolutionID = fields["resolution"]?["id"]?.idString
    let labels = (fields["labels"]?.array ?? []).compactMap(\.text)
    let issueType = fields["issuetype"]
    var state: WorkItemState
    var resolution: WorkItemResolution?
    switch category {
    case "done":
      resolution = context.resolution(name: rawResolution, id: resolutionID)
      if rawResolution == nil && resolutionID == nil { resolution = nil }
      state = finishedState(resolution)
    case "indeterminate": state = .inProgress
    case "new": state = .open
    default:
      // Without a category (trimmed exports) only a resolution says the issue is finished.
      if rawResolution != nil || resolutionID != nil {
        resolution = context.resolution(name: rawResolution, id: resolutionID)
        state = finishedState(resolution)
      } else {
        state = .open
      }
    }
    let transitions = try changelog(record["changelog"])
    return .workItem(
      WorkItem(
        ref: ItemRef(system: .jira, host: host, container: project, key: key),
        nativeID: record["id"]?.idString,
        title: fields["summary"]?.rawString ?? "",
        url: host.map { "https://\($0)/browse/\(key)" }, rawType: issueType?["name"]?.text,
        kind: context.kind(
          typeName: issueType?["name"]?.text, typeID: issueType?["id"]?.idString, labels: labels),
        rawState: status?["name"]?.rawString ?? "", rawStateCategory: category, state: state,
        rawResolution: rawResolution, resolution: resolution, createdAt: try fields.date("created"),
        updatedAt: try fields.date("updated"),
        resolvedAt: state == .done || state == .canceled ? try fields.date("resolutiondate") : nil,
        author: context.people.jira(fields["reporter"] ?? fields["creator"]),
        assignees: [context.people.jira(fields["assignee"])].compactMap { $0 }, labels: labels,
        components: (fields["components"]?.array ?? []).compactMap { $0["name"]?.text },
        team: firstValue(fields, context.maps.jiraTeamFields),
        sprint: sprint(fields, context.maps.jiraSprintFields),
        parent: fields["parent"]?["key"]?.text.map {
          ItemRef(system: .jira, host: host, container: String($0.prefix { $0 != "-" }), key: $0)
        }, transitions: transitions, provenance: context.provenance(index)))
  }

  /// Status and resolution changes, oldest first.
  private static func changelog(_ value: JSONValue?) throws -> [Transition] {
    var out: [Transition] = []
    for history in value?["histories"]?.array ?? [] {
      guard let at = try history.date("created") else { continue }
      for item in history["items"]?.array ?? [] {
        guard let field = item["field"]?.text, field == "status" || field == "resolution" else { continue }
        out.append(
          Transition(
            at: at, field: field, from: item["fromString"]?.text, to: item["toString"]?.text,
            fromID: item["from"]?.idString, toID: item["to"]?.idString))
      }
    }
    return out.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
  }

  private static func firstValue(_ fields: JSONValue, _ keys: [String]) -> String? {
    for key in keys {
      guard let value = fields[key] else { continue }
      if let text = value.text ?? value["value"]?.text ?? value["name"]?.text ?? value["title"]?.text {
        return text
      }
      if let first = value.array?.first, let text = first.text ?? first["value"]?.text ?? first["name"]?.text
      {
        return text
      }
    }
    return nil
  }

  /// The sprint an issue ended in: the last of the sprint field's entries.
  private static func sprint(_ fields: JSONValue, _ keys: [String]) -> String? {
    for key in keys {
      guard let value = fields[key] else { continue }
      if let last = value.array?.last, let name = last["name"]?.text ?? last.text { return name }
      if let name = value["name"]?.text ?? value.text { return name }
    }
    return nil
  }
}
