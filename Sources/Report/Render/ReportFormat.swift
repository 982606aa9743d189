import Foundation

/// The output formats of a team report.
public enum ReportFormat: String, Sendable, CaseIterable {
  case md, json, csv, html

  public var fileExtension: String { rawValue }

  /// Renders `report` in this format.
  public func render(_ report: OutcomeReport) throws -> String {
    switch self {
    case .md: return MarkdownRenderer.render(report)
    case .json: return try JSONRenderer.render(report)
    case .csv: return CSVRenderer.render(report)
    case .html: return HTMLRenderer.render(report)
    }
  }
}
