/// A commit's object id as 40 lowercase hexadecimal digits.
///
/// A typed id keeps shas from being confused with other strings (paths, PR numbers, pseudonyms).
public struct CommitID: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let hex: String

  /// Accepts exactly 40 hexadecimal digits, in either case.
  public init?(hex: String) {
    guard hex.utf8.count == 40, hex.utf8.allSatisfy(Self.isHexDigit) else { return nil }
    self.hex = hex.lowercased()
  }

  /// For ids that come straight from libgit2, which are always well formed.
  public init(trusted hex: String) {
    self.hex = hex
  }

  public var short: String { String(hex.prefix(10)) }
  public var description: String { hex }

  public static func < (lhs: CommitID, rhs: CommitID) -> Bool { lhs.hex < rhs.hex }

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102) || (byte >= 65 && byte <= 70)
  }
}

extension CommitID: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let raw = try container.decode(String.self)
    guard let id = CommitID(hex: raw) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "not a 40-digit commit id: \(raw)")
    }
    self = id
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(hex)
  }
}
