import Foundation
import TestSupport
import XCTest

final class HermeticTests: XCTestCase {
  func testOnlyTheFixtureConfigIsVisible() throws {
    let repo = try FixtureRepo()
    let fixtureConfig = repo.root.appendingPathComponent("home/gitconfig").path
    let localConfig = repo.url.appendingPathComponent(".git/config").path
    let origins = try repo.git(["config", "--list", "--show-origin"]).split(separator: "\n").map {
      String($0.prefix { $0 != "\t" })
    }
    XCTAssertFalse(origins.isEmpty)
    for origin in Set(origins) {
      XCTAssertTrue(
        origin == "file:\(fixtureConfig)" || origin == "file:.git/config" || origin == "file:\(localConfig)",
        origin)
    }
    XCTAssertEqual(try repo.git(["config", "init.defaultBranch"]), "main")
    XCTAssertEqual(try repo.git(["config", "core.autocrlf"]), "false")
  }

  // The developer's environment is replaced, not filtered: a global config, an identity and a
  // repository pointed at by GIT_DIR in this process must not reach the fixture's git.
  func testDeveloperEnvironmentDoesNotLeak() throws {
    let trap = try FixtureRepo()
    let bogusHome = trap.root.appendingPathComponent("bogus-home")
    try FileManager.default.createDirectory(at: bogusHome, withIntermediateDirectories: true)
    let bogusConfig = bogusHome.appendingPathComponent(".gitconfig")
    try Data("[user]\n\tname = Leaked Person\n\temail = leak@example.invalid\n[alias]\n\tleak = log\n".utf8)
      .write(to: bogusConfig)
    let saved = ["HOME", "GIT_CONFIG_GLOBAL", "GIT_AUTHOR_NAME", "GIT_DIR", "GIT_CONFIG_NOSYSTEM"].map {
      ($0, ProcessInfo.processInfo.environment[$0])
    }
    defer {
      for (name, value) in saved {
        if let value { setenv(name, value, 1) } else { unsetenv(name) }
      }
    }
    setenv("HOME", bogusHome.path, 1)
    setenv("GIT_CONFIG_GLOBAL", bogusConfig.path, 1)
    setenv("GIT_AUTHOR_NAME", "Leaked Author", 1)
    setenv("GIT_DIR", trap.gitDir.path, 1)
    unsetenv("GIT_CONFIG_NOSYSTEM")

    let repo = try FixtureRepo()
    try repo.write("a.txt", "a\n")
    let sha = try repo.commit("Hermetic", author: .dave, day: 0)
    XCTAssertEqual(
      try repo.git(["log", "-1", "--format=%an <%ae>", sha]), "Dave Dunn <\(Person.dave.email)>")
    let config = try repo.git(["config", "--list", "--show-origin"])
    XCTAssertFalse(config.contains("leak"), config)
    XCTAssertFalse(try repo.gitResult(["leak"]).succeeded)
    XCTAssertFalse(try trap.gitResult(["rev-parse", "--verify", "HEAD"]).succeeded, "commit went to GIT_DIR")
  }

  func testSameScriptGivesSameCommitIDs() throws {
    func script() throws -> String {
      let repo = try FixtureRepo()
      try repo.write("a.txt", "a\n")
      try repo.commit("One", day: 0)
      try repo.tag("v1", annotated: "One", day: 0)
      try repo.write("a.txt", "b\n")
      let sha = try repo.commit("Two", author: .bob, day: 1, offset: "-0700")
      try repo.addNote("note", to: sha)
      return try repo.revParse("HEAD") + (try repo.revParse("refs/notes/ai")) + (try repo.revParse("v1"))
    }
    XCTAssertEqual(try script(), try script())
  }
}
