import Foundation

/// The AI tool signatures attribution matches against: the embedded default, optionally extended or
/// overridden by user files (`--signatures FILE`).
///
/// ```swift
/// let catalogue = try SignatureCatalogue.embedded()
///   .merging(SignatureCatalogue.load(contentsOf: URL(fileURLWithPath: "my-signatures.yml")))
/// ```
public struct SignatureCatalogue: Sendable, Hashable, Codable {
  /// Trailer keys whose `Name <email>` values are identities, matched like authors (`Co-authored-by`).
  public var coauthorKeys: [String]
  /// In matching order: for one identity, the first tool whose matcher accepts it wins.
  public var tools: [ToolSignature]

  public init(coauthorKeys: [String] = [], tools: [ToolSignature] = []) {
    self.coauthorKeys = coauthorKeys
    self.tools = tools
  }

  /// The catalogue compiled into the binary, identical to `adapters/assistants/catalogue.yml`.
  public static func embedded() throws -> SignatureCatalogue {
    try parse(yaml: embeddedCatalogueYAML, file: "<embedded catalogue.yml>")
  }

  /// The text of the embedded catalogue, for users to copy and edit.
  public static var embeddedYAML: String { embeddedCatalogueYAML }

  /// Reads a catalogue file; errors name the file and line (`CatalogueError`).
  public static func load(contentsOf url: URL) throws -> SignatureCatalogue {
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw CatalogueError(file: url.path, line: nil, message: "cannot read the file as UTF-8 text")
    }
    return try parse(yaml: text, file: url.path)
  }

  /// This catalogue with `other` laid over it: a tool with the same id is replaced where it stands,
  /// a new id is appended, co-author keys are the union.
  public func merging(_ other: SignatureCatalogue) -> SignatureCatalogue {
    var merged = self
    for tool in other.tools {
      if let index = merged.tools.firstIndex(where: { $0.id == tool.id }) {
        merged.tools[index] = tool
      } else {
        merged.tools.append(tool)
      }
    }
    for key in other.coauthorKeys
    where !merged.coauthorKeys.contains(where: { $0.caseInsensitiveCompare(key) == .orderedSame }) {
      merged.coauthorKeys.append(key)
    }
    return merged
  }

  /// A stable hash of the effective catalogue (16 hex digits), so caches keyed by it are invalidated
  /// whenever the signatures change.
  public var fingerprint: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    // Encoding plain strings, arrays and enums cannot fail.
    let data = (try? encoder.encode(self)) ?? Data()
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// The signature with this id, if any.
  public func tool(_ id: String) -> ToolSignature? {
    tools.first { $0.id == id }
  }
}
