import Foundation

extension FixtureRepo {
  /// Per-commit line counts from `git log --numstat -z`, keyed by full commit id.
  ///
  /// This is the oracle the libgit2 diff code is checked against. With the default `--first-parent`
  /// a merge is diffed against its first parent; commits without file changes map to an empty entry.
  /// Revisions and paths can be appended to `extraArgs`.
  public func numstat(_ extraArgs: [String] = ["--first-parent", "--no-renames"]) throws
    -> [String: NumstatEntry]
  {
    let output = try gitData(["log", "--numstat", "--format=%H", "-z"] + extraArgs)
    return try NumstatParser.parse(Array(output))
  }
}

/// Reads `git log --numstat --format=%H -z`: NUL-separated records where a commit id stands alone,
/// the first file record of a commit is preceded by a newline, and a rename is a record with an empty
/// path followed by the old and the new path as their own records.
enum NumstatParser {
  private static let command = "git log --numstat --format=%H -z"

  static func parse(_ bytes: [UInt8]) throws -> [String: NumstatEntry] {
    var records = bytes.split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
    if records.last?.isEmpty == true { records.removeLast() }
    var entries: [String: NumstatEntry] = [:]
    var current: String?
    var index = 0
    while index < records.count {
      var record = records[index][...]
      index += 1
      while record.first == UInt8(ascii: "\n") { record = record.dropFirst() }
      if let sha = commitID(record) {
        current = sha
        entries[sha] = entries[sha] ?? NumstatEntry()
        continue
      }
      guard let sha = current, var file = fileRecord(record) else {
        throw FixtureError.unexpectedOutput(
          command: command, detail: "unexpected record \(String(decoding: record, as: UTF8.self))")
      }
      if file.pathBytes.isEmpty {
        guard index + 1 < records.count else {
          throw FixtureError.unexpectedOutput(command: command, detail: "truncated rename record")
        }
        file.oldPathBytes = records[index]
        file.pathBytes = records[index + 1]
        index += 2
      }
      entries[sha, default: NumstatEntry()].files.append(file)
    }
    return entries
  }

  private static func commitID(_ record: ArraySlice<UInt8>) -> String? {
    guard record.count == 40 || record.count == 64 else { return nil }
    let isHex = record.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    return isHex ? String(decoding: record, as: UTF8.self) : nil
  }

  // "<added>\t<deleted>\t<path>", with "-" for both counts on binary files.
  private static func fileRecord(_ record: ArraySlice<UInt8>) -> NumstatEntry.File? {
    let parts = record.split(separator: UInt8(ascii: "\t"), maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count == 3 else { return nil }
    func count(_ field: ArraySlice<UInt8>) -> Int?? {
      if field.elementsEqual("-".utf8) { return .some(nil) }
      return Int(String(decoding: field, as: UTF8.self)).map { .some($0) }
    }
    guard let added = count(parts[0]), let deleted = count(parts[1]) else { return nil }
    return NumstatEntry.File(pathBytes: Array(parts[2]), added: added, deleted: deleted)
  }
}
