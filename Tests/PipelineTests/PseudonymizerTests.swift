import Foundation
import XCTest

@testable import Pipeline

final class PseudonymizerTests: XCTestCase {
  func testSameSaltSameIdAcrossCaseAndSpace() {
    let a = Pseudonymizer(salt: "org-salt")
    let b = Pseudonymizer(salt: "org-salt")
    XCTAssertEqual(a.id(forEmail: "Dana@Example.com "), b.id(forEmail: "dana@example.com"))
    XCTAssertTrue(a.id(forEmail: "dana@example.com").hasPrefix("p_"))
    XCTAssertEqual(a.id(forEmail: "dana@example.com").count, 18)
  }

  func testDifferentSaltOrPersonDifferentId() {
    let a = Pseudonymizer(salt: "one")
    let b = Pseudonymizer(salt: "two")
    XCTAssertNotEqual(a.id(forEmail: "dana@example.com"), b.id(forEmail: "dana@example.com"))
    XCTAssertNotEqual(a.id(forEmail: "dana@example.com"), a.id(forEmail: "sam@example.com"))
  }

  func testMatchesHMACSHA256Reference() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    let id = Pseudonymizer(salt: "Jefe").id(forEmail: "what do ya want for nothing?")
    XCTAssertEqual(id, "p_5bdcc146bf60754e")
  }

  func testIdentifyingModeKeepsTheEmail() {
    XCTAssertEqual(Pseudonymizer.identifying.id(forEmail: "Dana@Example.com"), "dana@example.com")
  }

  func testRepositorySaltIsCreatedOnceAndReused() throws {
    let gitDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: gitDirectory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: gitDirectory) }
    let first = try Pseudonymizer.forRepository(gitDirectory: gitDirectory, environment: [:])
    let second = try Pseudonymizer.forRepository(gitDirectory: gitDirectory, environment: [:])
    XCTAssertEqual(first.id(forEmail: "x@example.com"), second.id(forEmail: "x@example.com"))
    let salt = try String(contentsOf: gitDirectory.appendingPathComponent("outcomes/salt"), encoding: .utf8)
    XCTAssertEqual(salt.trimmingCharacters(in: .whitespacesAndNewlines).count, 64)
    let attributes = try FileManager.default.attributesOfItem(
      atPath: gitDirectory.appendingPathComponent("outcomes/salt").path)
    XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    let fromEnvironment = try Pseudonymizer.forRepository(
      gitDirectory: gitDirectory, environment: ["OUTCOMES_SALT": "shared"])
    XCTAssertEqual(
      fromEnvironment.id(forEmail: "x@example.com"),
      Pseudonymizer(salt: "shared").id(forEmail: "x@example.com"))
  }
}
