import Crypto
import Foundation
import GitHistory
import Ledger
import OutcomeModel
import Outcomes
import Store

/// How a command uses the incremental cache in `.git/outcomes/`.
public enum CacheMode: Sendable {
  /// Read all history again and leave the cache alone (`--no-cache`).
  case off
  /// Resume from the cache but write nothing (`outcomes self` writes nothing).
  case read
  case readWrite
}

/// The version the cache records: a new release may mine or attribute differently, so it rebuilds.
/// Raise it whenever the same history gives other rows (0.1.1: side merges hand taken files over whole;
/// moves cancel each death once; 0.1.2: diffs cut the common tail as git's blame does).
public enum PipelineVersion {
  public static let current = "0.1.2"
}

/// The cache as a session found it: the earlier run's plan, and why its contents cannot be used if so.
final class OutcomeCache {
  let store: CacheStore
  let writable: Bool
  private(set) var contents: CacheContents?
  /// The earlier run's plan, when the branch still extends it (then `MiningSession.fullPlan` builds on it).
  private(set) var earlierPlan: MainlinePlan?
  /// Why the cache is being rebuilt (or, when reading only, ignored); nil while it is usable.
  private(set) var reason: String?
  let announce: (@Sendable (String) -> Void)?

  /// Ready to use, or nil (with a note) when the cache can neither be read nor written.
  static func open(
    mode: CacheMode, repository: Repository, branch: BranchTip, announce: (@Sendable (String) -> Void)?
  ) -> OutcomeCache? {
    guard mode != .off else { return nil }
    let url = CacheStore.url(gitDirectory: repository.gitDirectory)
    let store: CacheStore
    do {
      guard let opened = try CacheStore.open(url: url, readOnly: mode == .read) else { return nil }
      store = opened
    } catch {
      announce?("cache: \(error); going on without it")
      return nil
    }
    let cache = OutcomeCache(store: store, writable: mode == .readWrite, announce: announce)
    if let reset = store.resetReason { cache.reason = reset }
    cache.load(branch: branch, shallow: CacheFingerprint.shallowBoundary(of: repository))
    return cache
  }

  private init(store: CacheStore, writable: Bool, announce: (@Sendable (String) -> Void)?) {
    self.store = store
    self.writable = writable
    self.announce = announce
  }

  private func load(branch: BranchTip, shallow: String) {
    let loaded: CacheContents?
    do {
      loaded = try store.load()
    } catch {
      invalidate("\(error)")
      return
    }
    guard let loaded else {
      if reason == nil { reason = Self.noCacheYet }
      return
    }
    guard loaded.meta[CacheContents.Key.branch] == branch.name else {
      invalidate(
        "the branch changed (\(loaded.meta[CacheContents.Key.branch] ?? "?") → \(branch.name))")
      return
    }
    guard CacheFingerprint(meta: loaded.meta).parts["shallow"] == shallow else {
      invalidate(CacheFingerprint.descriptions["shallow"]!)
      return
    }
    guard let bytes = loaded.blobs[Blob.plan], let plan = try? MainlinePlan(decoding: bytes, branch: branch),
      plan.count == loaded.rows.count
    else {
      invalidate("the cached plan is damaged")
      return
    }
    contents = loaded
    earlierPlan = plan
  }

  func invalidate(_ why: String) {
    if reason == nil { reason = why }
    contents = nil
    earlierPlan = nil
  }

  static let noCacheYet = "no cache yet"

  enum Blob {
    static let plan = "plan"
    static let ledger = "ledger"
    static let people = "people"
    static let summary = "summary"
  }
}

// MARK: - What must match

/// Everything besides the commit graph that decides what the pass computes. Each part is compared on its
/// own, so the rebuild note can say which one changed.
struct CacheFingerprint {
  var parts: [String: String]

  static let descriptions: [String: String] = [
    "tool": "outcomes was upgraded",
    "mining": "rename detection options changed",
    "attribution": "the signature catalogue or attribution options changed",
    "notes": "git-ai notes or Agent Trace records changed",
    "ledger": "the file filters or fix patterns changed",
    "moves": "the move detection (--moves) changed",
    "trackers": "pull-request or bug links from tracker exports changed",
    "mailmap": "the mailmap changed",
    "shallow": "the clone's shallow boundary changed",
  ]

  init(session: MiningSession, ledger: LedgerRequest, builder: ChangeRecordBuilder) {
    let mining = session.request.mining
    let attribution = session.attribution
    parts = [
      "tool": PipelineVersion.current,
      "mining": "renames=\(mining.detectRenames) limit=\(mining.renameLimit)",
      "attribution": attribution.map { setup in
        "\(setup.fingerprint) medium=\(setup.attributor.options.acceptMedium) labels=\(setup.attributor.options.aiLabels.sorted()) bots=\(setup.attributor.options.bots)"
      } ?? "off",
      "notes": attribution?.inputsDigest ?? "off",
      "ledger": Self.digest(
        "include=\(ledger.paths.include) exclude=\(ledger.paths.exclude) fix=\(ledger.fixRules.subjectPatterns)"
      ),
      // Origins of moved lines live in the cached ledger state: another rule means other states.
      "moves": ledger.moves.rawValue,
      "trackers": Self.trackerDigest(ledger: ledger, builder: builder),
      "mailmap": Self.digest(session.mailmapText ?? ""),
      "shallow": Self.shallowBoundary(of: session.repository),
    ]
  }

  init(meta: [String: String]) {
    parts = meta.filter { $0.key.hasPrefix("fp.") }.reduce(into: [:]) {
      $0[String($1.key.dropFirst(3))] = $1.value
    }
  }

  var meta: [String: String] {
    parts.reduce(into: [:]) { $0["fp." + $1.key] = $1.value }
  }

  /// One line naming what differs from `earlier`; nil when nothing does.
  func change(from earlier: CacheFingerprint) -> String? {
    let changed = parts.keys.sorted().filter { earlier.parts[$0] != parts[$0] }
    guard !changed.isEmpty else { return nil }
    return changed.map { Self.descriptions[$0] ?? "\($0) changed" }.joined(separator: "; ")
  }

  /// Deepening a shallow clone adds history before commits the cache already planned, so the plan itself
  /// cannot be resumed across a change of this.
  static func shallowBoundary(of repository: Repository) -> String {
    guard repository.isShallow else { return "no" }
    let file = repository.gitDirectory.appendingPathComponent("shallow")
    return digest((try? String(contentsOf: file, encoding: .utf8)) ?? "?")
  }

  static func digest(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
  }

  /// What tracker exports feed into the pass itself: request evidence per commit, commits whose lines are
  /// AI because of their request, and bug-linked fixes. Links filled in afterwards (`pr`, `issues`) are
  /// not part of it, so a new export with only new issues keeps the cache.
  static func trackerDigest(ledger: LedgerRequest, builder: ChangeRecordBuilder) -> String {
    guard !builder.pullRequests.isEmpty || !builder.aiByPullRequest.isEmpty || !ledger.bugFixes.isEmpty
    else { return "none" }
    var text = ""
    for (commit, context) in builder.pullRequests.sorted(by: { $0.key < $1.key }) {
      let evidence = context.agentEvidence.map {
        "\($0.signal.rawValue):\($0.tool):\($0.strength):\($0.detail)"
      }
      text +=
        "pr \(commit.hex) \(context.branchNames) \(context.labels) \(context.body ?? "") \(evidence)\n"
    }
    for commit in builder.aiByPullRequest.sorted() { text += "ai \(commit.hex)\n" }
    for (sha, reported) in ledger.bugFixes.sorted(by: { $0.key < $1.key }) {
      let time: String = reported.map { String($0) } ?? "-"
      text += "fix \(sha) \(time)\n"
    }
    return digest(text)
  }
}

// MARK: - Rows

/// One mainline change as the cache keeps it: the reader-independent row and what outcomes need.
struct CachedChange {
  var canonical: CanonicalRecord
  var summary: MainlineSummary

  func encoded() -> [UInt8] {
    var writer = BinaryWriter(capacity: 512)
    canonical.record.encodeCanonical(to: &writer)
    writer.write(UInt64(canonical.paths.count))
    for path in canonical.paths { writer.write(path) }
    writer.write(summary.subject)
    writer.write(summary.message)
    writer.write(UInt64(summary.trailers.count))
    for trailer in summary.trailers {
      writer.write(trailer.key)
      writer.write(trailer.value)
    }
    writer.write(UInt64(summary.contributing.count))
    for sha in summary.contributing { writer.write(sha) }
    writer.write(summary.time)
    writer.write(summary.isMerge)
    return writer.bytes
  }

  init(canonical: CanonicalRecord, summary: MainlineSummary) {
    self.canonical = canonical
    self.summary = summary
  }

  init(decoding bytes: [UInt8]) throws {
    var reader = BinaryReader(bytes)
    let record = try ChangeRecord(canonical: &reader)
    var paths: [String] = []
    for _ in 0..<(try reader.readCount()) { paths.append(try reader.readString()) }
    let subject = try reader.readString()
    let message = try reader.readString()
    var trailers: [Trailer] = []
    for _ in 0..<(try reader.readCount()) {
      trailers.append(Trailer(key: try reader.readString(), value: try reader.readString()))
    }
    var contributing: [String] = []
    for _ in 0..<(try reader.readCount()) { contributing.append(try reader.readString()) }
    let time = try reader.readInt64()
    let isMerge = try reader.readBool()
    canonical = CanonicalRecord(record: record, paths: paths)
    summary = MainlineSummary(
      sha: record.sha, subject: subject, message: message, trailers: trailers, contributing: contributing,
      time: time, isMerge: isMerge)
  }
}

/// The fields a row has before outcomes, pseudonyms and teams, in the cache's byte format (JSON took a
/// fifth of a resumed run). A field added to `ChangeRecordBuilder.canonicalRecord` must be added here and
/// the cache schema bumped; the cache tests compare every field of resumed and fresh rows.
extension ChangeRecord {
  struct UnknownValue: Error, CustomStringConvertible {
    var value: String
    var description: String { "the cache holds an unknown value \"\(value)\"" }
  }

  func encodeCanonical(to writer: inout BinaryWriter) {
    writer.write(sha)
    writer.write(UInt64(parents.count))
    for parent in parents { writer.write(parent) }
    writer.write(authoredAt)
    writer.write(committedAt)
    writer.write(author)
    writer.write(filesChanged)
    writer.write(linesAdded)
    writer.write(linesDeleted)
    writer.write(isMerge)
    writer.write(contributingCommits)
    writer.write(missingBlobs ?? -1)
    writer.write(cohort?.rawValue)
    writer.write(tools != nil)
    if let tools {
      writer.write(UInt64(tools.count))
      for tool in tools { writer.write(tool) }
    }
    writer.write(evidence != nil)
    if let evidence {
      writer.write(UInt64(evidence.count))
      for item in evidence {
        writer.write(item.tool)
        writer.write(item.signal.rawValue)
        writer.write(item.strength.rawValue)
        writer.write(item.detail)
      }
    }
    writer.write(aiLinesAdded ?? -1)
    writer.write(models != nil)
    if let models {
      writer.write(UInt64(models.count))
      for model in models { writer.write(model) }
    }
  }

  init(canonical reader: inout BinaryReader) throws {
    let sha = try reader.readString()
    var parents: [String] = []
    for _ in 0..<(try reader.readCount()) { parents.append(try reader.readString()) }
    self.init(
      sha: sha, parents: parents, authoredAt: try reader.readString(), committedAt: try reader.readString(),
      author: try reader.readString(), filesChanged: try reader.readInt(), linesAdded: try reader.readInt(),
      linesDeleted: try reader.readInt(), isMerge: try reader.readBool(),
      contributingCommits: try reader.readInt())
    let missing = try reader.readInt()
    missingBlobs = missing < 0 ? nil : missing
    if let raw = try reader.readOptionalString() {
      guard let value = Cohort(rawValue: raw) else { throw UnknownValue(value: raw) }
      cohort = value
    }
    if try reader.readBool() {
      var list: [String] = []
      for _ in 0..<(try reader.readCount()) { list.append(try reader.readString()) }
      tools = list
    }
    if try reader.readBool() {
      var list: [Evidence] = []
      for _ in 0..<(try reader.readCount()) {
        let tool = try reader.readString()
        let signal = try reader.readString()
        let strength = try reader.readString()
        guard let kind = SignalKind(rawValue: signal) else { throw UnknownValue(value: signal) }
        guard let level = Strength(rawValue: strength) else { throw UnknownValue(value: strength) }
        list.append(Evidence(tool: tool, signal: kind, strength: level, detail: try reader.readString()))
      }
      evidence = list
    }
    let aiLines = try reader.readInt()
    aiLinesAdded = aiLines < 0 ? nil : aiLines
    if try reader.readBool() {
      var list: [String] = []
      for _ in 0..<(try reader.readCount()) { list.append(try reader.readString()) }
      models = list
    }
  }
}

extension MiningSummary {
  func encoded() -> [UInt8] {
    var writer = BinaryWriter()
    for value in [changes, missingBlobs, shallowBoundaries, renameDetectionSkipped] { writer.write(value) }
    return writer.bytes
  }

  init(decoding bytes: [UInt8]) throws {
    var reader = BinaryReader(bytes)
    self.init()
    changes = try reader.readInt()
    missingBlobs = try reader.readInt()
    shallowBoundaries = try reader.readInt()
    renameDetectionSkipped = try reader.readInt()
  }

  mutating func add(_ other: MiningSummary) {
    changes += other.changes
    missingBlobs += other.missingBlobs
    shallowBoundaries += other.shallowBoundaries
    renameDetectionSkipped += other.renameDetectionSkipped
  }
}

extension PersonNumbers {
  func encoded() -> [UInt8] {
    var writer = BinaryWriter()
    let ordered = numbers.sorted { $0.value < $1.value }
    writer.write(UInt64(ordered.count))
    for (email, _) in ordered { writer.write(email) }
    return writer.bytes
  }

  init(mailmap: Mailmap, decoding bytes: [UInt8]) throws {
    self.init(mailmap: mailmap)
    var reader = BinaryReader(bytes)
    for number in 0..<(try reader.readCount()) { numbers[try reader.readString()] = number }
  }
}
