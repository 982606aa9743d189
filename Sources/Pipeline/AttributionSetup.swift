import Attribution
import Crypto
import Foundation
import GitHistory
import OutcomeModel
import Report

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
  /// A teams.yml whose `bots:` list adds to `options.bots`.
  public var teamsFile: String?

  public init() {}
}

/// The loaded catalogue and notes for one run, with warnings about notes that could not be read.
public struct AttributionSetup: Sendable {
  public let attributor: Attributor
  public let notes: [CommitID: LineAttribution]
  public let warnings: [String]
  /// How many git-ai notes were read, attributed lines, carried metadata only, or were skipped.
  public let noteSummary: NoteSummary
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
    var options = request.options
    if let file = request.teamsFile {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw PipelineError.unreadable(path: file, reason: "no such file")
      }
      do {
        options.bots += try TeamFile(yaml: String(decoding: data, as: UTF8.self)).bots
      } catch {
        throw PipelineError.badInput(
          "\(file): \(String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " "))")
      }
    }
    var attributor = Attributor(catalogue: catalogue, options: options)
    let checkpoints = repository.entireCheckpointSessions()
    attributor.checkpoints = checkpoints.compactMapValues(EntireCheckpoint.parse(sessions:))
    self.attributor = attributor

    var notes: [CommitID: LineAttribution] = [:]
    var warnings: [String] = []
    var summary = NoteSummary()
    var digest = SHA256()
    for (id, sessions) in checkpoints.sorted(by: { $0.key < $1.key }) {
      digest.update(data: Data("entire \(id)\n\(sessions.joined(separator: "\n"))".utf8))
    }
    func read(
      _ found: [CommitID: String], from ref: String,
      _ parse: (String, CommitID) -> Result<LineAttribution, NoteWarning>
    ) {
      for (commit, text) in found.sorted(by: { $0.0 < $1.0 }) {
        digest.update(data: Data("\(ref) \(commit.hex) \(text.utf8.count)\n\(text)".utf8))
      }
      for (commit, text) in found where notes[commit] == nil {
        let result = parse(text, commit)
        summary.record(result)
        if case .success(let lines) = result { notes[commit] = lines }
      }
    }
    // Remote copies (`refs/notes/ai-remote/*`) and the pre-notes `refs/ai/authorship/<sha>` blobs fill
    // in commits the chosen refs lack.
    let remotes = repository.remoteAINoteReferences().filter { !request.notesRefs.contains($0) }
    for ref in request.notesRefs + remotes {
      read(try repository.notes(ref: ref), from: ref) { text, commit in
        GitAINote.parse(text, on: commit).map(\.attribution)
      }
    }
    read(repository.authorshipBlobs(), from: "refs/ai/authorship") { text, commit in
      Result { try GitAINote.parseAuthorshipBlob(text, isTool: attributor.isToolName) }
        .mapError { NoteWarning(commit: commit, reason: String(describing: $0)) }
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
    if let line = summary.line { warnings.append(line) }
    self.notes = notes
    self.warnings = warnings
    noteSummary = summary
    inputsDigest = digest.finalize().map { String(format: "%02x", $0) }.joined()
  }

  /// Commits whose diffs need hunks so note line ranges can be matched to added lines.
  public var commitsWithNotes: Set<CommitID> { Set(notes.filter { !$0.value.isEmpty }.keys) }

  /// The version of the attribution rules in force, for caches that must be rebuilt when they change.
  public var fingerprint: String { attributor.catalogue.fingerprint }
}
