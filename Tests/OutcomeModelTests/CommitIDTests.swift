import OutcomeModel
import XCTest

final class CommitIDTests: XCTestCase {
  func testValidatesAndNormalises() throws {
    let id = try XCTUnwrap(CommitID(hex: "ABCDEF0123456789abcdef0123456789ABCDEF01"))
    XCTAssertEqual(id.hex, "abcdef0123456789abcdef0123456789abcdef01")
    XCTAssertEqual(id.short, "abcdef0123")
    XCTAssertNil(CommitID(hex: "abc"))
    XCTAssertNil(CommitID(hex: String(repeating: "g", count: 40)))
  }

  func testCodableRejectsBadIds() throws {
    let good = try JSONDecoder().decode(
      [CommitID].self, from: Data(#"["\#(String(repeating: "a", count: 40))"]"#.utf8))
    XCTAssertEqual(good.first?.hex.count, 40)
    XCTAssertThrowsError(try JSONDecoder().decode([CommitID].self, from: Data(#"["nope"]"#.utf8)))
  }

  func testSubjectIsTheFirstLine() {
    let signature = Signature(name: "A", email: "a@example.com", time: 0, offsetMinutes: 0)
    let commit = CommitInfo(
      id: CommitID(trusted: String(repeating: "0", count: 40)), parents: [], author: signature,
      committer: signature, message: "Subject line\n\nBody\n", trailers: [])
    XCTAssertEqual(commit.subject, "Subject line")
    XCTAssertFalse(commit.isMerge)
  }
}
