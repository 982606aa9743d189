internal import Clibgit2
import Foundation
import OutcomeModel

/// Copies a libgit2 commit into a `CommitInfo` value, raw identities included (never mailmapped).
enum CommitReader {
  static func info(of commit: OpaquePointer) -> CommitInfo {
    let count = git_commit_parentcount(commit)
    let parents = (0..<count).map { OID(git_commit_parent_id(commit, $0)).commitID }
    let message = decodedMessage(commit)
    return CommitInfo(
      id: OID(git_commit_id(commit)).commitID,
      parents: parents,
      author: signature(git_commit_author(commit)),
      committer: signature(git_commit_committer(commit)),
      message: message,
      trailers: trailers(in: message)
    )
  }

  static func signature(_ pointer: UnsafePointer<git_signature>?) -> Signature {
    guard let signature = pointer?.pointee else {
      return Signature(name: "", email: "", time: 0, offsetMinutes: 0)
    }
    return Signature(
      name: signature.name.map { String(cString: $0) } ?? "",
      email: signature.email.map { String(cString: $0) } ?? "",
      time: signature.when.time,
      offsetMinutes: Int(signature.when.offset)
    )
  }

  /// Messages are bytes; honour a declared legacy encoding, otherwise read UTF-8 with repair.
  private static func decodedMessage(_ commit: OpaquePointer) -> String {
    guard let raw = git_commit_message(commit) else { return "" }
    if let encoding = git_commit_message_encoding(commit).map({ String(cString: $0).lowercased() }),
      encoding == "iso-8859-1" || encoding == "latin1" || encoding == "iso8859-1"
    {
      let length = strlen(raw)
      let data = Data(bytes: raw, count: length)
      if let text = String(data: data, encoding: .isoLatin1) { return text }
    }
    return String(cString: raw)
  }

  /// libgit2 applies git's trailer rules: only the final paragraph, folded continuation lines joined.
  static func trailers(in message: String) -> [Trailer] {
    var array = git_message_trailer_array()
    guard git_message_trailers(&array, message) == 0 else {
      git_error_clear()
      return []
    }
    defer { git_message_trailer_array_free(&array) }
    guard let entries = array.trailers else { return [] }
    return (0..<array.count).map { index in
      let entry = entries[index]
      return Trailer(
        key: entry.key.map { String(cString: $0) } ?? "",
        value: entry.value.map { unfold(String(cString: $0)) } ?? ""
      )
    }
  }

  /// libgit2 keeps a folded trailer's line breaks; git joins continuation lines with one space.
  static func unfold(_ value: String) -> String {
    guard value.contains(where: \.isNewline) else { return value }
    return value.split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: " ")
  }
}
