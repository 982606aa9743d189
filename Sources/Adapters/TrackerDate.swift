import Foundation

/// Parses the date forms trackers write, to UTC `Date`s, without a formatter per call.
///
/// Accepts `2024-03-07T16:40:02Z`, fractional seconds of any length (`.118Z`, `.16Z`), offsets with or
/// without a colon (`+0800`, `+08:00`), a space instead of `T`, and a bare date. Foundation's
/// `ISO8601DateFormatter` needs a different option set for fractions and is slow at 100,000 records.
enum TrackerDate {
  static func parse(_ text: String) -> Date? {
    var utf8 = Array(text.utf8)
    while let last = utf8.last, last == 0x20 { utf8.removeLast() }
    var i = 0
    func digits(_ count: Int) -> Int? {
      guard i + count <= utf8.count else { return nil }
      var value = 0
      for _ in 0..<count {
        let b = utf8[i]
        guard b >= 48 && b <= 57 else { return nil }
        value = value * 10 + Int(b - 48)
        i += 1
      }
      return value
    }
    func expect(_ byte: UInt8) -> Bool {
      guard i < utf8.count, utf8[i] == byte else { return false }
      i += 1
      return true
    }
    guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2),
      (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
    if i == utf8.count { return Date(timeIntervalSince1970: seconds) }
    guard expect(84) || expect(32) || expect(116), let hour = digits(2), expect(58), let minute = digits(2)
    else { return nil }
    var second = 0
    if expect(58) {
      guard let s = digits(2) else { return nil }
      second = s
    }
    seconds += Double(hour * 3600 + minute * 60 + second)
    if expect(46) || expect(44) {
      var scale = 0.1
      var fraction = 0.0
      while i < utf8.count, utf8[i] >= 48, utf8[i] <= 57 {
        fraction += Double(utf8[i] - 48) * scale
        scale /= 10
        i += 1
      }
      seconds += fraction
    }
    if i == utf8.count || expect(90) || expect(122) {
      return i == utf8.count ? Date(timeIntervalSince1970: seconds) : nil
    }
    guard i < utf8.count, utf8[i] == 43 || utf8[i] == 45 else { return nil }
    let sign = utf8[i] == 45 ? -1 : 1
    i += 1
    guard let offsetHours = digits(2) else { return nil }
    _ = expect(58)
    let offsetMinutes = digits(2) ?? 0
    guard i == utf8.count else { return nil }
    seconds -= Double(sign * (offsetHours * 3600 + offsetMinutes * 60))
    return Date(timeIntervalSince1970: seconds)
  }

  /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
  private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
