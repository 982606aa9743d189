import Foundation

/// Score intervals for proportions: Wilson for one rate, Newcombe's hybrid for a difference of two.
///
/// The normal approximation misbehaves at small n and near 0 or 1, which is where team cells live.
public enum Wilson {
  /// The 97.5% normal quantile, for 95% two-sided intervals.
  public static let z = 1.959_963_984_540_054

  /// Wilson score interval for `successes` out of `trials`; nil when there are no trials.
  public static func interval(successes: Int, trials: Int, z: Double = Wilson.z) -> Estimate? {
    guard trials > 0 else { return nil }
    let n = Double(trials)
    let p = Double(successes) / n
    let z2 = z * z
    let denominator = 1 + z2 / n
    let centre = (p + z2 / (2 * n)) / denominator
    let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
    return Estimate(value: p, low: max(0, centre - half), high: min(1, centre + half))
  }

  /// Newcombe's hybrid score interval (method 10) for p₁ − p₂ of two independent proportions.
  public static func difference(
    _ a: (successes: Int, trials: Int), _ b: (successes: Int, trials: Int)
  ) -> Estimate? {
    guard let first = interval(successes: a.successes, trials: a.trials),
      let second = interval(successes: b.successes, trials: b.trials),
      let l1 = first.low, let u1 = first.high, let l2 = second.low, let u2 = second.high
    else { return nil }
    let p1 = first.value
    let p2 = second.value
    let d = p1 - p2
    let low = d - ((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2)).squareRoot()
    let high = d + ((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2)).squareRoot()
    return Estimate(value: d, low: low, high: high)
  }
}
