import Adapters
import OutcomeModel

/// Which tracker and pull-request exports to read (`--issues`, `--tracker-format`, `--skip-bad-records`).
public struct TrackerRequest: Sendable {
  /// Files, folders and glob patterns.
  public var paths: [String]
  /// Forces one format instead of detecting it from each file's content.
  public var format: ExportFormat?
  public var skipBadRecords: Bool
  /// Pull-request labels the user names as AI marks (`--ai-label`), for PR facts as for attribution.
  public var aiLabels: [String]

  public init(
    paths: [String], format: ExportFormat? = nil, skipBadRecords: Bool = false, aiLabels: [String] = []
  ) {
    self.paths = paths
    self.format = format
    self.skipBadRecords = skipBadRecords
    self.aiLabels = aiLabels
  }
}

/// The exports of one run, read and merged before any history is mined so a bad file fails fast.
public struct TrackerSetup: Sendable {
  public let request: TrackerRequest
  /// Pull-request marks from the same catalogue the commits are attributed with.
  public let signatures: AgentSignatures
  public let exports: LoadedExports
  /// At most two lines: skipped records are counted and the first is named, rather than listed; then
  /// the files that held no record.
  public let warnings: [String]

  /// Reads every export; a bad one is `PipelineError.badInput` naming the file and place (exit code 1).
  public init(_ request: TrackerRequest, signatures: AgentSignatures) throws {
    self.request = request
    self.signatures = signatures
    do {
      exports = try ExportLoader.load(
        paths: request.paths,
        options: ExportLoadOptions(
          format: request.format, skipBadRecords: request.skipBadRecords, signatures: signatures))
    } catch let error as AdapterError {
      throw PipelineError.badInput(error.description)
    }
    var warnings: [String] = []
    if let first = exports.skipped.first {
      let lost = exports.files.reduce(0) { $0 + $1.skipped }
      let read = exports.files.reduce(0) { $0 + $1.workItems + $1.changeRequests }
      let atLeast = exports.files.contains { $0.skippedAtLeast } ? "at least " : ""
      warnings.append(
        "\(atLeast)\(lost) tracker record(s) could not be read and were skipped, \(read) read (--skip-bad-records); first: \(first.description)"
      )
    }
    if let first = exports.emptyFiles.first {
      let more = exports.emptyFiles.count > 1 ? " (and \(exports.emptyFiles.count - 1) more)" : ""
      warnings.append("\(first): no records: the file is empty or holds no issue or pull request\(more)")
    }
    self.warnings = warnings
  }
}
