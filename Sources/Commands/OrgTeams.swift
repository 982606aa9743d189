import Foundation
import OrgStore
import Pipeline
import Report

/// A teams.yml applied to rows that only know pseudonyms (`outcomes report --from … --teams FILE`).
///
/// Each member email is pseudonymised with `OUTCOMES_SALT`, the salt the repositories were published
/// with; a row whose author is a member moves to the member's teams. Everything else cannot be matched
/// after pseudonymisation and is left as published: rows of non-members keep the teams resolved at
/// publish time (that repository's teams.yml, CODEOWNERS or folders, which saw the changed paths), and
/// email globs and logins are skipped with a warning. Give the teams file to `publish` as well to have
/// its globs, logins and paths applied there.
struct PseudonymousTeams {
  private(set) var byAuthor: [String: [String]] = [:]
  private(set) var warnings: [String] = []

  init(file: String, environment: [String: String], repositories: [PublishedRepository]) throws {
    guard let text = FileManager.default.contents(atPath: file).map({ String(decoding: $0, as: UTF8.self) })
    else {
      throw PipelineError.unreadable(path: file, reason: "no such file")
    }
    let teamFile: TeamFile
    do {
      teamFile = try TeamFile(yaml: text)
    } catch {
      throw PipelineError.badInput(
        "\(file): \(String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " "))")
    }
    guard let salt = environment["OUTCOMES_SALT"], !salt.isEmpty else {
      throw PipelineError.badInput(
        "--teams \(file): with --from, members are matched by pseudonym: set OUTCOMES_SALT to the salt the repositories were published with"
      )
    }
    let pseudonymizer = Pseudonymizer(salt: salt)
    let fingerprint = PublishCommand.saltFingerprint(pseudonymizer)
    let matching = repositories.filter { $0.saltFingerprint == fingerprint }.count
    if matching == 0 {
      throw PipelineError.badInput(
        "--teams \(file): OUTCOMES_SALT is not the salt any selected repository was published with, so no member could be matched"
      )
    }
    if matching < repositories.count {
      warnings.append(
        "--teams \(file): \(repositories.count - matching) of \(repositories.count) repositories were published with another salt; their members cannot be matched and keep their published teams"
      )
    }
    var skipped = 0
    for team in teamFile.teams {
      for member in team.members {
        if member.contains(where: { "*?[".contains($0) }) {
          skipped += 1
          continue
        }
        byAuthor[pseudonymizer.id(forEmail: member), default: []].append(team.name)
      }
      skipped += team.logins.count
    }
    for key in byAuthor.keys { byAuthor[key] = Array(Set(byAuthor[key]!)).sorted() }
    if skipped > 0 {
      warnings.append(
        "--teams \(file): \(skipped) email glob(s) and login(s) cannot be matched to pseudonyms and were skipped; authors they cover keep their published teams"
      )
    }
  }

  /// Moves members' rows and pull requests to their teams.
  func apply(to facts: inout StoredFacts) {
    for index in facts.records.indices {
      if let teams = byAuthor[facts.records[index].record.author] {
        facts.records[index].record.teams = teams
        facts.records[index].record.team = teams.first
      }
    }
    for index in facts.pullRequests.indices {
      if let teams = byAuthor[facts.pullRequests[index].pullRequest.author] {
        facts.pullRequests[index].pullRequest.teams = teams
      }
    }
  }
}
