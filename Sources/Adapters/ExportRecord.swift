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

  /// Shared by every record of a file: types, labels and resolution names repeat across thousands of
  /// records, and normalizing a name is string work.
  let lookups = VocabularyCache()

  func provenance(_ index: Int) -> Provenance {
    Provenance(file: file, recordIndex: index, format: format.rawValue)
  }

  /// `maps.kind(typeName:typeID:labels:)`, remembered.
  func kind(typeName: String?, typeID: String? = nil, labels: [String]) -> WorkItemKind {
    let key = VocabularyCache.KindKey(typeName: typeName, typeID: typeID, labels: labels)
    if let kind = lookups.kinds[key] { return kind }
    let kind = maps.kind(typeName: typeName, typeID: typeID, labels: labels)
    lookups.kinds[key] = kind
    return kind
  }

  /// `maps.resolution(name:id:)`, remembered.
  func resolution(name: String?, id: String? = nil) -> WorkItemResolution {
    let key = VocabularyCache.ResolutionKey(name: name, id: id)
    if let resolution = lookups.resolutions[key] { return resolution }
    let resolution = maps.resolution(name: name, id: id)
    lookups.resolutions[key] = resolution
    return resolution
  }
}

/// Results of `TrackerMaps` lookups for one reader context (so for one set of maps).
///
/// Keys compare strings by their exact bytes, not by canonical equivalence as `String` does: the
/// normalization behind a lookup works on scalars, so two spellings of one name may map differently.
final class VocabularyCache {
  struct KindKey: Hashable {
    var typeName: String?
    var typeID: String?
    var labels: [String]

    static func == (lhs: KindKey, rhs: KindKey) -> Bool {
      sameBytes(lhs.typeName, rhs.typeName) && sameBytes(lhs.typeID, rhs.typeID)
        && lhs.labels.elementsEqual(rhs.labels, by: sameBytes)
    }

    func hash(into hasher: inout Hasher) {
      hashBytes(typeName, into: &hasher)
      hashBytes(typeID, into: &hasher)
      for label in labels { hashBytes(label, into: &hasher) }
    }
  }

  struct ResolutionKey: Hashable {
    var name: String?
    var id: String?

    static func == (lhs: ResolutionKey, rhs: ResolutionKey) -> Bool {
      sameBytes(lhs.name, rhs.name) && sameBytes(lhs.id, rhs.id)
    }

    func hash(into hasher: inout Hasher) {
      hashBytes(name, into: &hasher)
      hashBytes(id, into: &hasher)
    }
  }

  var kinds: [KindKey: WorkItemKind] = [:]
  var resolutions: [ResolutionKey: WorkItemResolution] = [:]

  private static func sameBytes(_ a: String?, _ b: String?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let a?, let b?): return sameBytes(a, b)
    default: return false
    }
  }

  private static func sameBytes(_ a: String, _ b: String) -> Bool {
    a.utf8.elementsEqual(b.utf8)
  }

  private static func hashBytes(_ s: String?, into hasher: inout Hasher) {
    guard var s else { return hasher.combine(-1) }
    hasher.combine(s.utf8.count)
    s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
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
/// Split by hand rather than with a `URLComponents` parse per record: ASCII urls (all real ones) byte by
/// byte, anything else by `String` searches.
func hostAndContainer(fromURL url: String?, markers: [String]) -> (host: String?, container: String?) {
  guard let url else { return (nil, nil) }
  var ascii = url
  if let split = ascii.withUTF8({ asciiHostAndContainer($0, markers: markers) }) { return split }
  guard let scheme = url.range(of: "://") else { return (nil, nil) }
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

/// The same split over the bytes of an ASCII url; nil (not handled) when a byte is not ASCII.
private func asciiHostAndContainer(_ bytes: UnsafeBufferPointer<UInt8>, markers: [String]) -> (
  host: String?, container: String?
)? {
  for b in bytes where b >= 0x80 { return nil }
  func find(_ needle: StaticString, in range: Range<Int>) -> Int? {
    find(UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount), in: range)
  }
  func find(_ needle: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int? {
    guard needle.count > 0 else { return nil }
    var i = range.lowerBound
    while i + needle.count <= range.upperBound {
      var j = 0
      while j < needle.count, bytes[i + j] == needle[j] { j += 1 }
      if j == needle.count { return i }
      i += 1
    }
    return nil
  }
  func string(_ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }
  func trimmed(_ range: Range<Int>) -> String {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, bytes[lower] == UInt8(ascii: "/") { lower += 1 }
    while upper > lower, bytes[upper - 1] == UInt8(ascii: "/") { upper -= 1 }
    return string(lower..<upper)
  }
  guard let scheme = find("://", in: 0..<bytes.count) else { return (nil, nil) }
  let restStart = scheme + 3
  var slash = restStart
  while slash < bytes.count, bytes[slash] != UInt8(ascii: "/") { slash += 1 }
  let rawHost = string(restStart..<slash)
  let host = rawHost == "api.github.com" ? "github.com" : rawHost
  var pathStart = slash
  var pathEnd = slash
  while pathEnd < bytes.count, bytes[pathEnd] != UInt8(ascii: "?"), bytes[pathEnd] != UInt8(ascii: "#") {
    pathEnd += 1
  }
  if find("/repos/", in: pathStart..<pathEnd) == pathStart { pathStart += 6 }
  for marker in markers {
    var marker = marker
    if let at = marker.withUTF8({ find($0, in: pathStart..<pathEnd) }) {
      return (host, trimmed(pathStart..<at))
    }
  }
  let container = trimmed(pathStart..<pathEnd)
  return (host, container.isEmpty ? nil : container)
}

private func trimSlashes(_ s: Substring) -> String {
  var t = s
  while t.first == "/" { t = t.dropFirst() }
  while t.last == "/" { t = t.dropLast() }
  return String(t)
}
