import Foundation

/// Where the tests' data lives, relative to this file so the suite runs from any directory.
enum Paths {
  static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let fixtures = tests.appendingPathComponent("Fixtures")
  static let samples = tests.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
    "samples")

  static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
  static func sample(_ name: String) -> String { samples.appendingPathComponent(name).path }
}

func iso(_ text: String) -> Date {
  ISO8601DateFormatter().date(from: text)!
}

func sha(_ digit: Character) -> String { String(repeating: digit, count: 40) }
