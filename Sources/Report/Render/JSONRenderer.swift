import Foundation

/// The JSON form, following `schemas/report.schema.json`: sorted keys so diffs stay small.
public enum JSONRenderer {
  public static func render(_ report: OutcomeReport) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
  }
}
