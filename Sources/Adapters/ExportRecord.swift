import Foundation
import OutcomeModel

/// What one export record becomes.
enum ExportRecord {
  case workItem(WorkItem)
  case changeRequest(ChangeRequest)
}

/// Everything a reader needs besides the record.
struct ReaderContext {
  var file: String
  var format: ExportFormat
  var maps: TrackerMaps
  var people: PersonClassifier
  var container: String?

  func provenance(_ index: Int) -> Provenance {
    Provenance(file: file, recordIndex: index, format: format.rawValue)
  }
}

extension JSONValue {
  /// A date field: nil when absent, null or empty; a record error when present but unreadable, so a
  /// bad value is never mistaken for a missing one.
  func date(_ key: String) throws -> Date? {
    guard let text = self[key]?.text else { return nil }
    guard let date = TrackerDate.parse(text) else {
      throw RecordError(reason: "\"\(key)\" is not a date: \(text)")
    }
    return date
  }

  func required(_ key: String) throws -> JSONValue {
    guard let value = self[key], !value.isNull else { throw RecordError(reason: "missing \"\(key)\"") }
    return value
  }

  func requiredNumber(_ key: String) throws -> Int {
    let value = try required(key)
    guard let n = value.int else {
      throw RecordError(reason: "\"\(key)\" is \(value.kindName), expected a number")
    }
    return n
  }

  /// Label names from `[{name}]`, `[{title}]` or `["name"]`.
  var labelNames: [String] {
    (array ?? []).compactMap { $0.text ?? $0["name"]?.text ?? $0["title"]?.text }
  }

  func sha(_ key: String) -> CommitID? {
    self[key]?.text.flatMap { CommitID(hex: $0) }
  }
}

/// Finished states follow the resolution: won't do, not planned and duplicate are `canceled`.
func finishedState(_ resolution: WorkItemResolution?) -> WorkItemState {
  switch resolution {
  case .wontFix, .notPlanned, .duplicate: return .canceled
  default: return .done
  }
}

/// `https://github.com/owner/repo/issues/5` → (`github.com`, `owner/repo`).
func hostAndContainer(fromURL url: String?, markers: [String]) -> (host: String?, container: String?) {
  guard let url, let components = URLComponents(string: url), let host = components.host else {
    return (nil, nil)
  }
  var path = components.path
  if path.hasPrefix("/repos/") { path.removeFirst(6) }
  for marker in markers {
    if let range = path.range(of: marker) {
      let container = path[..<range.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: "/"))
      return (host == "api.github.com" ? "github.com" : host, container)
    }
  }
  let trimmed = path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
  return (host == "api.github.com" ? "github.com" : host, trimmed.isEmpty ? nil : trimmed)
}
