import OutcomeModel

extension SelfCheckWindows {
  /// Where the windows end: `--until` when given; else today, unless history ended before today (a
  /// clone fetched months ago), where two windows ending today would both be empty: then the end of
  /// history, with a note saying so.
  public static func anchor(until: Int64?, now: Int64, historyEnd: Int64?) -> (end: Int64, note: String?) {
    if let until { return (until, nil) }
    let today = now - now % 86_400
    guard let historyEnd, historyEnd < today else { return (now, nil) }
    let days = (today - historyEnd) / 86_400 + 1
    let end = historyEnd + 1
    return (
      end,
      "History ends \(Timestamp.iso8601(historyEnd).prefix(10)), \(days) day\(days == 1 ? "" : "s") before today: the windows end there, not today (--until DATE picks another end)."
    )
  }
}
