import Foundation

/// Decides which teams a change belongs to.
///
/// Sources, in order of preference (the first that exists is used for the whole report):
/// 1. a `teams.yml`: the author's teams by email, email glob or tracker login; when the author is in
///    no team, the teams whose `paths` own most of the change's files;
/// 2. CODEOWNERS (`.github/`, root, `docs/`; the first found): the `@org/team` owners of most of the
///    change's files, each file owned by its last matching rule;
/// 3. one team per top-level folder; dot-folders (`.github`, `.vscode`) and files at the root are no
///    team's and belong to one `repository-wide` group.
///
/// "Most of the files" is a plurality: the team(s) owning the largest number of changed files, ties
/// all kept, so a tree-wide edit does not count against every team. A change that maps to several
/// teams (a person in two teams, a tie) counts in full in each of them; there is no cross-team total,
/// so nothing is counted twice in one figure. A change no rule covers belongs to `unassigned`.
public struct TeamResolver: Sendable {
  public enum Source: String, Sendable, Codable {
    case teamsFile = "teams-file"
    case codeOwners = "codeowners"
    case topLevelFolders = "top-level-folders"
  }

  public static let unassigned = "unassigned"
  /// Root files and top-level dot-folders when teams are folders: configuration, CI, docs at the root.
  public static let repositoryWide = "repository-wide"

  public let source: Source
  private let teamFile: TeamFile?
  private let codeOwners: CodeOwners?

  public init(teamFile: TeamFile) {
    source = .teamsFile
    self.teamFile = teamFile
    codeOwners = nil
  }

  public init(codeOwners: CodeOwners) {
    source = .codeOwners
    teamFile = nil
    self.codeOwners = codeOwners
  }

  /// One team per top-level folder.
  public init() {
    source = .topLevelFolders
    teamFile = nil
    codeOwners = nil
  }

  /// Picks the source from what exists: teams file text, else CODEOWNERS text, else folders.
  public init(teamsYAML: String?, codeOwnersText: String?) throws {
    if let teamsYAML {
      self.init(teamFile: try TeamFile(yaml: teamsYAML))
    } else if let codeOwnersText {
      self.init(codeOwners: CodeOwners(parsing: codeOwnersText))
    } else {
      self.init()
    }
  }

  /// Reads `teamsFile` when given, else the first CODEOWNERS under `repositoryRoot`, else folders.
  public static func discover(teamsFile: URL?, repositoryRoot: URL?) throws -> TeamResolver {
    if let teamsFile { return TeamResolver(teamFile: try TeamFile(contentsOf: teamsFile)) }
    if let repositoryRoot {
      for candidate in CodeOwners.candidatePaths {
        let url = repositoryRoot.appendingPathComponent(candidate)
        if let text = try? String(contentsOf: url, encoding: .utf8) {
          return TeamResolver(codeOwners: CodeOwners(parsing: text))
        }
      }
    }
    return TeamResolver()
  }

  /// Team names for one change, sorted and never empty.
  ///
  /// - Parameters:
  ///   - email: the author's canonical email (after mailmap), before pseudonymisation.
  ///   - login: the author's tracker login when known (from the PR export).
  ///   - paths: repository-relative paths the change touched.
  public func teams(email: String, login: String? = nil, paths: [String]) -> [String] {
    let found: [String]
    switch source {
    case .teamsFile:
      let teams = teamFile?.teams ?? []
      let byMember = teams.filter { $0.hasMember(email: email, login: login) }.map(\.name)
      found =
        byMember.isEmpty
        ? Self.plurality(paths) { path in teams.filter { $0.paths.contains { $0.matches(path) } }.map(\.name)
        }
        : byMember
    case .codeOwners:
      found = Self.plurality(paths) { codeOwners?.teams(for: $0) ?? [] }
    case .topLevelFolders:
      found = Self.plurality(paths) { path in
        let parts = path.split(separator: "/", maxSplits: 1)
        return [parts.count > 1 && !parts[0].hasPrefix(".") ? String(parts[0]) : Self.repositoryWide]
      }
    }
    return found.isEmpty ? [Self.unassigned] : Array(Set(found)).sorted()
  }

  private static func plurality(_ paths: [String], _ owners: (String) -> [String]) -> [String] {
    var counts: [String: Int] = [:]
    for path in paths {
      for team in Set(owners(path)) { counts[team, default: 0] += 1 }
    }
    guard let best = counts.values.max() else { return [] }
    return counts.filter { $0.value == best }.map(\.key)
  }
}
