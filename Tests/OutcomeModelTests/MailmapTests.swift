import OutcomeModel
import XCTest

final class MailmapTests: XCTestCase {
  let map = Mailmap(
    parsing: """
      # comment line
      Dana Example <dana@example.com>
      <dana@example.com> <dana@old.example.com>
      Dana Example <dana@example.com> dana <DANA@laptop.local>
      Sam Other <sam@example.com> <sam@example.org> # trailing comment
      junk without brackets
      """)

  func testReplacesNameByEmail() {
    XCTAssertEqual(map.resolve(name: "dana", email: "dana@example.com").name, "Dana Example")
  }

  func testReplacesEmailCaseInsensitively() {
    let resolved = map.resolve(name: "Dana E", email: "Dana@Old.Example.com")
    XCTAssertEqual(resolved.email, "dana@example.com")
    XCTAssertEqual(resolved.name, "Dana E")
  }

  func testNameAndEmailEntryOnlyMatchesThatName() {
    XCTAssertEqual(map.resolve(name: "Dana", email: "dana@laptop.local").email, "dana@example.com")
    XCTAssertEqual(map.resolve(name: "Someone", email: "dana@laptop.local").email, "dana@laptop.local")
  }

  func testTrailingCommentAndUnknownIdentities() {
    XCTAssertEqual(map.resolve(name: "s", email: "sam@example.org").email, "sam@example.com")
    XCTAssertEqual(map.resolve(name: "Eve", email: "eve@example.com").email, "eve@example.com")
  }
}
