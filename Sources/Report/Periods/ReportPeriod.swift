import OutcomeModel

/// A half-open time range `[start, end)` in Unix seconds (UTC) with the label users typed or see.
///
/// A change belongs to the period in which it landed (its commit time on the mainline).
public struct ReportPeriod: Hashable, Sendable, Codable {
  public enum Kind: String, Hashable, Sendable, Codable {
    case quarter, month, range, all
  }

  public var kind: Kind
  public var label: String
  public var start: Int64
  public var end: Int64

  public init(kind: Kind, label: String, start: Int64, end: Int64) {
    self.kind = kind
    self.label = label
    self.start = start
    self.end = end
  }

  public func contains(_ seconds: Int64) -> Bool { seconds >= start && seconds < end }

  /// Calendar months overlapping the period, clipped to it: the trend buckets.
  public var months: [ReportPeriod] {
    var result: [ReportPeriod] = []
    var (year, month) = Self.yearMonth(start)
    while true {
      let monthStart = Self.seconds(year, month, 1)
      guard monthStart < end else { break }
      let next = month == 12 ? (year + 1, 1) : (year, month + 1)
      let monthEnd = Self.seconds(next.0, next.1, 1)
      result.append(
        ReportPeriod(
          kind: .month, label: Self.monthLabel(year, month), start: max(start, monthStart),
          end: min(end, monthEnd)))
      (year, month) = next
    }
    return result
  }

  /// True when an outcome measured `horizonDays` after landing is not yet known for every change in
  /// the period, given history observed up to `observedUntil`.
  public func isProvisional(horizonDays: Int, observedUntil: Int64) -> Bool {
    end - 1 + Int64(horizonDays) * 86_400 > observedUntil
  }

  static func seconds(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
    Timestamp.parse(Self.dateText(year, month, day))!
  }

  static func dateText(_ year: Int, _ month: Int, _ day: Int) -> String {
    let y = String(repeating: "0", count: max(0, 4 - "\(year)".count)) + "\(year)"
    return "\(y)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
  }

  static func monthLabel(_ year: Int, _ month: Int) -> String {
    String(dateText(year, month, 1).prefix(7))
  }

  static func yearMonth(_ seconds: Int64) -> (Int, Int) {
    let text = Timestamp.iso8601(seconds)
    return (Int(text.prefix(4))!, Int(text.dropFirst(5).prefix(2))!)
  }
}
