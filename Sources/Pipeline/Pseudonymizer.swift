import Crypto
import Foundation

/// Turns a person's email into a stable pseudonymous id: HMAC-SHA256 keyed with a salt the user controls.
///
/// The same salt gives the same id in every repository, so an organisation that shares `OUTCOMES_SALT`
/// counts a person once across repositories without anyone's address leaving the machine.
public struct Pseudonymizer: Sendable {
  /// The salt bytes; kept as Data because Crypto's key type is not Sendable.
  private let key: Data?

  /// Ids are raw emails (only for `--identify`; team reports still never show people).
  public static let identifying = Pseudonymizer(key: nil)

  public init(salt: String) {
    key = Data(salt.utf8)
  }

  private init(key: Data?) {
    self.key = key
  }

  /// `OUTCOMES_SALT` when set, else the repository's own salt in `.git/outcomes/salt`, created on first use.
  public static func forRepository(gitDirectory: URL, environment: [String: String]) throws -> Pseudonymizer {
    if let salt = environment["OUTCOMES_SALT"], !salt.isEmpty {
      return Pseudonymizer(salt: salt)
    }
    return Pseudonymizer(salt: try RepositorySalt.loadOrCreate(in: gitDirectory))
  }

  public var identifies: Bool { key == nil }

  /// The id for an email (already resolved through the mailmap by the caller).
  public func id(forEmail email: String) -> String {
    let normalized = email.trimmingCharacters(in: .whitespaces).lowercased()
    guard let key else { return normalized }
    let mac = HMAC<SHA256>.authenticationCode(for: Data(normalized.utf8), using: SymmetricKey(data: key))
    return "p_"
      + mac.prefix(8).map { byte in
        let hex = String(byte, radix: 16)
        return byte < 16 ? "0" + hex : hex
      }.joined()
  }
}

/// The per-repository salt, kept in the git folder so it never lands in the work tree or a commit.
enum RepositorySalt {
  static func loadOrCreate(in gitDirectory: URL) throws -> String {
    let folder = gitDirectory.appendingPathComponent("outcomes", isDirectory: true)
    let file = folder.appendingPathComponent("salt")
    if let existing = try? String(contentsOf: file, encoding: .utf8), !existing.isEmpty {
      return existing.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      var generator = SystemRandomNumberGenerator()
      let salt = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }
        .joined()
      let temporary = folder.appendingPathComponent("salt.\(ProcessInfo.processInfo.processIdentifier).tmp")
      try Data((salt + "\n").utf8).write(to: temporary)
      chmod(temporary.path, 0o600)
      defer { try? FileManager.default.removeItem(at: temporary) }
      // link() never overwrites: when two runs race, both end up reading the one salt that won.
      if link(temporary.path, file.path) != 0 && errno != EEXIST {
        throw PipelineError.cannotWrite(path: file.path, reason: String(cString: strerror(errno)))
      }
    } catch let error as PipelineError {
      throw error
    } catch {
      throw PipelineError.cannotWrite(path: file.path, reason: "\(error.localizedDescription)")
    }
    return try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
