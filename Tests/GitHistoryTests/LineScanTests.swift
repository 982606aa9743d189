import XCTest

@testable import GitHistory

/// The C line scanner against a plain Swift reading of the same bytes: line numbers, the filter, the
/// hashes, and skipping ahead, across the 64-byte blocks it reads and the buffer's last bytes.
final class LineScanTests: XCTestCase {
  /// Byte ranges of each line as `git` reads them: through its `\n`, the last one possibly without.
  private func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == 0x0A {
      ranges.append(start..<(index + 1))
      start = index + 1
    }
    if start < bytes.count { ranges.append(start..<bytes.count) }
    return ranges
  }

  /// Lines of many lengths (empty, 1–7 bytes, exactly 8, longer than a 64-byte block), some repeated,
  /// some sharing their first eight bytes, so the filter passes part of them.
  private func sample(seed: UInt64, lines: Int, endsWithNewline: Bool) -> [UInt8] {
    var state = seed
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    var bytes: [UInt8] = []
    for line in 0..<lines {
      let length = [0, 1, 3, 7, 8, 9, 15, 63, 64, 65, 130][Int(next() % 11)]
      let shared = next() % 3 == 0
      for column in 0..<length {
        bytes.append(shared && column < 8 ? UInt8(ascii: "k") : UInt8(97 + (next() % 26)))
      }
      if line < lines - 1 || endsWithNewline { bytes.append(0x0A) }
    }
    return bytes
  }

  func testFilteredLinesMatchALineByLineReading() {
    for (seed, endsWithNewline) in [(1, true), (2, false), (3, true), (4, false)] {
      let bytes = sample(seed: UInt64(seed), lines: 2_000, endsWithNewline: endsWithNewline)
      bytes.withUnsafeBytes { raw in
        let ranges = lineRanges(bytes)
        // Keys of every third line and the last, so most lines are dropped and some pass by sharing a key.
        var keys = LineKeys()
        for range in ranges.enumerated() where range.offset % 3 == 0 || range.offset == ranges.count - 1 {
          keys.insert(raw, range.element.lowerBound, range.element.upperBound)
        }
        var expectedNumbers: [Int32] = []
        var expectedHashes: [UInt64] = []
        for (number, range) in ranges.enumerated()
        where keys.contains(raw, range.lowerBound, range.upperBound) {
          expectedNumbers.append(Int32(number))
          expectedHashes.append(BlobLines.hash(raw, range.lowerBound, range.upperBound))
        }
        let scanned = BlobLines(raw, keys: keys)
        // More than one 512-line output chunk, so the scan resumed at least once.
        XCTAssertGreaterThan(expectedNumbers.count, 600, "seed \(seed)")
        XCTAssertEqual(scanned.numbers, expectedNumbers, "seed \(seed)")
        XCTAssertEqual(scanned.hashes, expectedHashes, "seed \(seed)")
      }
    }
  }

  func testHashAndKeyDependOnlyOnTheLineBytes() {
    // The same line at the very end of a buffer (no whole word readable past it) and in the middle of
    // a longer one must hash and key alike.
    let line = Array("abc\n".utf8)
    let padded = Array("0123456789\n".utf8) + line + Array("tail of the buffer\n".utf8)
    line.withUnsafeBytes { alone in
      padded.withUnsafeBytes { inside in
        XCTAssertEqual(BlobLines.hash(alone, 0, 4), BlobLines.hash(inside, 11, 15))
        var keys = LineKeys()
        keys.insert(alone, 0, 4)
        XCTAssertTrue(keys.contains(inside, 11, 15))
        XCTAssertNotEqual(BlobLines.hash(inside, 11, 15), BlobLines.hash(inside, 11, 14))
      }
    }
  }

  func testSkipReachesTheSameOffsetAsCountingNewlines() {
    let bytes = sample(seed: 9, lines: 700, endsWithNewline: false)
    bytes.withUnsafeBytes { raw in
      let ranges = lineRanges(bytes)
      for from in [0, 1, 37, 64, 129, 350, 699] {
        for count in [0, 1, 2, 63, 64, 65, 200] {
          let expected = from + count < ranges.count ? ranges[from + count].lowerBound : bytes.count
          XCTAssertEqual(
            BlobLines.skip(count, in: raw, from: ranges[from].lowerBound), expected,
            "from \(from) by \(count)")
        }
      }
      XCTAssertEqual(BlobLines.skip(5, in: raw, from: bytes.count), bytes.count)
    }
  }
}
