import TestSupport
import XCTest

final class CloneAndObjectTests: XCTestCase {
  private func threeCommits() throws -> FixtureRepo {
    let repo = try FixtureRepo()
    for day in 0..<3 {
      try repo.write("a.txt", "version \(day)\n")
      try repo.commit("Version \(day)", day: day)
    }
    return repo
  }

  func testShallowCloneIsShallow() throws {
    let origin = try threeCommits()
    let clone = try FixtureRepo.clone(of: origin, depth: 1)
    XCTAssertEqual(try clone.git(["rev-parse", "--is-shallow-repository"]), "true")
    XCTAssertEqual(try clone.git(["rev-list", "--count", "HEAD"]), "1")
    XCTAssertEqual(try clone.revParse("HEAD"), try origin.revParse("HEAD"))
  }

  func testFullCloneIsNotShallow() throws {
    let origin = try threeCommits()
    let clone = try FixtureRepo.clone(of: origin, bare: true)
    XCTAssertTrue(clone.isBare)
    XCTAssertEqual(try clone.git(["rev-parse", "--is-shallow-repository"]), "false")
    XCTAssertEqual(try clone.git(["rev-list", "--count", "HEAD"]), "3")
  }

  func testBloblessCloneLacksOldBlobs() throws {
    let origin = try threeCommits()
    let oldBlob = try origin.blobID(of: "a.txt", at: "HEAD~2")
    let clone = try FixtureRepo.clone(of: origin, bare: true, extraArgs: ["--filter=blob:none"])
    XCTAssertEqual(try clone.git(["config", "remote.origin.promisor"]), "true")
    let missing = try clone.git(["rev-list", "--objects", "--missing=print", "HEAD"])
    XCTAssertTrue(missing.contains("?\(oldBlob)"), missing)
  }

  func testDeleteObjectMakesCatFileFail() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "doomed\n")
    try repo.commit("Add", day: 0)
    let blob = try repo.blobID(of: "a.txt")
    XCTAssertTrue(try repo.hasObject(blob))
    try repo.deleteObject(blob)
    XCTAssertFalse(try repo.hasObject(blob))
    XCTAssertFalse(try repo.gitResult(["cat-file", "-e", blob]).succeeded)
    XCTAssertThrowsError(try repo.deleteObject(blob)) { error in
      XCTAssertTrue("\(error)".contains("not a loose object"), "\(error)")
    }
  }

  func testPackedObjectsCannotBeDeleted() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "packed\n")
    try repo.commit("Add", day: 0)
    try repo.git(["gc", "-q"])
    XCTAssertThrowsError(try repo.deleteObject(repo.blobID(of: "a.txt")))
  }
}
