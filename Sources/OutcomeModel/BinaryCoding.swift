/// A compact byte format for cache blobs: little-endian varints, length-prefixed strings and bytes.
///
/// The cache holds tens of thousands of entries that must load in milliseconds; Codable through JSON is
/// an order of magnitude slower for this, and the format is private to one tool version (the cache schema
/// number guards it).
public struct BinaryWriter: Sendable {
  public private(set) var bytes: [UInt8] = []

  public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  public mutating func write(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  public mutating func write(_ value: Int) { write(Int64(value)) }

  /// Zig-zag, so small negative numbers (-1 for "none") stay one byte.
  public mutating func write(_ value: Int64) {
    write(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
  }

  public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

  public mutating func write(_ value: String) {
    var copy = value
    copy.withUTF8 { utf8 in
      write(UInt64(utf8.count))
      bytes.append(contentsOf: utf8)
    }
  }

  public mutating func write(_ value: String?) {
    write(value != nil)
    if let value { write(value) }
  }

  public mutating func write(raw: [UInt8]) { bytes.append(contentsOf: raw) }

}

/// Reads what `BinaryWriter` wrote; every read checks bounds, so a damaged blob is an error, not a crash.
public struct BinaryReader {
  public struct Truncated: Error, CustomStringConvertible {
    public let offset: Int
    public var description: String { "cache data ends early or is damaged (byte \(offset))" }
  }

  private let bytes: [UInt8]
  public private(set) var offset = 0

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  public mutating func readUInt64() throws(Truncated) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < bytes.count, shift < 64 else { throw Truncated(offset: offset) }
      let byte = bytes[offset]
      offset += 1
      result |= UInt64(byte & 0x7f) << shift
      if byte < 0x80 { return result }
      shift += 7
    }
  }

  public mutating func readInt64() throws(Truncated) -> Int64 {
    let raw = try readUInt64()
    return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
  }

  public mutating func readInt() throws(Truncated) -> Int { Int(try readInt64()) }

  /// A count that must fit in what is left of the blob (each element takes at least one byte).
  public mutating func readCount() throws(Truncated) -> Int {
    let value = try readUInt64()
    guard value <= UInt64(bytes.count - offset) else { throw Truncated(offset: offset) }
    return Int(value)
  }

  public mutating func readBool() throws(Truncated) -> Bool {
    guard offset < bytes.count else { throw Truncated(offset: offset) }
    defer { offset += 1 }
    return bytes[offset] != 0
  }

  public mutating func readString() throws(Truncated) -> String {
    let count = try readCount()
    defer { offset += count }
    return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
  }

  public mutating func readOptionalString() throws(Truncated) -> String? {
    try readBool() ? try readString() : nil
  }

  public mutating func readRaw(_ count: Int) throws(Truncated) -> ArraySlice<UInt8> {
    guard count >= 0, count <= bytes.count - offset else { throw Truncated(offset: offset) }
    defer { offset += count }
    return bytes[offset..<offset + count]
  }

}
