import Foundation
import GitHistory
import OrgStore
import Pipeline

/// What `outcomes mine --repos DIR` was asked for.
public struct MineReposRequest: Sendable {
  public var folder: String
  /// `--to`; default: `DIR/outcomes.sqlite`.
  public var location: String?
  public var teamsFile: String?
  /// Repositories mined at once (default: one per core).
  public var parallel: Int?
  /// The per-repository request (attribution, ledger, mining knobs); `path` is set per repository.
  public var mining: MiningRequest

  public init(folder: String, mining: MiningRequest) {
    self.folder = folder
    self.mining = mining
  }
}

/// `outcomes mine --repos DIR`: every git clone under DIR, mined in parallel and published into one store.
///
/// A repository that fails is reported on its line and the others still land; the command fails at the
/// end when any did. Without `OUTCOMES_SALT`, one salt kept in `DIR/.outcomes-salt` (mode 600) is used
/// for all of them, so a person is one pseudonym across the folder.
public enum MineReposCommand {
  public struct Outcome: Sendable {
    public var path: String
    public var line: String
    public var failed: Bool
  }

  public static let defaultFileName = "outcomes.sqlite"

  public static func run(
    _ request: MineReposRequest, environment: [String: String] = ProcessInfo.processInfo.environment,
    report: @escaping @Sendable (String) -> Void
  ) throws -> [Outcome] {
    let folder = URL(fileURLWithPath: request.folder).standardizedFileURL
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw PipelineError.unreadable(path: request.folder, reason: "not a folder")
    }
    let location = try PublishCommand.storeLocation(
      request.location ?? folder.appendingPathComponent(defaultFileName).path, environment: environment)
    let clones = findClones(under: folder)
    guard !clones.isEmpty else {
      throw PipelineError.badInput("\(request.folder): no git repositories found (looked 3 folders deep)")
    }
    var environment = environment
    if (environment["OUTCOMES_SALT"] ?? "").isEmpty {
      environment["OUTCOMES_SALT"] = try folderSalt(folder.appendingPathComponent(".outcomes-salt"))
    }
    // Open once up front: a bad URL or password fails before any mining, and migrations run once.
    try PublishCommand.check(location)
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let parallel = max(1, min(request.parallel ?? cores, clones.count))
    let workersEach = max(1, request.mining.mining.workers / parallel)
    let results = OutcomeList(count: clones.count)
    let next = Counter()
    let finished = Counter()
    let fixedEnvironment = environment
    DispatchQueue.concurrentPerform(iterations: parallel) { _ in
      while let index = next.take(below: clones.count) {
        let clone = clones[index]
        let started = Date()
        let shown =
          clone.path.hasPrefix(folder.path + "/")
          ? String(clone.path.dropFirst(folder.path.count + 1)) : clone.path
        var line: String
        var failed = false
        do {
          var mining = request.mining
          mining.path = clone.path
          mining.mining.workers = workersEach
          // Cache notes of clones mined side by side would not say which clone they are about.
          if let announce = mining.announce {
            let name = shown
            mining.announce = { @Sendable note in announce("\(name): \(note)") }
          }
          let session = try MiningSession(mining)
          let (facts, warnings) = try PublishCommand.collect(
            session: session, teamsFile: request.teamsFile, repositoryName: nil, progress: nil,
            environment: fixedEnvironment)
          let summary = try PublishCommand.publish(facts, to: location, progress: false)
          let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
          line =
            "\(facts.identity): \(facts.records.count) changes (\(summary.inserted) new, \(summary.updated) updated, \(summary.deleted) removed) in \(seconds) s"
          let relevant = warnings.filter { !$0.contains("OUTCOMES_SALT") }
          if !relevant.isEmpty { line += "; \(relevant.count) warning(s): \(relevant[0])" }
        } catch {
          failed = true
          line = "\(shown): failed: \(describe(error))"
        }
        let position = finished.increment()
        report("mine [\(position)/\(clones.count)] \(line)")
        results.set(index, Outcome(path: clone.path, line: line, failed: failed))
      }
    }
    return results.values
  }

  /// The folder's shared salt, created once (mode 600, O_EXCL: of two racing runs one creates it and
  /// the other waits briefly for its contents).
  static func folderSalt(_ file: URL) throws -> String {
    func existing() -> String? {
      (try? String(contentsOf: file, encoding: .utf8)).map {
        $0.trimmingCharacters(in: .whitespacesAndNewlines)
      }
      .flatMap { $0.isEmpty ? nil : $0 }
    }
    if let salt = existing() { return salt }
    var generator = SystemRandomNumberGenerator()
    let salt = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }
      .joined()
    let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    if descriptor >= 0 {
      let bytes = Array((salt + "\n").utf8)
      let written = write(descriptor, bytes, bytes.count)
      close(descriptor)
      guard written == bytes.count else {
        throw PipelineError.cannotWrite(path: file.path, reason: String(cString: strerror(errno)))
      }
      return salt
    }
    guard errno == EEXIST else {
      throw PipelineError.cannotWrite(path: file.path, reason: String(cString: strerror(errno)))
    }
    for _ in 0..<50 {
      if let salt = existing() { return salt }
      usleep(20_000)
    }
    throw PipelineError.unreadable(path: file.path, reason: "exists but stays empty")
  }

  static func describe(_ error: any Error) -> String {
    switch error {
    case let error as PipelineError: error.description
    case let error as HistoryError: error.description
    case let error as OrgStoreError: error.description
    default: "\(error)"
    }
  }

  /// Work trees (a `.git` folder or file) and bare repositories up to three folders deep, sorted; the
  /// inside of a repository is not searched further.
  public static func findClones(under folder: URL, depth: Int = 3) -> [URL] {
    var found: [URL] = []
    func visit(_ url: URL, _ level: Int) {
      let manager = FileManager.default
      if manager.fileExists(atPath: url.appendingPathComponent(".git").path) || isBare(url) {
        found.append(url)
        return
      }
      guard level < depth,
        let entries = try? manager.contentsOfDirectory(
          at: url, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey])
      else { return }
      for entry in entries.sorted(by: { $0.path < $1.path }) {
        let values = try? entry.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
        guard values?.isDirectory == true, values?.isSymbolicLink != true,
          !entry.lastPathComponent.hasPrefix(".")
        else { continue }
        visit(entry, level + 1)
      }
    }
    visit(folder, 0)
    return found
  }

  static func isBare(_ url: URL) -> Bool {
    let manager = FileManager.default
    return manager.fileExists(atPath: url.appendingPathComponent("HEAD").path)
      && manager.fileExists(atPath: url.appendingPathComponent("objects").path)
      && manager.fileExists(atPath: url.appendingPathComponent("refs").path)
  }
}

/// Hands out indexes to worker threads.
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  func take(below limit: Int) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard value < limit else { return nil }
    value += 1
    return value - 1
  }

  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}

private final class OutcomeList: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [MineReposCommand.Outcome?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ outcome: MineReposCommand.Outcome) {
    lock.lock()
    slots[index] = outcome
    lock.unlock()
  }

  var values: [MineReposCommand.Outcome] {
    lock.lock()
    defer { lock.unlock() }
    return slots.compactMap { $0 }
  }
}
