/// Sample quantiles by linear interpolation between order statistics (Hyndman–Fan type 7, the
/// default of R and NumPy), so figures can be checked against either.
enum Quantile {
  /// The `q` quantile of an ascending array; nil when empty.
  static func sorted(_ values: [Double], _ q: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let position = q * Double(values.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, values.count - 1)
    let fraction = position - Double(lower)
    return values[lower] + (values[upper] - values[lower]) * fraction
  }
}
