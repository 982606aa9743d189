/// Where in an export file a problem is.
public enum ExportLocation: Hashable, Sendable, CustomStringConvertible {
  /// 1-based line and column (bytes).
  case lineColumn(Int, Int)
  /// Zero-based record index among the file's records.
  case record(Int)
  /// The file as a whole.
  case file

  public var description: String {
    switch self {
    case .lineColumn(let line, let column): return "\(line):\(column)"
    case .record(let index): return "record \(index)"
    case .file: return ""
    }
  }
}

/// A problem with an export: one line naming the file, the place and the reason.
///
/// `description` reads `issues.json:3:17: unexpected end of input inside an object (truncated JSON?)` or
/// `pulls.json: record 4: expected an object with "number", found a string`.
public struct AdapterError: Error, Hashable, Sendable, CustomStringConvertible {
  public var file: String
  public var location: ExportLocation
  public var reason: String

  public init(file: String, location: ExportLocation, reason: String) {
    self.file = file
    self.location = location
    self.reason = reason
  }

  public var description: String {
    let flat = reason.replacingOccurrences(of: "\n", with: " ")
    switch location {
    case .lineColumn: return "\(file):\(location): \(flat)"
    case .record: return "\(file): \(location): \(flat)"
    case .file: return "\(file): \(flat)"
    }
  }
}

/// A record that could not be read: why, and where. Raised inside readers, located by the loader.
struct RecordError: Error {
  var reason: String
}
