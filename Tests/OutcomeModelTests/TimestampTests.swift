import OutcomeModel
import XCTest

final class TimestampTests: XCTestCase {
  func testFormatsKnownInstants() {
    XCTAssertEqual(Timestamp.iso8601(0), "1970-01-01T00:00:00Z")
    XCTAssertEqual(Timestamp.iso8601(951_782_400), "2000-02-29T00:00:00Z")
    XCTAssertEqual(Timestamp.iso8601(1_782_918_245), "2026-07-01T15:04:05Z")
    XCTAssertEqual(Timestamp.iso8601(-1), "1969-12-31T23:59:59Z")
  }

  func testFormattingAgreesWithFoundationOverManyInstants() {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    var seconds: Int64 = -2_000_000_000
    while seconds < 4_000_000_000 {
      XCTAssertEqual(
        Timestamp.iso8601(seconds), formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
      )
      seconds += 7_777_777
    }
  }

  func testParsesTheFormsUsersType() {
    XCTAssertEqual(Timestamp.parse("2026-07-01"), 1_782_864_000)
    XCTAssertEqual(Timestamp.parse("2026-07-01T15:04:05Z"), 1_782_918_245)
    XCTAssertEqual(Timestamp.parse("2026-07-01T15:04:05.250Z"), 1_782_918_245)
    XCTAssertEqual(Timestamp.parse("2026-07-01T17:04:05+02:00"), 1_782_918_245)
    XCTAssertEqual(Timestamp.parse("2026-07-01T23:04:05+0800"), 1_782_918_245)
    XCTAssertEqual(Timestamp.parse("2026-07-01 15:04"), 1_782_918_240)
  }

  func testRejectsMalformedDates() {
    for text in [
      "", "yesterday", "2026-13-01", "2026-7-1", "2026-07-01T25:00", "2026-07-01T10:00+2", "2026-07-01Tx",
    ] {
      XCTAssertNil(Timestamp.parse(text), text)
    }
  }
}
