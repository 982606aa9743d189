import Attribution
import Foundation
import OutcomeModel

/// Commits and changes written the way they appear in real histories, for the tests in this target.
enum Fixture {
  static let catalogue: SignatureCatalogue = {
    do {
      return try SignatureCatalogue.embedded()
    } catch {
      fatalError("the embedded catalogue does not load: \(error)")
    }
  }()

  static let attributor = Attributor(catalogue: catalogue)

  static let human = "Dana Example <dana@example.com>"

  /// `Name <email>` as a signature dated `date` (`YYYY-MM-DD`, UTC noon).
  static func signature(_ identity: String, date: String = "2026-03-02") -> Signature {
    let open = identity.lastIndex(of: "<")!
    let name = identity[..<open].trimmingCharacters(in: .whitespaces)
    let email = identity[identity.index(after: open)...].dropLast()
    return Signature(name: name, email: String(email), time: epoch(date) + 43_200, offsetMinutes: 0)
  }

  /// Seconds since the epoch at UTC midnight of `YYYY-MM-DD` (days-from-civil, no formatter per call).
  static func epoch(_ date: String) -> Int64 {
    let parts = date.split(separator: "-").map { Int($0)! }
    let year = parts[1] <= 2 ? parts[0] - 1 : parts[0]
    let era = year / 400
    let yearOfEra = year - era * 400
    let dayOfYear = (153 * (parts[1] + (parts[1] > 2 ? -3 : 9)) + 2) / 5 + parts[2] - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return Int64(era * 146_097 + dayOfEra - 719_468) * 86_400
  }

  /// A commit with git's reading of the final trailer block unless `trailers` is given.
  static func commit(
    author: String = human, committer: String? = nil, message: String, date: String = "2026-03-02",
    parents: Int = 1, trailers: [Trailer]? = nil
  ) -> CommitInfo {
    let id = CommitID(trusted: hexID(author + message + date))
    return CommitInfo(
      id: id, parents: (0..<parents).map { CommitID(trusted: hexID("parent \($0) of \(id.hex)")) },
      author: signature(author, date: date), committer: signature(committer ?? author, date: date),
      message: message, trailers: trailers ?? finalTrailers(message))
  }

  static func change(
    _ commit: CommitInfo, files: [FileDiff]? = nil, linesAdded: Int = 10,
    contributing: [ContributingCommit] = []
  ) -> Change {
    let files =
      files ?? [FileDiff(oldPath: "a.swift", newPath: "a.swift", kind: .modified, linesAdded: linesAdded)]
    return Change(commit: commit, files: files, contributing: contributing)
  }

  /// The last paragraph's `Key: value` lines, as libgit2's trailer parser reads them.
  static func finalTrailers(_ message: String) -> [Trailer] {
    let paragraphs = message.components(separatedBy: "\n\n").filter {
      !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
    guard paragraphs.count > 1, let last = paragraphs.last else { return [] }
    var trailers: [Trailer] = []
    for line in last.split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":"), !line[..<colon].contains(" ") else { return [] }
      trailers.append(
        Trailer(
          key: String(line[..<colon]),
          value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
    }
    return trailers
  }

  static func hexID(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var hex = ""
    for round in 0..<3 {
      for byte in (text + "\(round)").utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
      }
      let part = String(hash, radix: 16)
      hex += String(repeating: "0", count: 16 - part.count) + part
    }
    return String(hex.prefix(40))
  }
}
