/// A JSON reader over bytes that accepts several top-level values back to back (`gh api --paginate`,
/// NDJSON) and reports syntax errors by line and column.
///
/// Foundation's parsers reject concatenated values and name no position on Linux; this one does both.
/// It reads through a buffer pointer (no bounds or uniqueness checks per byte in release builds) and
/// gathers the members of objects and arrays on shared stacks, so each finished object or array is
/// allocated once at its exact size.
struct JSONScanner {
  struct SyntaxError: Error {
    var offset: Int
    var reason: String
  }

  let bytes: UnsafeBufferPointer<UInt8>
  var pos = 0
  /// Members of the objects being read, innermost last.
  let memberStack = ScratchStack<JSONObject.Member>()
  /// Items of the arrays being read, innermost last.
  let itemStack = ScratchStack<JSONValue>()
  /// Whether the string `parseString` last returned is all ASCII.
  private var lastStringWasASCII = true

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  /// Every top-level value with the offset where it starts. A value that fails to parse ends the scan:
  /// the values before it are returned together with the error.
  static func values(in bytes: [UInt8]) -> (values: [(offset: Int, value: JSONValue)], error: SyntaxError?) {
    bytes.withUnsafeBufferPointer { values(in: $0) }
  }

  static func values(in bytes: UnsafeBufferPointer<UInt8>) -> (
    values: [(offset: Int, value: JSONValue)], error: SyntaxError?
  ) {
    var scanner = JSONScanner(bytes)
    var out: [(Int, JSONValue)] = []
    scanner.skipBOM()
    while true {
      scanner.skipSpace()
      if scanner.pos >= bytes.count { return (out, nil) }
      let start = scanner.pos
      do {
        out.append((start, try scanner.parseValue(depth: 0)))
      } catch let error as SyntaxError {
        return (out, error)
      } catch {
        return (out, SyntaxError(offset: start, reason: "\(error)"))
      }
    }
  }

  /// 1-based line and column of a byte offset, counting columns in bytes.
  static func lineColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    var line = 1
    var lineStart = 0
    var i = 0
    let end = min(offset, bytes.count)
    while i < end {
      if bytes[i] == 0x0A {
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    return (line, end - lineStart + 1)
  }

  mutating func skipBOM() {
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
  }

  @inline(__always)
  mutating func skipSpace() {
    while pos < bytes.count {
      switch bytes[pos] {
      case 0x20, 0x0A, 0x0D, 0x09: pos += 1
      default: return
      }
    }
  }

  func fail(_ reason: String, at offset: Int? = nil) -> SyntaxError {
    SyntaxError(offset: offset ?? pos, reason: reason)
  }

  mutating func parseValue(depth: Int) throws -> JSONValue {
    guard depth < 512 else { throw fail("nesting deeper than 512") }
    skipSpace()
    guard pos < bytes.count else { throw fail("unexpected end of input (truncated JSON?)") }
    switch bytes[pos] {
    case UInt8(ascii: "{"): return try parseObject(depth: depth)
    case UInt8(ascii: "["): return try parseArray(depth: depth)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw fail("unexpected character '\(Character(Unicode.Scalar(bytes[pos])))'")
    }
  }

  private mutating func literal(_ word: StaticString, _ value: JSONValue) throws -> JSONValue {
    let count = word.utf8CodeUnitCount
    guard pos + count <= bytes.count else { throw fail("unexpected end of input (truncated JSON?)") }
    let expected = word.utf8Start
    for i in 0..<count where bytes[pos + i] != expected[i] {
      throw fail("invalid literal")
    }
    pos += count
    return value
  }

  private mutating func parseObject(depth: Int) throws -> JSONValue {
    pos += 1
    skipSpace()
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
      pos += 1
      return .object(JSONObject())
    }
    let base = memberStack.count
    var asciiKeys = true
    // A syntax error leaves partial members here: the recovering reader drops them (`attempt`).
    while true {
      skipSpace()
      guard pos < bytes.count else {
        throw fail("unexpected end of input inside an object (truncated JSON?)")
      }
      guard bytes[pos] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
      let key = try parseString()
      asciiKeys = asciiKeys && lastStringWasASCII
      skipSpace()
      guard pos < bytes.count else {
        throw fail("unexpected end of input inside an object (truncated JSON?)")
      }
      guard bytes[pos] == UInt8(ascii: ":") else { throw fail("expected ':' after key \"\(key)\"") }
      pos += 1
      let value = try parseValue(depth: depth + 1)
      memberStack.push(JSONObject.Member(key: key, value: value))
      skipSpace()
      guard pos < bytes.count else {
        throw fail("unexpected end of input inside an object (truncated JSON?)")
      }
      switch bytes[pos] {
      case UInt8(ascii: ","): pos += 1
      case UInt8(ascii: "}"):
        pos += 1
        let members = memberStack.pop(from: base)
        return .object(JSONObject(members: members, asciiKeys: asciiKeys))
      default: throw fail("expected ',' or '}' in an object")
      }
    }
  }

  private mutating func parseArray(depth: Int) throws -> JSONValue {
    pos += 1
    skipSpace()
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
      pos += 1
      return .array([])
    }
    let base = itemStack.count
    while true {
      let item = try parseValue(depth: depth + 1)
      itemStack.push(item)
      skipSpace()
      guard pos < bytes.count else { throw fail("unexpected end of input inside an array (truncated JSON?)") }
      switch bytes[pos] {
      case UInt8(ascii: ","): pos += 1
      case UInt8(ascii: "]"):
        pos += 1
        let items = itemStack.pop(from: base)
        return .array(items)
      default: throw fail("expected ',' or ']' in an array")
      }
    }
  }

  private mutating func parseString() throws -> String {
    let start = pos
    pos += 1
    let contentStart = pos
    // Fast path: no escapes, decode the slice directly.
    var high: UInt8 = 0
    while pos < bytes.count {
      let b = bytes[pos]
      if b == UInt8(ascii: "\"") {
        let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<pos]), as: UTF8.self)
        pos += 1
        lastStringWasASCII = high < 0x80
        return s
      }
      high |= b
      if b == UInt8(ascii: "\\") { break }
      if b < 0x20 { throw fail("control character inside a string") }
      pos += 1
    }
    guard pos < bytes.count else { throw fail("unterminated string (truncated JSON?)", at: start) }
    var buffer = Array(bytes[contentStart..<pos])
    while pos < bytes.count {
      let b = bytes[pos]
      if b == UInt8(ascii: "\"") {
        pos += 1
        lastStringWasASCII = buffer.allSatisfy { $0 < 0x80 }
        return String(decoding: buffer, as: UTF8.self)
      }
      if b < 0x20 { throw fail("control character inside a string") }
      if b != UInt8(ascii: "\\") {
        buffer.append(b)
        pos += 1
        continue
      }
      pos += 1
      guard pos < bytes.count else { break }
      let e = bytes[pos]
      pos += 1
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(e)
      case UInt8(ascii: "b"): buffer.append(0x08)
      case UInt8(ascii: "f"): buffer.append(0x0C)
      case UInt8(ascii: "n"): buffer.append(0x0A)
      case UInt8(ascii: "r"): buffer.append(0x0D)
      case UInt8(ascii: "t"): buffer.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar), pos + 6 <= bytes.count, bytes[pos] == UInt8(ascii: "\\"),
          bytes[pos + 1] == UInt8(ascii: "u")
        {
          pos += 2
          let low = try hex4()
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
        }
        let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        buffer.append(contentsOf: Array(String(character).utf8))
      default: throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
      }
    }
    throw fail("unterminated string (truncated JSON?)", at: start)
  }

  private mutating func hex4() throws -> UInt32 {
    guard pos + 4 <= bytes.count else { throw fail("unexpected end of input in \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[pos]
      let digit: UInt32
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
      default: throw fail("invalid \\u escape")
      }
      value = value << 4 | digit
      pos += 1
    }
    return value
  }

  private mutating func parseNumber() throws -> JSONValue {
    let start = pos
    var isInteger = true
    if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
    while pos < bytes.count {
      switch bytes[pos] {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): pos += 1
      case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"):
        isInteger = false
        pos += 1
      default:
        return try number(start: start, isInteger: isInteger)
      }
    }
    return try number(start: start, isInteger: isInteger)
  }

  private func number(start: Int, isInteger: Bool) throws -> JSONValue {
    if isInteger, let i = integer(start: start) { return .int(i) }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
    if isInteger, let i = Int64(text) { return .int(i) }
    guard let d = Double(text) else { throw fail("invalid number '\(text)'", at: start) }
    return .double(d)
  }

  /// `-?[0-9]+` as an `Int64` without making a string; nil (left to `Int64(String)` and `Double`) when
  /// there are no digits or it overflows.
  private func integer(start: Int) -> Int64? {
    var i = start
    let negative = bytes[i] == UInt8(ascii: "-")
    if negative { i += 1 }
    guard i < pos else { return nil }
    // Accumulated as a negative number so that Int64.min fits.
    var value: Int64 = 0
    while i < pos {
      let (times10, o1) = value.multipliedReportingOverflow(by: 10)
      let (next, o2) = times10.subtractingReportingOverflow(Int64(bytes[i] &- UInt8(ascii: "0")))
      if o1 || o2 { return nil }
      value = next
      i += 1
    }
    if negative { return value }
    return value == .min ? nil : -value
  }
}

/// A stack that hands its top elements over as an exact-size array by moving them (no retain and
/// release per element, as copying a slice out of an `Array` and removing it would cost).
final class ScratchStack<Element> {
  private var storage: UnsafeMutablePointer<Element>
  private var capacity = 64
  private(set) var count = 0

  init() {
    storage = .allocate(capacity: capacity)
  }

  deinit {
    storage.deinitialize(count: count)
    storage.deallocate()
  }

  func push(_ element: consuming Element) {
    if count == capacity {
      let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
      grown.moveInitialize(from: storage, count: count)
      storage.deallocate()
      storage = grown
      capacity *= 2
    }
    (storage + count).initialize(to: element)
    count += 1
  }

  /// The elements from `base` up, in order, removed from the stack.
  func pop(from base: Int) -> [Element] {
    let n = count - base
    if n == 0 { return [] }
    let out = [Element](unsafeUninitializedCapacity: n) { buffer, initialized in
      buffer.baseAddress!.moveInitialize(from: storage + base, count: n)
      initialized = n
    }
    count = base
    return out
  }
}
