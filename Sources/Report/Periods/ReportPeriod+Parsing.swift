import Foundation
import OutcomeModel

extension ReportPeriod {
  /// `2026Q3` (also `2026-Q3`, lowercase `q`): July 1 to October 1.
  public static func quarter(_ text: String) throws -> ReportPeriod {
    let cleaned = text.uppercased().replacingOccurrences(of: "-", with: "")
    let parts = cleaned.split(separator: "Q")
    guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let q = Int(parts[1]),
      (1...4).contains(q)
    else { throw PeriodError(reason: "quarter must look like 2026Q3, got `\(text)`") }
    return quarter(year: year, q)
  }

  static func quarter(year: Int, _ q: Int) -> ReportPeriod {
    let firstMonth = (q - 1) * 3 + 1
    let end = q == 4 ? seconds(year + 1, 1, 1) : seconds(year, firstMonth + 3, 1)
    return ReportPeriod(kind: .quarter, label: "\(year)Q\(q)", start: seconds(year, firstMonth, 1), end: end)
  }

  /// `2026-07`: one calendar month.
  public static func month(_ text: String) throws -> ReportPeriod {
    let parts = text.split(separator: "-")
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
      let month = Int(parts[1]), (1...12).contains(month)
    else { throw PeriodError(reason: "month must look like 2026-07, got `\(text)`") }
    let next = month == 12 ? (year + 1, 1) : (year, month + 1)
    return ReportPeriod(
      kind: .month, label: monthLabel(year, month), start: seconds(year, month, 1),
      end: seconds(next.0, next.1, 1))
  }

  /// `--since`/`--until`: dates or timestamps as `Timestamp.parse` reads them. A bare `--until` date
  /// is inclusive (the whole day); either bound may be nil (open) and is then filled from history.
  public static func range(
    since: String?, until: String?, historyStart: Int64, historyEnd: Int64
  ) throws -> ReportPeriod {
    func parse(_ text: String, _ flag: String) throws -> Int64 {
      guard let value = Timestamp.parse(text) else {
        throw PeriodError(reason: "\(flag) must be a date like 2026-07-01, got `\(text)`")
      }
      return value
    }
    let start = try since.map { try parse($0, "--since") } ?? historyStart
    var end = historyEnd + 1
    if let until {
      end = try parse(until, "--until")
      if until.count == 10 { end += 86_400 }
    }
    guard start < end else { throw PeriodError(reason: "--since must be before --until") }
    let label =
      "\(String(Timestamp.iso8601(start).prefix(10)))..\(String(Timestamp.iso8601(end - 1).prefix(10)))"
    return ReportPeriod(kind: .range, label: label, start: start, end: end)
  }

  /// Picks `--quarter`, `--month` or `--since/--until`, else the default period; at most one form.
  public static func parse(
    quarter: String? = nil, month: String? = nil, since: String? = nil, until: String? = nil,
    historyStart: Int64, historyEnd: Int64
  ) throws -> ReportPeriod {
    let forms = [quarter != nil, month != nil, since != nil || until != nil].filter { $0 }.count
    guard forms <= 1 else { throw PeriodError(reason: "give one of --quarter, --month or --since/--until") }
    if let quarter { return try Self.quarter(quarter) }
    if let month { return try Self.month(month) }
    if since != nil || until != nil {
      return try range(since: since, until: until, historyStart: historyStart, historyEnd: historyEnd)
    }
    return defaultPeriod(historyStart: historyStart, historyEnd: historyEnd)
  }
}

/// A period the user typed that cannot be read, with a one-line reason.
public struct PeriodError: Error, Sendable, Hashable, CustomStringConvertible {
  public var reason: String
  public var description: String { reason }
}
