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
///
/// Split by hand rather than with a `URLComponents` parse per record.
func hostAndContainer(fromURL url: String?, markers: [String]) -> (host: String?, container: String?) {
  guard let url, let scheme = url.range(of: "://") else { return (nil, nil) }
  let rest = url[scheme.upperBound...]
  let slash = rest.firstIndex(of: "/") ?? rest.endIndex
  let rawHost = String(rest[..<slash])
  let host = rawHost == "api.github.com" ? "github.com" : rawHost
  var path = rest[slash...]
  if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
  if path.hasPrefix("/repos/") { path = path.dropFirst(6) }
  for marker in markers {
    if let range = path.range(of: marker) {
      return (host, trimSlashes(path[..<range.lowerBound]))
    }
  }
  let trimmed = trimSlashes(path)
  return (host, trimmed.isEmpty ? nil : trimmed)
}

private func trimSlashes(_ s: Substring) -> String {
  var t = s
  while t.first == "/" { t = t.dropFirst() }
  while t.last == "/" { t = t.dropLast() }
  return String(t)
}
