import Foundation
import TestSupport
import XCTest

/// `outcomes report` end to end: teams, suppression, renderers, bad input.
final class ReportCommandTests: XCTestCase {
  /// Team `api` has six authors, team `web` four (below the default minimum of five).
  func makeRepo() throws -> FixtureRepo {
    let repo = try FixtureRepo()
    let apiPeople = (1...6).map { Person(name: "Api \($0)", email: "api\($0)@example.com") }
    let webPeople = (1...4).map { Person(name: "Web \($0)", email: "web\($0)@example.com") }
    try repo.write("README.md", "demo\n")
    try repo.commit("Start", day: 500)
    for round in 0..<8 {
      for (index, person) in apiPeople.enumerated() {
        let ai = (round + index) % 3 == 0
        try repo.write(
          "api/f\(index).txt", (0...round).map { "api \(index) line \($0)" }.joined(separator: "\n") + "\n")
        let message =
          "Api change \(round)-\(index)" + (ai ? "\n\nCo-Authored-By: Claude <noreply@anthropic.com>" : "")
        try repo.commit(message, author: person, day: 501 + round * 7 + index)
      }
      for (index, person) in webPeople.enumerated() {
        try repo.write(
          "web/g\(index).txt", (0...round).map { "web \(index) line \($0)" }.joined(separator: "\n") + "\n")
        try repo.commit("Web change \(round)-\(index)", author: person, day: 501 + round * 7 + index)
      }
    }
    return repo
  }

  func testDefaultReportIsMarkdownAndHidesTheSmallTeam() throws {
    let repo = try makeRepo()
    let result = try outcomes(["report", "--repo", repo.url.path, "--quiet"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.hasPrefix("# "), result.stdout)
    XCTAssertTrue(result.stdout.contains("api"), "the six-author team is shown")
    XCTAssertFalse(result.stdout.contains("## web"), "the four-author team is suppressed")
    XCTAssertTrue(result.stdout.contains("2 teams not shown"), "web and the root folder: \(result.stdout)")
    for email in ["api1@example.com", "Api 1", "web1@example.com"] {
      XCTAssertFalse(result.stdout.contains(email), "people are never listed: \(email)")
    }
  }

  func testOutWritesEveryFormatAndJSONParses() throws {
    let repo = try makeRepo()
    let folder = repo.root.appendingPathComponent("out")
    let result = try outcomes([
      "report", "--repo", repo.url.path, "--quiet", "--out", folder.path, "--min-authors", "3",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    for name in ["report.md", "report.json", "report.csv", "report.html"] {
      XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), name)
    }
    let json = try JSONSerialization.jsonObject(
      with: Data(contentsOf: folder.appendingPathComponent("report.json")))
    let teams = try XCTUnwrap((json as? [String: Any])?["teams"] as? [[String: Any]])
    XCTAssertEqual(
      Set(teams.compactMap { $0["team"] as? String }), ["api", "web"], "with --min-authors 3 both show")
    let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
    XCTAssertTrue(html.contains("<svg"), "charts are inline SVG")
    XCTAssertFalse(html.contains("<script src"), "no scripts from elsewhere")
  }

  func testTeamsFileAndBadInput() throws {
    let repo = try makeRepo()
    let teams = repo.root.appendingPathComponent("teams.yml")
    try "teams:\n  everyone:\n    members: ['*@example.com']\n".write(
      to: teams, atomically: true, encoding: .utf8)
    let result = try outcomes([
      "report", "--repo", repo.url.path, "--quiet", "--teams", teams.path, "--format", "csv",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("everyone"), result.stdout)
    XCTAssertFalse(result.stdout.contains("api,"), "the teams file replaces folder teams")

    assertUsageFailure(
      try outcomes(["report", "--repo", repo.url.path, "--min-authors", "2"]), contains: "--min-authors")
    assertUsageFailure(
      try outcomes(["report", "--repo", repo.url.path, "--quarter", "2026Q9", "-q"]), contains: "2026Q9")
    try "teams: [oops\n".write(to: teams, atomically: true, encoding: .utf8)
    assertUsageFailure(
      try outcomes(["report", "--repo", repo.url.path, "--teams", teams.path, "-q"]), contains: "teams.yml")
  }
}
