import Foundation
import OutcomeModel

/// One Agent Trace 0.1.0 record (`application/vnd.agent-trace.record+json`): which line ranges of which
/// files a conversation produced at a revision.
public struct AgentTraceRecord: Sendable, Hashable, Decodable {
  public struct VCS: Sendable, Hashable, Decodable {
    /// `git`, `jj`, `hg` or `svn`.
    public var type: String
    public var revision: String
  }

  public struct Tool: Sendable, Hashable, Decodable {
    public var name: String
    public var version: String?
  }

  public struct Contributor: Sendable, Hashable, Decodable {
    /// `human`, `ai`, `mixed` or `unknown`.
    public var type: String
    /// `provider/model`, e.g. `anthropic/claude-sonnet-4-5`.
    public var modelID: String?

    enum CodingKeys: String, CodingKey {
      case type
      case modelID = "model_id"
    }
  }

  public struct Range: Sendable, Hashable, Decodable {
    public var startLine: Int
    public var endLine: Int
    /// Overrides the conversation's contributor for this range.
    public var contributor: Contributor?

    enum CodingKeys: String, CodingKey {
      case startLine = "start_line"
      case endLine = "end_line"
      case contributor
    }
  }

  public struct Conversation: Sendable, Hashable, Decodable {
    public var url: String?
    public var contributor: Contributor?
    public var ranges: [Range]
  }

  public struct File: Sendable, Hashable, Decodable {
    public var path: String
    public var conversations: [Conversation]
  }

  public var version: String
  public var id: String
  public var timestamp: String?
  public var vcs: VCS?
  public var tool: Tool?
  public var files: [File]

  /// The git commit the line numbers refer to, when the record names one.
  public var commit: CommitID? {
    guard let vcs, vcs.type == "git" else { return nil }
    return CommitID(hex: vcs.revision)
  }

  /// Parses one JSON record; errors are one-line `NoteFormatError`s.
  public static func parse(_ data: Data) throws -> AgentTraceRecord {
    let record: AgentTraceRecord
    do {
      record = try JSONDecoder().decode(AgentTraceRecord.self, from: data)
    } catch let error as DecodingError {
      if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
        throw NoteFormatError("not valid JSON")
      }
      throw NoteFormatError("Agent Trace record: \(error.oneLine)")
    }
    guard record.version.hasPrefix("0.") else {
      throw NoteFormatError("unsupported Agent Trace version '\(record.version)' (expected 0.x)")
    }
    for file in record.files {
      for conversation in file.conversations {
        for range in conversation.ranges where range.startLine < 1 || range.endLine < range.startLine {
          throw NoteFormatError("bad range \(range.startLine)-\(range.endLine) for \(file.path)")
        }
      }
    }
    return record
  }

  /// Parses `.agent-trace/traces.jsonl`-style text, one record per non-empty line; an error names the line.
  public static func parseLines(_ text: String) throws -> [AgentTraceRecord] {
    var records: [AgentTraceRecord] = []
    for (offset, line) in MessageLines.of(text).enumerated()
    where !line.allSatisfy(\.isWhitespace) {
      do {
        records.append(try parse(Data(line.utf8)))
      } catch {
        throw NoteFormatError("line \(offset + 1): \(error)")
      }
    }
    return records
  }

  /// Records about git commits, merged per commit.
  public static func attributionsByCommit(_ records: [AgentTraceRecord]) -> [CommitID: LineAttribution] {
    var byCommit: [CommitID: LineAttribution] = [:]
    for record in records {
      guard let commit = record.commit else { continue }
      byCommit[commit] = byCommit[commit].map { $0.merging(record.attribution) } ?? record.attribution
    }
    return byCommit
  }

  /// The record reduced to per-file line ranges; `ai` ranges name the record's tool.
  public var attribution: LineAttribution {
    let toolName = tool?.name ?? "agent-trace"
    var result: [String: [AttributedRange]] = [:]
    for file in files {
      for conversation in file.conversations {
        for range in conversation.ranges {
          let who = range.contributor ?? conversation.contributor
          let contributor: LineContributor =
            switch who?.type {
            case "ai": .ai(tool: toolName, model: who?.modelID)
            case "mixed": .mixed(tool: toolName, model: who?.modelID)
            case "human": .human(nil)
            default: .unknown
            }
          result[file.path, default: []].append(
            AttributedRange(lines: range.startLine...range.endLine, contributor: contributor))
        }
      }
    }
    return LineAttribution(source: "agent-trace \(version)", files: result)
  }
}
