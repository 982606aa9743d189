import Attribution
import Crypto
import Foundation
import GitHistory
import OutcomeModel

/// Where attribution's inputs come from: the catalogue (embedded, plus the user's file) and notes.
public struct AttributionRequest: Sendable {
  /// A user catalogue merged over the embedded one (`--signatures`).
  public var signaturesFile: String?
  public var options = AttributionOptions()
  /// Notes refs holding git-ai authorship notes; the first that exists is read.
  public var notesRefs = ["refs/notes/ai"]
  /// Agent Trace record files (one JSON record, or one per line); storage is unspecified by the format,
  /// so the user says where they are.
  public var agentTraceFiles: [String] = []

  public init() {}
}

/// The loaded catalogue and notes for one run, with warnings about notes that could not be read.
public struct AttributionSetup: Sendable {
  public let attributor: Attributor
  public let notes: [CommitID: LineAttribution]
  public let warnings: [String]
  /// A digest of the notes and Agent Trace files read: the cache is rebuilt when these change, since a
  /// note may arrive long after its commit.
  public let inputsDigest: String

  public init(_ request: AttributionRequest, repository: Repository) throws {
    var catalogue = try SignatureCatalogue.embedded()
    if let file = request.signaturesFile {
      let url = URL(fileURLWithPath: file)
      guard FileManager.default.isReadableFile(atPath: url.path) else {
        throw PipelineError.unreadable(path: file, reason: "no such readable file")
      }
      do {
        catalogue = catalogue.merging(try SignatureCatalogue.load(contentsOf: url))
      } catch let error as CatalogueError {
        throw PipelineError.badInput(error.description)
      }
    }
    attributor = Attributor(catalogue: catalogue, options: request.options)

    var notes: [CommitID: LineAttribution] = [:]
    var warnings: [String] = []
    var malformed: [NoteWarning] = []
    var digest = SHA256()
    for ref in request.notesRefs {
      let found = try repository.notes(ref: ref)
      for (commit, text) in found.sorted(by: { $0.0 < $1.0 }) {
        digest.update(data: Data("\(ref) \(commit.hex) \(text.utf8.count)\n\(text)".utf8))
      }
      for (commit, text) in found where notes[commit] == nil {
        switch GitAINote.parse(text, on: commit) {
        case .success(let note): notes[commit] = note.attribution
        case .failure(let warning): malformed.append(warning)
        }
      }
    }
    for file in request.agentTraceFiles {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw PipelineError.unreadable(path: file, reason: "no such readable file")
      }
      digest.update(data: Data("\(file) \(data.count)\n".utf8))
      digest.update(data: data)
      let records: [AgentTraceRecord]
      do {
        records = try AgentTraceRecord.parseLines(String(decoding: data, as: UTF8.self))
      } catch {
        throw PipelineError.unreadable(path: file, reason: "\(error)")
      }
      // Notes stay first: a commit with both keeps its git-ai note.
      for (commit, lines) in AgentTraceRecord.attributionsByCommit(records) where notes[commit] == nil {
        notes[commit] = lines
      }
    }
    // One line per bad note would flood a long history; name the first and count the rest.
    if let first = malformed.min(by: { $0.commit < $1.commit }) {
      let more = malformed.count > 1 ? " (and \(malformed.count - 1) more malformed note(s) skipped)" : ""
      warnings.append("\(first.description)\(more)")
    }
    self.notes = notes
    self.warnings = warnings
    inputsDigest = digest.finalize().map { String(format: "%02x", $0) }.joined()
  }

  /// Commits whose diffs need hunks so note line ranges can be matched to added lines.
  public var commitsWithNotes: Set<CommitID> { Set(notes.keys) }

  /// The version of the attribution rules in force, for caches that must be rebuilt when they change.
  public var fingerprint: String { attributor.catalogue.fingerprint }
}
