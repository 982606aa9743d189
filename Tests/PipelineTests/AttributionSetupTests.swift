import Foundation
import GitHistory
import OutcomeModel
import Pipeline
import TestSupport
import XCTest

/// What the attribution setup reads besides the catalogue: `bots:` in teams.yml, every notes ref.
final class AttributionSetupTests: XCTestCase {
  func testTeamsFileBotsAndNoteSummary() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "a\n")
    let first = try repo.commit("one", day: 400)
    try repo.addNote("---\n{\"schema_version\":\"authorship/3.0.0\",\"prompts\":{}}\n", to: first)
    try repo.addNote(
      "a.txt\n  e61c0a4 1\n---\n{\"schema_version\":\"authorship/3.0.0\",\"prompts\":{}}\n",
      to: first, ref: "refs/notes/ai-remote/origin")
    let teams = repo.root.appendingPathComponent("teams.yml")
    try
      "teams:\n  core:\n    members: ['*@example.com']\nbots: ['release@example.com', '*-sync@example.org']\n"
      .write(to: teams, atomically: true, encoding: .utf8)
    var request = AttributionRequest()
    request.options.bots = ["cli@example.com"]
    request.teamsFile = teams.path
    let setup = try AttributionSetup(request, repository: try Repository(discovering: repo.url.path))
    XCTAssertEqual(
      setup.attributor.options.bots, ["cli@example.com", "release@example.com", "*-sync@example.org"])
    // refs/notes/ai wins for the commit; the remote copy is read only for commits it lacks.
    XCTAssertEqual(setup.noteSummary.read, 1)
    XCTAssertEqual(setup.noteSummary.metadataOnly, 1)
    XCTAssertEqual(setup.warnings, ["git-ai notes: 1 read (0 with lines, 1 metadata only), 0 skipped"])

    try "bots: 3\nteams: {}\n".write(to: teams, atomically: true, encoding: .utf8)
    XCTAssertThrowsError(
      try AttributionSetup(request, repository: try Repository(discovering: repo.url.path))
    ) {
      XCTAssertTrue(String(describing: $0).contains("`bots` must be a list"), "\($0)")
    }
  }
}
