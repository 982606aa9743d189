import Foundation
import Yams

/// The user's `teams.yml`: who belongs to which team and, optionally, which paths a team owns.
///
/// ```yaml
/// teams:
///   payments:
///     members: [ana@example.com, "*@payments.example.com"]   # emails or email globs
///     logins: [ana-gh]                                         # tracker / forge logins
///     paths: [services/payments/, "libs/money/**"]            # CODEOWNERS-style patterns
/// bots: [release-bot@example.com, "*-automation@example.com"]  # in-house bots: cohort `bot`
/// ```
public struct TeamFile: Sendable, Hashable {
  public struct Team: Sendable, Hashable {
    public var name: String
    /// Lowercased emails or email globs (`*@payments.example.com`).
    public var members: [String]
    /// Lowercased tracker logins.
    public var logins: [String]
    public var paths: [PathPattern]
  }

  /// Teams sorted by name, so results never depend on YAML map order.
  public var teams: [Team]
  /// Authors (emails or globs) whose changes are automation, cohort `bot`.
  public var bots: [String] = []

  public init(teams: [Team], bots: [String] = []) {
    self.teams = teams.sorted { $0.name < $1.name }
    self.bots = bots
  }

  /// Parses `teams.yml`; throws `TeamFileError` with a one-line reason.
  public init(yaml: String) throws {
    let root: Any?
    do {
      root = try Yams.load(yaml: yaml)
    } catch {
      throw TeamFileError(reason: "teams file is not valid YAML: \(error)")
    }
    guard let top = root as? [String: Any], let map = top["teams"] as? [String: Any] else {
      throw TeamFileError(reason: "teams file needs a top-level `teams:` map of team names")
    }
    var teams: [Team] = []
    for (name, value) in map {
      let fields = value as? [String: Any] ?? [:]
      for key in fields.keys where !["members", "logins", "paths"].contains(key) {
        throw TeamFileError(reason: "team \(name): unknown key `\(key)` (use members, logins, paths)")
      }
      func strings(_ key: String) throws -> [String] {
        guard let raw = fields[key] else { return [] }
        guard let list = raw as? [Any] else {
          throw TeamFileError(reason: "team \(name): `\(key)` must be a list")
        }
        return list.map { "\($0)" }
      }
      teams.append(
        Team(
          name: name,
          members: try strings("members").map { $0.lowercased() },
          logins: try strings("logins").map { $0.lowercased() },
          paths: try strings("paths").map(PathPattern.init)))
    }
    guard top["bots"] == nil || top["bots"] is [Any] else {
      throw TeamFileError(reason: "teams file: `bots` must be a list of emails or globs")
    }
    self.init(teams: teams, bots: (top["bots"] as? [Any] ?? []).map { "\($0)" })
  }

  /// Reads and parses a file.
  public init(contentsOf url: URL) throws {
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw TeamFileError(reason: "cannot read teams file \(url.path): \(error.localizedDescription)")
    }
    try self.init(yaml: text)
  }
}

/// A teams file or CODEOWNERS file that cannot be used, with a one-line reason.
public struct TeamFileError: Error, Sendable, Hashable, CustomStringConvertible {
  public var reason: String
  public var description: String { reason }
}

extension TeamFile.Team {
  /// Membership by email (exact or glob, case-insensitive) or tracker login.
  func hasMember(email: String, login: String?) -> Bool {
    let email = email.lowercased()
    if members.contains(where: { $0 == email || Glob.matches($0, email) }) { return true }
    if let login = login?.lowercased(), logins.contains(login) { return true }
    return false
  }
}
