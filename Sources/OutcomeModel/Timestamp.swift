/// UTC timestamps as the fact table writes them, and the date forms users type on the command line.
public enum Timestamp {
  /// `2026-03-05T14:07:09Z` from Unix seconds, without Foundation formatters (hot path: every change).
  public static func iso8601(_ seconds: Int64) -> String {
    let days = floorDivide(seconds, 86_400)
    let secondsOfDay = Int(seconds - days * 86_400)
    let (year, month, day) = civil(fromDays: days)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let yearText =
      year >= 0 && year < 10_000 ? String(repeating: "0", count: 4 - "\(year)".count) + "\(year)" : "\(year)"
    return
      "\(yearText)-\(two(month))-\(two(day))T\(two(secondsOfDay / 3600)):\(two(secondsOfDay % 3600 / 60)):\(two(secondsOfDay % 60))Z"
  }

  /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` with optional `Z` or `±HH[:]MM`; nil when malformed.
  /// A bare date means midnight UTC.
  public static func parse(_ text: String) -> Int64? {
    let chars = Array(text.utf8)
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= chars.count else { return nil }
      var value = 0
      for index in range {
        let c = chars[index]
        guard c >= 48 && c <= 57 else { return nil }
        value = value * 10 + Int(c - 48)
      }
      return value
    }
    guard chars.count >= 10, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var seconds = days(fromCivil: year, month, day) * 86_400
    guard chars.count > 10 else { return seconds }
    guard chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " "),
      let hour = number(11..<13), chars.count >= 16, chars[13] == UInt8(ascii: ":"),
      let minute = number(14..<16), hour < 24, minute < 60
    else { return nil }
    seconds += Int64(hour * 3600 + minute * 60)
    var cursor = 16
    if cursor < chars.count, chars[cursor] == UInt8(ascii: ":") {
      guard let second = number(17..<19), second < 61 else { return nil }
      seconds += Int64(second)
      cursor = 19
      if cursor < chars.count, chars[cursor] == UInt8(ascii: ".") {
        cursor += 1
        while cursor < chars.count, chars[cursor] >= 48 && chars[cursor] <= 57 { cursor += 1 }
      }
    }
    guard cursor < chars.count else { return seconds }
    if chars[cursor] == UInt8(ascii: "Z") { return cursor + 1 == chars.count ? seconds : nil }
    guard chars[cursor] == UInt8(ascii: "+") || chars[cursor] == UInt8(ascii: "-") else { return nil }
    let sign: Int64 = chars[cursor] == UInt8(ascii: "+") ? 1 : -1
    let offsetText = chars[(cursor + 1)...].filter { $0 != UInt8(ascii: ":") }
    guard offsetText.count == 4 else { return nil }
    let digits = offsetText.map { Int($0) - 48 }
    guard digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
    let offset = Int64((digits[0] * 10 + digits[1]) * 3600 + (digits[2] * 10 + digits[3]) * 60)
    return seconds - sign * offset
  }

  private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    a >= 0 ? a / b : -((-a + b - 1) / b)
  }

  // Howard Hinnant's days-from-civil algorithms: exact for the proleptic Gregorian calendar.
  static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    return (Int(year), Int(month), Int(day))
  }

  static func days(fromCivil year0: Int, _ month: Int, _ day: Int) -> Int64 {
    let year = Int64(month <= 2 ? year0 - 1 : year0)
    let era = (year >= 0 ? year : year - 399) / 400
    let yoe = year - era * 400
    let mp = Int64(month > 2 ? month - 3 : month + 9)
    let doy = (153 * mp + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
