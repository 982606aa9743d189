import OutcomeModel

extension ReportPeriod {
  /// The last full calendar quarter before the one `historyEnd` falls in, or all history when the
  /// history does not cover that whole quarter.
  public static func defaultPeriod(historyStart: Int64, historyEnd: Int64) -> ReportPeriod {
    let (year, month) = yearMonth(historyEnd)
    let current = (month - 1) / 3 + 1
    let last = current == 1 ? quarter(year: year - 1, 4) : quarter(year: year, current - 1)
    if historyStart <= last.start { return last }
    return all(historyStart: historyStart, historyEnd: historyEnd)
  }

  /// Everything from the first to the last change.
  public static func all(historyStart: Int64, historyEnd: Int64) -> ReportPeriod {
    let label =
      "\(String(Timestamp.iso8601(historyStart).prefix(10)))..\(String(Timestamp.iso8601(historyEnd).prefix(10)))"
    return ReportPeriod(kind: .all, label: label, start: historyStart, end: historyEnd + 1)
  }
}

extension ReportPeriod {
  /// First and last commit times of the fact rows: the history `defaultPeriod` and `--since/--until`
  /// fill open ends from, and `observedUntil` for censoring. Nil when no row has a readable time.
  public static func historyBounds(_ records: [ChangeRecord]) -> (start: Int64, end: Int64)? {
    let times = records.compactMap { Timestamp.parse($0.committedAt) }
    guard let start = times.min(), let end = times.max() else { return nil }
    return (start, end)
  }
}
