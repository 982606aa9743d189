import Foundation
import OutcomeModel

/// How to read exports.
public struct ExportLoadOptions: Sendable {
  /// Forces a format instead of detecting it from each file's content.
  public var format: ExportFormat?
  /// Continue past records that cannot be read, counting them in `LoadedExports.skipped`.
  public var skipBadRecords: Bool
  public var maps: TrackerMaps
  public var signatures: AgentSignatures
  /// The repository or project to file items under when the export does not name one (GitLab project
  /// exports; gh output without urls).
  public var container: String?

  public init(
    format: ExportFormat? = nil, skipBadRecords: Bool = false, maps: TrackerMaps = .defaults,
    signatures: AgentSignatures = .defaults, container: String? = nil
  ) {
    self.format = format
    self.skipBadRecords = skipBadRecords
    self.maps = maps
    self.signatures = signatures
    self.container = container
  }
}

/// What one file contributed.
public struct ExportFileSummary: Hashable, Sendable {
  public var file: String
  /// nil for an empty file.
  public var format: ExportFormat?
  public var records: Int
  public var workItems: Int
  public var changeRequests: Int
  /// Records lost in skip-bad-records mode: unreadable ones, and those a syntax error cost.
  public var skipped: Int
  /// A syntax error cost records that could not be counted: `skipped` is a lower bound.
  public var skippedAtLeast = false
}

/// Everything read from a set of exports, merged and de-duplicated by identity.
public struct LoadedExports: Sendable {
  /// Sorted by ref.
  public var workItems: [WorkItem]
  public var changeRequests: [ChangeRequest]
  /// Records (or, after a syntax error, the rest of a file) left out in skip-bad-records mode.
  public var skipped: [AdapterError]
  public var files: [ExportFileSummary]
  /// Records that repeated an identity already read (overlapping pages, several files) and were merged.
  public var duplicates: Int
  /// Files that held no record, skipped in skip-bad-records mode (otherwise they are an error).
  public var emptyFiles: [String] = []

  public init(
    workItems: [WorkItem] = [], changeRequests: [ChangeRequest] = [], skipped: [AdapterError] = [],
    files: [ExportFileSummary] = [], duplicates: Int = 0
  ) {
    self.workItems = workItems
    self.changeRequests = changeRequests
    self.skipped = skipped
    self.files = files
    self.duplicates = duplicates
  }
}

/// Reads tracker and pull-request exports into `WorkItem`s and `ChangeRequest`s.
///
/// ```swift
/// let loaded = try ExportLoader.load(paths: ["exports/", "jira-*.json"], options: .init(skipBadRecords: true))
/// ```
public enum ExportLoader {
  /// Reads files, folders (recursively: `.json`, `.ndjson`, `.jsonl`, `.csv`) and glob patterns.
  /// Throws `AdapterError` on the first bad record unless `skipBadRecords` is set.
  public static func load(paths: [String], options: ExportLoadOptions = ExportLoadOptions()) throws
    -> LoadedExports
  {
    var merger = ExportMerger()
    for file in try ExportPaths.expand(paths) {
      guard let bytes = contents(of: file) else {
        throw AdapterError(file: file, location: .file, reason: "cannot read the file")
      }
      try read(bytes: bytes, file: file, options: options, into: &merger)
    }
    return merger.result()
  }

  /// Reads one export held in memory; `file` names it in errors and provenance.
  public static func load(bytes: [UInt8], file: String, options: ExportLoadOptions = ExportLoadOptions())
    throws
    -> LoadedExports
  {
    var merger = ExportMerger()
    try read(bytes: bytes, file: file, options: options, into: &merger)
    return merger.result()
  }

  static func read(bytes: [UInt8], file: String, options: ExportLoadOptions, into merger: inout ExportMerger)
    throws
  {
    let firstByte = bytes.first {
      $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF
    }
    let isJSON = firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[")
    var summary = ExportFileSummary(
      file: file, format: nil, records: 0, workItems: 0, changeRequests: 0, skipped: 0)
    defer { merger.files.append(summary) }
    func take(_ record: () throws -> ExportRecord, location: ExportLocation) throws {
      summary.records += 1
      do {
        switch try record() {
        case .workItem(let item):
          summary.workItems += 1
          merger.add(item)
        case .changeRequest(let request):
          summary.changeRequests += 1
          merger.add(request)
        }
      } catch let error as RecordError {
        let problem = AdapterError(file: file, location: location, reason: error.reason)
        guard options.skipBadRecords else { throw problem }
        summary.skipped += 1
        merger.skipped.append(problem)
      }
    }
    // Checked when the file is done: a file that yields nothing is a mistake more often than an export.
    defer {
      if summary.records == 0 && summary.skipped == 0 && options.skipBadRecords {
        merger.emptyFiles.append(file)
      }
    }
    func requireRecords() throws {
      guard summary.records == 0 && summary.skipped == 0 && !options.skipBadRecords else { return }
      throw AdapterError(
        file: file, location: .file,
        reason:
          "no records: the file is empty or holds no issue or pull request (--skip-bad-records goes on without it)"
      )
    }
    if firstByte == nil { return try requireRecords() }
    if firstByte == UInt8(ascii: "<") {
      throw AdapterError(
        file: file, location: .lineColumn(1, 1),
        reason:
          "XML is not supported (a Jira XML export?): export JSON instead, e.g. the pages of Jira's REST search/jql"
      )
    }
    if options.format == .linearCSV || (options.format == nil && !isJSON) {
      let table: CSVTable
      do {
        table = try CSVTable.parse(bytes)
      } catch let error as CSVTable.SyntaxError {
        throw AdapterError(file: file, location: .lineColumn(error.line, error.column), reason: error.reason)
      }
      guard LinearCSVReader.looksLikeLinear(header: table.header) else {
        let reason =
          options.format == .linearCSV
          ? "not a Linear CSV export: the header lacks \(LinearCSVReader.requiredColumns.joined(separator: ", "))"
          : "unknown export format: neither JSON nor a Linear CSV header (use --tracker-format to force one)"
        throw AdapterError(file: file, location: .lineColumn(1, 1), reason: reason)
      }
      summary.format = .linearCSV
      let context = ReaderContext(
        file: file, format: .linearCSV, maps: options.maps,
        people: PersonClassifier(signatures: options.signatures),
        container: options.container)
      for (index, row) in table.rows.enumerated() {
        try take(
          { try LinearCSVReader.read(row: row.cells, header: table.header, index: index, context: context) },
          location: .lineColumn(row.line, 1))
      }
      return try requireRecords()
    }
    var (records, losses) = scanRecords(bytes, recovering: options.skipBadRecords)
    merger.reserve(records.count)
    var format = options.format
    if format == nil, let first = records.first {
      guard let detected = ExportFormat.detect(record: first) else {
        let keys = first.object.map { $0.keys.sorted().prefix(8).joined(separator: ", ") } ?? first.kindName
        throw AdapterError(
          file: file, location: .record(0),
          reason: "unknown export format (first record: \(keys)); use --tracker-format to force one")
      }
      format = detected
    }
    if let format {
      summary.format = format
      let context = ReaderContext(
        file: file, format: format, maps: options.maps,
        people: PersonClassifier(signatures: options.signatures),
        container: options.container)
      for index in records.indices {
        // Each record's tree is let go once read, so the trees of a large file never all sit beside
        // the records made from them.
        let record = records[index]
        records[index] = .null
        try take({ try readJSON(record, index: index, context: context) }, location: .record(index))
      }
    }
    for loss in losses {
      let (line, column) = JSONScanner.lineColumn(of: loss.error.offset, in: bytes)
      guard options.skipBadRecords else {
        throw AdapterError(file: file, location: .lineColumn(line, column), reason: loss.error.reason)
      }
      summary.skipped += loss.records
      summary.skippedAtLeast = summary.skippedAtLeast || loss.atLeast
      merger.skipped.append(
        AdapterError(
          file: file, location: .lineColumn(line, column),
          reason: "\(loss.error.reason); \(describe(loss, in: bytes))"))
    }
    try requireRecords()
  }

  /// What a syntax error cost, and where reading went on.
  private static func describe(_ loss: JSONScanner.Loss, in bytes: [UInt8]) -> String {
    let count = "\(loss.atLeast ? "at least " : "")\(loss.records) record(s)"
    guard let resumed = loss.resumedAt else {
      return loss.records == 0 && !loss.atLeast
        ? "the rest of the file was skipped" : "the rest of the file was skipped (\(count) lost)"
    }
    let (line, column) = JSONScanner.lineColumn(of: resumed, in: bytes)
    return "\(count) lost, reading resumed at \(line):\(column)"
  }

  /// The file's records, and the syntax errors met. Without recovery the first error ends the scan;
  /// with it, reading resumes after each where the syntax allows. Only the records keep the parsed
  /// trees: the top-level values around them are let go here.
  private static func scanRecords(_ bytes: [UInt8], recovering: Bool) -> (
    records: [JSONValue], losses: [JSONScanner.Loss]
  ) {
    if recovering {
      let scanned = JSONScanner.recoveringValues(in: bytes)
      return (scanned.values.flatMap { unwrap($0.value) }, scanned.losses)
    }
    let scanned = JSONScanner.values(in: bytes)
    return (
      scanned.values.flatMap { unwrap($0.value) },
      scanned.error.map { [JSONScanner.Loss(error: $0, records: 1)] } ?? []
    )
  }

  private static func readJSON(_ record: JSONValue, index: Int, context: ReaderContext) throws -> ExportRecord
  {
    switch context.format {
    case .githubREST: return try GitHubRESTReader.read(record, index: index, context: context)
    case .ghCLI: return try GHCLIReader.read(record, index: index, context: context)
    case .gitlabREST, .gitlabExport: return try GitLabReader.read(record, index: index, context: context)
    case .jira: return try JiraReader.read(record, index: index, context: context)
    case .linearCSV: throw RecordError(reason: "a JSON record in a file forced to linear-csv")
    }
  }

  /// Pages and envelopes to records: arrays (also arrays of pages), Jira's `{issues: […]}`, Bitbucket's
  /// `{values: […]}`, GraphQL `nodes`/`edges`; any other object is a record itself (NDJSON).
  static func unwrap(_ value: JSONValue) -> [JSONValue] {
    switch value {
    case .array(let items):
      return items.flatMap { item -> [JSONValue] in
        if case .array = item { return unwrap(item) }
        return [item]
      }
    case .object(let fields):
      for key in ["issues", "values", "nodes"] {
        if let items = fields[key]?.array, fields["key"] == nil { return items }
      }
      if let edges = fields["edges"]?.array { return edges.compactMap { $0["node"] } }
      return [value]
    default:
      return [value]
    }
  }
}

/// A file's bytes, read straight into an array (not through `Data` and a copy); nil when it cannot
/// be opened or read. Anything but a regular file (a pipe, a device) goes through `FileManager`.
private func contents(of path: String) -> [UInt8]? {
  let fd = open(path, O_RDONLY)
  guard fd >= 0 else { return nil }
  defer { close(fd) }
  var info = stat()
  guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
    return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
  }
  // One byte more than the size, so the read that finds the end needs no growth.
  var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
  var filled = 0
  while true {
    if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 65_536))) }
    let n = bytes.withUnsafeMutableBufferPointer {
      read(fd, $0.baseAddress! + filled, $0.count - filled)
    }
    if n < 0, errno == EINTR { continue }
    if n < 0 { return nil }
    if n == 0 { break }
    filled += n
  }
  bytes.removeLast(bytes.count - filled)
  return bytes
}
