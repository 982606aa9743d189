/// A parsed JSON value. Numbers keep integers exact, because tracker ids exceed 2^53 in places.
enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  subscript(key: String) -> JSONValue? {
    if case .object(let fields) = self { return fields[key] }
    return nil
  }

  var object: [String: JSONValue]? {
    if case .object(let fields) = self { return fields }
    return nil
  }

  var array: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  /// A string, or nil for null, absent or the empty string (gh and Linear write "" where others write null).
  var text: String? {
    if case .string(let s) = self, !s.isEmpty { return s }
    return nil
  }

  /// A string as written, empty included.
  var rawString: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  var bool: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// Ids are numbers in REST exports and strings in GraphQL ones; both become the same string.
  var idString: String? {
    switch self {
    case .int(let i): return String(i)
    case .string(let s) where !s.isEmpty: return s
    case .double(let d) where d.rounded() == d: return String(Int64(d))
    default: return nil
    }
  }

  var int: Int? {
    switch self {
    case .int(let i): return Int(i)
    case .string(let s): return Int(s)
    default: return nil
    }
  }

  /// A short name for error messages.
  var kindName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .int, .double: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}
