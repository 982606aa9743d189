/// A point estimate with a 95% interval; `low`/`high` are nil when no interval can be computed.
public struct Estimate: Hashable, Sendable, Codable {
  public var value: Double
  public var low: Double?
  public var high: Double?

  public init(value: Double, low: Double?, high: Double?) {
    self.value = value
    self.low = low
    self.high = high
  }

  /// True when the interval contains zero: the data do not support calling it a difference.
  public var spansZero: Bool {
    guard let low, let high else { return true }
    return low <= 0 && high >= 0
  }
}
