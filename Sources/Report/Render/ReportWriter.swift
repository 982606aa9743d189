import Foundation

/// Writes a report's files so that a reader never sees a half-written one.
public enum ReportWriter {
  /// Writes `report.md`, `report.json`, `report.csv` and `report.html` (or `formats`) into
  /// `directory`, creating it when needed. Each file goes to a temporary name in the same directory
  /// and is renamed into place. Returns the written files.
  @discardableResult
  public static func writeAll(
    _ report: OutcomeReport, to directory: URL, basename: String = "report",
    formats: [ReportFormat] = ReportFormat.allCases
  ) throws -> [URL] {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    // Render everything before touching the directory, so a rendering error writes nothing.
    let rendered = try formats.map { ($0, try $0.render(report)) }
    var written: [URL] = []
    for (format, text) in rendered {
      let target = directory.appendingPathComponent("\(basename).\(format.fileExtension)")
      try writeAtomically(Data(text.utf8), to: target)
      written.append(target)
    }
    return written
  }

  /// Temp file in the target's directory, then `rename(2)`: atomic on one filesystem.
  public static func writeAtomically(_ data: Data, to target: URL) throws {
    let temp = target.deletingLastPathComponent().appendingPathComponent(
      ".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp")
    do {
      try data.write(to: temp)
      if rename(temp.path, target.path) != 0 {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
      }
    } catch {
      try? FileManager.default.removeItem(at: temp)
      throw error
    }
  }
}
