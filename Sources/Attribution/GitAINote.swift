import Foundation
import OutcomeModel

/// A git-ai authorship note (`refs/notes/ai`, schema `authorship/3.0.0`): which lines of a commit's files
/// an AI session or a known person wrote.
///
/// The text is an attestation section, a line that is exactly `---`, then one JSON metadata object:
///
/// ```
/// src/main.swift
///   s_4be81f09c2d713::t_0a6e5c92b7f4d1 1-38,52-60
///   h_7c19e2ab40d5f3 39-51
/// "docs/getting started.md"
///   3f9a0c7d12e48b6a 12-14
/// ---
/// {"schema_version":"authorship/3.0.0", "prompts":{…}, "sessions":{…}, "humans":{…}}
/// ```
public struct GitAINote: Sendable, Hashable {
  /// `agent_id` of a session or legacy prompt record.
  public struct Agent: Sendable, Hashable, Codable {
    public var tool: String
    public var id: String?
    public var model: String?

    public init(tool: String, id: String? = nil, model: String? = nil) {
      self.tool = tool
      self.id = id
      self.model = model
    }
  }

  /// One `<key> <ranges>` line under a file.
  public struct Entry: Sendable, Hashable {
    /// `s_<hex>::t_<hex>` (session and trace), `h_<hex>` or `human` (a person), or a prompt id (16 or 7
    /// hex digits, a UUID).
    public var key: String
    public var lines: [ClosedRange<Int>]

    public init(key: String, lines: [ClosedRange<Int>]) {
      self.key = key
      self.lines = lines
    }
  }

  /// A file path and the entries indented under it.
  public struct FileAttestation: Sendable, Hashable {
    public var path: String
    public var entries: [Entry]

    public init(path: String, entries: [Entry]) {
      self.path = path
      self.entries = entries
    }
  }

  public var schemaVersion: String
  public var gitAIVersion: String?
  public var baseCommit: String?
  public var attestations: [FileAttestation]
  /// Session records by session id (`s_<hex>`).
  public var sessions: [String: Agent]
  /// Prompt records by their key as the attestation writes it (16 or 7 hex digits, a UUID).
  public var prompts: [String: Agent]
  /// Known people by `h_<hex>` key: the `author` string.
  public var humans: [String: String]

  public init(
    schemaVersion: String, gitAIVersion: String? = nil, baseCommit: String? = nil,
    attestations: [FileAttestation] = [], sessions: [String: Agent] = [:], prompts: [String: Agent] = [:],
    humans: [String: String] = [:]
  ) {
    self.schemaVersion = schemaVersion
    self.gitAIVersion = gitAIVersion
    self.baseCommit = baseCommit
    self.attestations = attestations
    self.sessions = sessions
    self.prompts = prompts
    self.humans = humans
  }

  /// The tool name given to AI lines whose key the metadata does not resolve (git-ai drops prompt
  /// records it was told not to share, but the lines stay AI-written).
  public static let unnamedTool = "unnamed"

  /// Who each key stands for: `human` and `h_` keys are people; a key found in `prompts` (16-hex, 7-hex,
  /// UUID) or whose `s_` part is in `sessions` is that agent; any other key is AI by an unnamed tool,
  /// since git-ai attests only AI lines and known people.
  public func contributor(forKey key: String) -> LineContributor {
    if key == "human" { return .human(nil) }
    if key.hasPrefix("h_") { return .human(humans[key]) }
    var agent = prompts[key]
    if agent == nil, key.hasPrefix("s_") {
      let session = key.split(separator: ":", maxSplits: 1).first.map(String.init) ?? key
      agent = sessions[session]
    }
    guard let agent else { return .ai(tool: Self.unnamedTool, model: nil) }
    return .ai(tool: agent.tool, model: agent.model)
  }

  /// The note reduced to per-file line ranges with their contributors.
  public var attribution: LineAttribution {
    var files: [String: [AttributedRange]] = [:]
    for file in attestations {
      for entry in file.entries {
        let contributor = contributor(forKey: entry.key)
        files[file.path, default: []] += entry.lines.map {
          AttributedRange(lines: $0, contributor: contributor)
        }
      }
    }
    return LineAttribution(source: "git-ai \(schemaVersion)", files: files)
  }
}

/// Why a git-ai note or Agent Trace record could not be read; one line, naming what is wrong.
public struct NoteFormatError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}
