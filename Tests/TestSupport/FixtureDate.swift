/// A frozen point in time: 2025-01-01T00:00:00Z plus a caller-chosen day and second offset.
///
/// Fixtures never read the clock, so the same script yields the same commit ids on every run.
public struct FixtureDate: Sendable, Hashable {
  /// 2025-01-01T00:00:00Z.
  public static let baseEpoch: Int64 = 1_735_689_600

  /// Seconds since the Unix epoch.
  public let epoch: Int64
  /// The recorded UTC offset as git writes it, e.g. `+0200`.
  public let offset: String
  /// The same offset in minutes east of UTC.
  public let offsetMinutes: Int

  public init(day: Int, seconds: Int = 0, offset: String = "+0000") throws {
    guard let minutes = Self.minutes(of: offset) else { throw FixtureError.badOffset(offset) }
    self.epoch = Self.baseEpoch + Int64(day) * 86_400 + Int64(seconds)
    self.offset = offset
    self.offsetMinutes = minutes
  }

  /// The value for `GIT_AUTHOR_DATE` / `GIT_COMMITTER_DATE` in git's internal `<epoch> <offset>` form.
  public var gitValue: String { "\(epoch) \(offset)" }

  // Parsed by hand so a typo like "+2" fails loudly instead of git silently reading it as something else.
  private static func minutes(of offset: String) -> Int? {
    let chars = Array(offset)
    guard chars.count == 5, chars[0] == "+" || chars[0] == "-",
      chars[1...].allSatisfy({ $0.isASCII && $0.isNumber }),
      let hours = Int(String(chars[1...2])), let mins = Int(String(chars[3...4])), mins < 60
    else { return nil }
    let total = hours * 60 + mins
    return chars[0] == "-" ? -total : total
  }
}
