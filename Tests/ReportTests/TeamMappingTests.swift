import XCTest

@testable import Report

final class TeamMappingTests: XCTestCase {
  /// Examples from GitHub's CODEOWNERS documentation.
  func testPatternsFollowGitHubSemantics() {
    func check(_ pattern: String, _ yes: [String], _ no: [String]) {
      let p = PathPattern(pattern)
      for path in yes { XCTAssertTrue(p.matches(path), "\(pattern) should match \(path)") }
      for path in no { XCTAssertFalse(p.matches(path), "\(pattern) should not match \(path)") }
    }
    check("*", ["a.txt", "x/y/z.go"], [])
    check("*.js", ["app.js", "web/src/app.js"], ["app.jsx", "js/readme.md"])
    check("/build/logs/", ["build/logs/a.log", "build/logs/x/y.log"], ["build/logs", "x/build/logs/a.log"])
    check("docs/*", ["docs/getting-started.md"], ["docs/build-app/troubleshooting.md", "x/docs/a.md"])
    check("apps/", ["apps/a.swift", "src/apps/b/c.swift"], ["apps", "myapps/a"])
    check("/docs/", ["docs/a.md", "docs/x/y.md"], ["src/docs/a.md"])
    check("/scripts/", ["scripts/run.sh"], ["app/scripts/run.sh"])
    check("**/logs", ["logs/a", "build/logs/a", "deeply/nested/logs/x/y"], ["logsx/a"])
    check("src/**/test_*.py", ["src/test_a.py", "src/a/b/test_c.py"], ["src/a/c.py", "lib/src/test_a.py"])
    check("services/pay?ents/", ["services/payments/a"], ["services/paymments/a"])
  }

  func testCodeOwnersLastMatchingRuleWins() {
    let owners = CodeOwners(
      parsing: """
        # default owners
        *                @acme/everyone
        *.js             @acme/web @someone
        /services/       @acme/backend   # inline comment
        /services/pay/   @acme/payments
        /services/pay/README.md  @alice
        docs/*           @acme/docs docs@example.com
        """)
    XCTAssertEqual(owners.teams(for: "main.go"), ["acme/everyone"])
    XCTAssertEqual(owners.teams(for: "web/app.js"), ["acme/web"])
    XCTAssertEqual(owners.teams(for: "services/api/app.js"), ["acme/backend"])
    XCTAssertEqual(owners.teams(for: "services/pay/charge.go"), ["acme/payments"])
    // A later rule with only a personal owner takes the file away from every team.
    XCTAssertEqual(owners.teams(for: "services/pay/README.md"), [])
    XCTAssertEqual(owners.teams(for: "docs/intro.md"), ["acme/docs"])
    XCTAssertEqual(owners.teams(for: "docs/deep/intro.md"), ["acme/everyone"])
  }

  func testCodeOwnersLocationsInGitHubOrder() throws {
    XCTAssertEqual(CodeOwners.candidatePaths, [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"])
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("owners-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent(".github"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
    try "* @acme/docs-dir\n".write(
      to: root.appendingPathComponent("docs/CODEOWNERS"), atomically: true, encoding: .utf8)
    XCTAssertEqual(
      try TeamResolver.discover(teamsFile: nil, repositoryRoot: root).teams(email: "x@y", paths: ["a"]),
      ["acme/docs-dir"])
    try "* @acme/root\n".write(
      to: root.appendingPathComponent("CODEOWNERS"), atomically: true, encoding: .utf8)
    XCTAssertEqual(
      try TeamResolver.discover(teamsFile: nil, repositoryRoot: root).teams(email: "x@y", paths: ["a"]),
      ["acme/root"])
    try "* @acme/github\n".write(
      to: root.appendingPathComponent(".github/CODEOWNERS"), atomically: true, encoding: .utf8)
    let resolver = try TeamResolver.discover(teamsFile: nil, repositoryRoot: root)
    XCTAssertEqual(resolver.source, .codeOwners)
    XCTAssertEqual(resolver.teams(email: "x@y", paths: ["a"]), ["acme/github"])
    // A teams file, when given, beats CODEOWNERS.
    let teams = root.appendingPathComponent("teams.yml")
    try "teams:\n  core:\n    members: [x@y]\n".write(to: teams, atomically: true, encoding: .utf8)
    XCTAssertEqual(
      try TeamResolver.discover(teamsFile: teams, repositoryRoot: root).teams(email: "X@Y", paths: ["a"]),
      ["core"])
  }

  func testCodeOwnersPluralityOfFiles() {
    let resolver = TeamResolver(codeOwners: CodeOwners(parsing: "/web/ @o/web\n/api/ @o/api\n"))
    XCTAssertEqual(resolver.teams(email: "a@b", paths: ["web/a", "web/b", "api/c"]), ["o/web"])
    XCTAssertEqual(resolver.teams(email: "a@b", paths: ["web/a", "api/c"]), ["o/api", "o/web"])
    XCTAssertEqual(resolver.teams(email: "a@b", paths: ["other/x"]), [TeamResolver.unassigned])
  }

  func testTeamsFileOverlappingMembershipAndGlobs() throws {
    let file = try TeamFile(
      yaml: """
        teams:
          payments:
            members: [ana@example.com, "*@payments.example.com"]
            logins: [Bo-GH]
            paths: [services/payments/]
          platform:
            members: [ana@example.com]
            paths: ["infra/**", "*.tf"]
          docs:
            paths: [docs/]
        """)
    let resolver = TeamResolver(teamFile: file)
    // A person in two teams: the change counts in both.
    XCTAssertEqual(resolver.teams(email: "Ana@Example.com", paths: ["docs/a.md"]), ["payments", "platform"])
    XCTAssertEqual(resolver.teams(email: "zed@payments.example.com", paths: []), ["payments"])
    XCTAssertEqual(resolver.teams(email: "bo@elsewhere.org", login: "bo-gh", paths: []), ["payments"])
    // Not a member anywhere: paths decide by plurality.
    XCTAssertEqual(resolver.teams(email: "x@y.z", paths: ["infra/a.tf", "main.tf", "docs/a"]), ["platform"])
    XCTAssertEqual(resolver.teams(email: "x@y.z", paths: ["README"]), [TeamResolver.unassigned])
    XCTAssertThrowsError(try TeamFile(yaml: "teams:\n  a:\n    member: [x]\n")) { error in
      XCTAssertTrue("\(error)".contains("unknown key `member`"))
    }
    XCTAssertThrowsError(try TeamFile(yaml: "people: []"))
  }

  func testTopLevelFolderDefault() throws {
    let resolver = try TeamResolver(teamsYAML: nil, codeOwnersText: nil)
    XCTAssertEqual(resolver.source, .topLevelFolders)
    XCTAssertEqual(resolver.teams(email: "a@b", paths: ["api/x.go", "api/y.go", "web/z.ts"]), ["api"])
    XCTAssertEqual(resolver.teams(email: "a@b", paths: ["README.md"]), [TeamResolver.repositoryWide])
    // Dot-folders are no team: CI and editor settings join the root files in one group.
    XCTAssertEqual(
      resolver.teams(email: "a@b", paths: [".github/workflows/ci.yml", "Package.swift"]),
      [TeamResolver.repositoryWide])
    XCTAssertEqual(resolver.teams(email: "a@b", paths: [".github/a.yml", "src/b.c", "src/c.c"]), ["src"])
  }

  func testSampleTeamFileParses() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("samples/teams.yml")
    let file = try TeamFile(contentsOf: url)
    XCTAssertGreaterThanOrEqual(file.teams.count, 2)
  }
}
