/// A parsed JSON value. Numbers keep integers exact, because tracker ids exceed 2^53 in places.
enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  subscript(key: String) -> JSONValue? {
    if case .object(let fields) = self { return fields[key] }
    return nil
  }

  var object: JSONObject? {
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

/// A JSON object's members in the order written. Tracker records have a few dozen keys at most, so a
/// linear scan beats hashing every key of every record; a repeated key reads as its last value, as a
/// dictionary built member by member would.
struct JSONObject: Sendable, Hashable {
  /// One `"key": value` pair. A struct rather than a tuple: array storage of a tuple type has its
  /// metadata looked up at run time for every array made.
  struct Member: Sendable {
    var key: String
    var value: JSONValue
  }

  private(set) var members: [Member]
  /// Every key is ASCII, so it equals an ASCII key only with the same byte count (`String`'s `==`
  /// is canonical equivalence, under which a non-ASCII key may equal an ASCII one).
  private var asciiKeys: Bool

  init(members: [Member] = [], asciiKeys: Bool = false) {
    self.members = members
    self.asciiKeys = asciiKeys
  }

  subscript(key: String) -> JSONValue? {
    var i = members.count
    if asciiKeys, let count = Self.asciiCount(key) {
      while i > 0 {
        i -= 1
        if members[i].key.utf8.count == count, members[i].key == key { return members[i].value }
      }
      return nil
    }
    while i > 0 {
      i -= 1
      if members[i].key == key { return members[i].value }
    }
    return nil
  }

  /// The byte count of an all-ASCII string; nil otherwise.
  private static func asciiCount(_ s: String) -> Int? {
    var s = s
    return s.withUTF8 { utf8 in
      for b in utf8 where b >= 0x80 { return nil }
      return utf8.count
    }
  }

  /// Each key once.
  var keys: [String] {
    var seen = Set<String>()
    return members.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
  }

  /// Keys and their (last) values, as a dictionary: equality and hashing ignore member order.
  var dictionary: [String: JSONValue] {
    Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
  }

  static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.dictionary == rhs.dictionary
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(dictionary)
  }
}
