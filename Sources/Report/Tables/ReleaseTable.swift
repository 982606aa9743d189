import Foundation
import OutcomeModel

/// One row of `outcomes releases`: lines at a tag that were written since the previous tag.
public struct ReleaseRow: Codable, Hashable, Sendable {
  public var tag: String
  /// The previous matching tag in history order; null for the first, whose range is all its history.
  public var previous: String?
  public var commit: String
  /// Lines present at the tag whose origin commit is in git's `previous..tag`.
  public var lines: Int
  public var aiLines: Int
  /// `aiLines / lines`; null when the release has no new lines.
  public var aiShare: Double?

  public init(tag: String, previous: String?, commit: String, lines: Int, aiLines: Int, aiShare: Double?) {
    self.tag = tag
    self.previous = previous
    self.commit = commit
    self.lines = lines
    self.aiLines = aiLines
    self.aiShare = aiShare
  }

  private enum CodingKeys: String, CodingKey { case tag, previous, commit, lines, aiLines, aiShare }

  // Every key always present: null says "first release" or "no new lines", not "field missing".
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(tag, forKey: .tag)
    try c.encode(previous, forKey: .previous)
    try c.encode(commit, forKey: .commit)
    try c.encode(lines, forKey: .lines)
    try c.encode(aiLines, forKey: .aiLines)
    try c.encode(aiShare, forKey: .aiShare)
  }
}

/// The output formats of `outcomes releases`.
public enum ReleaseFormat: String, CaseIterable, Sendable {
  case json, csv, md
}

/// The release table of `outcomes releases` in each of its formats.
public enum ReleaseTable {
  public static func render(_ rows: [ReleaseRow], format: ReleaseFormat) throws -> String {
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      return String(decoding: try encoder.encode(rows), as: UTF8.self) + "\n"
    case .csv:
      var text = "tag,previous,commit,lines,aiLines,aiShare\n"
      for row in rows {
        text +=
          "\(CSVField.escape(row.tag)),\(CSVField.escape(row.previous ?? "")),\(row.commit),\(row.lines),\(row.aiLines),\(row.aiShare.map { String(format: "%.4f", $0) } ?? "")\n"
      }
      return text
    case .md:
      var text = "| release | since | new lines | AI lines | AI share |\n|---|---|---:|---:|---:|\n"
      for row in rows {
        let share = row.aiShare.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
        text += "| \(row.tag) | \(row.previous ?? "(start)") | \(row.lines) | \(row.aiLines) | \(share) |\n"
      }
      text +=
        "\nNew lines: lines present at the tag whose origin commit is reachable from it but not from the previous tag. AI lines: those whose origin commit is AI-attributed (or marked line by line in git-ai notes).\n"
      return text
    }
  }
}
