import Foundation
import OutcomeModel

extension GitAINote {
  /// Parses a note's text; a malformed note throws a `NoteFormatError` whose one-line message names
  /// the problem (and its line in the note, where there is one).
  public static func parse(_ text: String) throws -> GitAINote {
    let lines = MessageLines.of(text)
    guard let separator = lines.firstIndex(of: "---") else {
      throw NoteFormatError("no '---' line separating the attestation from the metadata")
    }
    let attestations = try parseAttestations(lines[..<separator])
    let json = lines[(separator + 1)...].joined(separator: "\n")
    let metadata = try Metadata.decode(json)

    return GitAINote(
      schemaVersion: metadata.schemaVersion, gitAIVersion: metadata.gitAIVersion,
      baseCommit: metadata.baseCommitSHA, attestations: attestations,
      sessions: (metadata.sessions ?? [:]).compactMapValues(\.agent),
      prompts: (metadata.prompts ?? [:]).compactMapValues(\.agent),
      humans: (metadata.humans ?? [:]).compactMapValues(\.author))
  }

  /// The note, or a warning naming the commit for the caller to print: a malformed note must never
  /// stop a run.
  public static func parse(_ text: String, on commit: CommitID) -> Result<GitAINote, NoteWarning> {
    do {
      return .success(try parse(text))
    } catch {
      return .failure(NoteWarning(commit: commit, reason: String(describing: error)))
    }
  }

  private static func parseAttestations(_ lines: ArraySlice<Substring>) throws -> [FileAttestation] {
    var files: [FileAttestation] = []
    for (offset, line) in lines.enumerated() {
      let number = offset + 1
      if line.allSatisfy(\.isWhitespace) { continue }
      if line.hasPrefix("  ") {
        guard let third = line.dropFirst(2).first, third != " ", third != "\t" else {
          throw NoteFormatError("line \(number): entries are indented by exactly two spaces")
        }
        guard !files.isEmpty else { throw NoteFormatError("line \(number): an entry before any file path") }
        files[files.count - 1].entries.append(try parseEntry(line.dropFirst(2), line: number))
      } else if line.first == " " || line.first == "\t" {
        throw NoteFormatError("line \(number): entries are indented by exactly two spaces")
      } else {
        files.append(FileAttestation(path: try parsePath(line, line: number), entries: []))
      }
    }
    return files
  }

  private static func parsePath(_ line: Substring, line number: Int) throws -> String {
    guard line.first == "\"" else { return String(line) }
    // Quoted paths use C-style escapes, as git quotes paths.
    var path = ""
    var index = line.index(after: line.startIndex)
    while index < line.endIndex {
      let character = line[index]
      if character == "\"" {
        guard line.index(after: index) == line.endIndex else {
          throw NoteFormatError("line \(number): text after the closing quote of a path")
        }
        return path
      }
      if character == "\\" {
        index = line.index(after: index)
        guard index < line.endIndex else { break }
        switch line[index] {
        case "n": path.append("\n")
        case "t": path.append("\t")
        default: path.append(line[index])
        }
      } else {
        path.append(character)
      }
      index = line.index(after: index)
    }
    throw NoteFormatError("line \(number): a quoted path without its closing quote")
  }

  private static func parseEntry(_ text: Substring, line number: Int) throws -> Entry {
    let parts = text.split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count == 2 else {
      throw NoteFormatError("line \(number): expected '<key> <ranges>', found '\(text)'")
    }
    // Real notes use many key shapes (16- and 7-hex prompt ids, UUIDs, `s_…::t_…`, `h_…`, `human`,
    // `ai_agent`); the metadata decides who a key stands for, so any token is accepted here.
    let key = String(parts[0])
    var lines: [ClosedRange<Int>] = []
    for item in parts[1].split(separator: ",", omittingEmptySubsequences: false) {
      let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
      guard (1...2).contains(bounds.count), let low = Int(bounds[0]),
        let high = Int(bounds[bounds.count - 1]),
        low >= 1, low <= high
      else { throw NoteFormatError("line \(number): bad line range '\(item)'") }
      lines.append(low...high)
    }
    return Entry(key: key, lines: lines)
  }
}

/// A git-ai note that could not be read: `warning: …` naming the commit, never an error for the run.
public struct NoteWarning: Error, Sendable, Hashable, CustomStringConvertible {
  public var commit: CommitID
  public var reason: String

  public init(commit: CommitID, reason: String) {
    self.commit = commit
    self.reason = reason
  }

  public var description: String { "ignoring the git-ai note on \(commit.short): \(reason)" }
}

/// The JSON after `---`; only what attribution needs, other fields are ignored.
private struct Metadata: Decodable {
  struct Record: Decodable {
    var agent: GitAINote.Agent?
    enum CodingKeys: String, CodingKey { case agent = "agent_id" }

    // A record whose agent cannot be read leaves its lines unknown rather than losing the whole note.
    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      agent = try? container.decodeIfPresent(GitAINote.Agent.self, forKey: .agent)
    }
  }

  struct Human: Decodable {
    var author: String?
  }

  var schemaVersion: String
  var gitAIVersion: String?
  var baseCommitSHA: String?
  var prompts: [String: Record]?
  var sessions: [String: Record]?
  var humans: [String: Human]?

  // Spelled out: the snake-case key strategy would also rewrite the `h_…` dictionary keys.
  enum CodingKeys: String, CodingKey {
    case schemaVersion = "schema_version"
    case gitAIVersion = "git_ai_version"
    case baseCommitSHA = "base_commit_sha"
    case prompts, sessions, humans
  }

  static func decode(_ json: String) throws -> Metadata {
    guard !json.allSatisfy(\.isWhitespace) else { throw NoteFormatError("no JSON metadata after '---'") }
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(json.utf8))
    } catch {
      throw NoteFormatError("the metadata after '---' is not valid JSON")
    }
    guard let fields = object as? [String: Any] else {
      throw NoteFormatError("the metadata after '---' is not a JSON object")
    }
    // Other tools write their own JSON under refs/notes/ai; only the authorship schema is git-ai's.
    guard let version = fields["schema_version"] as? String else {
      throw NoteFormatError("the metadata has no schema_version")
    }
    guard version.hasPrefix("authorship/") else {
      throw NoteFormatError("schema_version '\(version)' is not a git-ai authorship note")
    }
    do {
      return try JSONDecoder().decode(Metadata.self, from: Data(json.utf8))
    } catch let error as DecodingError {
      throw NoteFormatError("metadata: \(error.oneLine)")
    }
  }
}

extension DecodingError {
  /// The coding path and the problem, without Foundation's multi-line context dump.
  var oneLine: String {
    func path(_ context: Context) -> String {
      let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
      return keys.isEmpty ? "" : keys.joined(separator: ".") + ": "
    }
    switch self {
    case .typeMismatch(let type, let context): return "\(path(context))expected \(type)"
    case .valueNotFound(let type, let context): return "\(path(context))missing \(type) value"
    case .keyNotFound(let key, let context): return "\(path(context))missing key '\(key.stringValue)'"
    case .dataCorrupted(let context): return "\(path(context))\(context.debugDescription)"
    @unknown default: return "undecodable"
    }
  }
}
