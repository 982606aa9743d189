import Foundation
import OutcomeModel

/// The formats of `outcomes changes`.
public enum FactTableFormat: String, Sendable, CaseIterable {
  case jsonl, csv
}

/// Writes fact-table rows as JSON lines (the contract) or as a flat CSV for spreadsheets.
public final class FactTableWriter {
  private let format: FactTableFormat
  private let sink: OutputSink
  private let encoder: JSONEncoder
  private var wroteHeader = false

  static let csvColumns = [
    "sha", "parents", "authoredAt", "committedAt", "author", "team", "cohort", "tools", "filesChanged",
    "linesAdded", "linesDeleted", "aiLinesAdded", "isMerge", "contributingCommits", "missingBlobs",
    "evidence", "linesMoved", "linesCopied",
  ]

  public init(format: FactTableFormat, sink: OutputSink) {
    self.format = format
    self.sink = sink
    encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  }

  public func write(_ record: ChangeRecord) throws {
    switch format {
    case .jsonl:
      var line = try encoder.encode(record)
      line.append(0x0A)
      try sink.write(line)
    case .csv:
      if !wroteHeader {
        try sink.write(Self.csvColumns.joined(separator: ",") + "\n")
        wroteHeader = true
      }
      try sink.write(Self.csvRow(record))
    }
  }

  public func finish() throws {
    if format == .csv && !wroteHeader {
      try sink.write(Self.csvColumns.joined(separator: ",") + "\n")
    }
    try sink.finish()
  }

  static func csvRow(_ record: ChangeRecord) -> String {
    let fields: [String] = [
      record.sha, record.parents.joined(separator: " "), record.authoredAt, record.committedAt, record.author,
      record.team ?? "", record.cohort?.rawValue ?? "", (record.tools ?? []).joined(separator: ";"),
      "\(record.filesChanged)", "\(record.linesAdded)", "\(record.linesDeleted)",
      record.aiLinesAdded.map(String.init) ?? "", record.isMerge ? "true" : "false",
      "\(record.contributingCommits)", "\(record.missingBlobs ?? 0)",
      (record.evidence ?? []).map { "\($0.tool):\($0.signal.rawValue):\($0.strength.rawValue)" }.joined(
        separator: ";"),
      // Empty, not 0, when not measured; new columns go last so existing positions keep their meaning.
      record.linesMoved.map(String.init) ?? "", record.linesCopied.map(String.init) ?? "",
    ]
    return fields.map(csvEscape).joined(separator: ",") + "\n"
  }

  /// RFC 4180 quoting, as every table the tool writes does (`CSVField`).
  public static func csvEscape(_ field: String) -> String { CSVField.escape(field) }
}
