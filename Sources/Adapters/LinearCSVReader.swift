import Foundation
import OutcomeModel

/// Linear's CSV export: one issue per row, `Id` like `ENG-123`, lifecycle told by the `Started`,
/// `Completed` and `Canceled` timestamps rather than by status names, which teams rename.
enum LinearCSVReader {
  static let requiredColumns = ["Id", "Title", "Status"]

  static func looksLikeLinear(header: [String]) -> Bool {
    requiredColumns.allSatisfy(header.contains) && (header.contains("Team") || header.contains("Created"))
  }

  static func read(row: [String], header: [String], index: Int, context: ReaderContext) throws -> ExportRecord
  {
    guard row.count == header.count else {
      throw RecordError(reason: "row has \(row.count) cells, the header has \(header.count)")
    }
    var cell: [String: String] = [:]
    for (name, value) in zip(header, row) where cell[name] == nil || cell[name]!.isEmpty {
      cell[name] = unescape(value)
    }
    func date(_ column: String) throws -> Date? {
      guard let text = cell[column], !text.isEmpty else { return nil }
      guard let date = TrackerDate.parse(text) ?? javaScriptDate(text) else {
        throw RecordError(reason: "\"\(column)\" is not a date: \(text)")
      }
      return date
    }
    guard let id = cell["Id"], !id.isEmpty else { throw RecordError(reason: "empty \"Id\"") }
    let labels = (cell["Labels"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    let completed = try date("Completed")
    let canceled = try date("Canceled")
    let started = try date("Started")
    let state: WorkItemState
    let resolution: WorkItemResolution?
    if let canceled, completed == nil || canceled > completed! {
      state = .canceled
      resolution = .notPlanned
    } else if completed != nil {
      state = .done
      resolution = .completed
    } else {
      state = started == nil ? .open : .inProgress
      resolution = nil
    }
    let team = id.split(separator: "-").first.map(String.init) ?? ""
    let person = { (name: String?) -> TrackerPerson? in
      guard let name, !name.isEmpty else { return nil }
      return TrackerPerson(
        system: .linear, handle: name, displayName: name, kind: .unknown, kindRule: "csv name only")
    }
    return .workItem(
      WorkItem(
        ref: ItemRef(system: .linear, container: team, key: id), nativeID: cell["UUID"],
        title: cell["Title"] ?? "", kind: context.kind(typeName: nil, labels: labels),
        rawState: cell["Status"] ?? "", state: state,
        rawResolution: canceled != nil ? "Canceled" : nil, resolution: resolution,
        createdAt: try date("Created"),
        updatedAt: try date("Updated"), startedAt: started,
        resolvedAt: resolution == nil ? nil : (canceled ?? completed),
        author: person(cell["Creator"]), assignees: [person(cell["Assignee"])].compactMap { $0 },
        labels: labels,
        team: cell["Team"].flatMap { $0.isEmpty ? nil : $0 },
        sprint: cell["Cycle Name"].flatMap { $0.isEmpty ? nil : $0 }, provenance: context.provenance(index)))
  }

  /// Spreadsheet-safety quotes: Linear writes `'=cmd` for a cell that starts with `=`, `+`, `-` or `@`.
  static func unescape(_ value: String) -> String {
    guard value.hasPrefix("'"), let second = value.dropFirst().first, "+-=@".contains(second) else {
      return value
    }
    return String(value.dropFirst())
  }

  /// `Tue Jun 06 2023 08:04:21 GMT+0000 (Coordinated Universal Time)`, JavaScript's `Date.toString`.
  static func javaScriptDate(_ text: String) -> Date? {
    let parts = text.split(separator: " ")
    guard parts.count >= 6, parts[5].hasPrefix("GMT") else { return nil }
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    guard let month = months.firstIndex(of: String(parts[1])) else { return nil }
    let offset = parts[5].count > 3 ? String(parts[5].dropFirst(3)) : "Z"
    let iso = "\(parts[3])-\(String(format: "%02d", month + 1))-\(parts[2])T\(parts[4])\(offset)"
    return TrackerDate.parse(iso)
  }
}
