/// Percentile bootstrap over changes: resample with replacement, recompute, take 2.5% and 97.5%.
///
/// Changes, not lines, are the resampling unit: lines of one change live and die together, so treating
/// them as independent would make intervals too narrow.
public struct Bootstrap: Sendable {
  public var resamples: Int
  public var seed: UInt64

  public init(resamples: Int = 2000, seed: UInt64 = 20_260_701) {
    self.resamples = resamples
    self.seed = seed
  }

  /// The `q` quantile (type 7) of `values` with a percentile interval; replicates kept for differences.
  func quantile(_ values: [Double], _ q: Double, label: String) -> Replicated? {
    guard let point = Quantile.sorted(values.sorted(), q) else { return nil }
    var resampler = Resampler(n: values.count)
    _ = resampler.addQuantiles(values, [q])
    let output = resampler.run(resamples: resamples, seed: SplitMix64.seed(seed, label))
    return Replicated(value: point, replicates: output.quantiles[0][0])
  }

  /// Σ numerators ÷ Σ denominators over changes, with a percentile interval; nil when Σ denominators is 0.
  func ratio(_ pairs: [(numerator: Double, denominator: Double)], label: String) -> Replicated? {
    let totalDen = pairs.reduce(0) { $0 + $1.denominator }
    guard totalDen > 0 else { return nil }
    var resampler = Resampler(n: pairs.count)
    _ = resampler.addRatio(numerators: pairs.map(\.numerator), denominators: pairs.map(\.denominator))
    let output = resampler.run(resamples: resamples, seed: SplitMix64.seed(seed, label))
    return Replicated(value: pairs.reduce(0) { $0 + $1.numerator } / totalDen, replicates: output.ratios[0])
  }
}

/// A statistic and its bootstrap replicates; two independent ones subtract replicate by replicate.
struct Replicated: Sendable {
  var value: Double
  var replicates: [Double]

  var estimate: Estimate {
    let sorted = replicates.sorted()
    return Estimate(
      value: value, low: Quantile.sorted(sorted, 0.025), high: Quantile.sorted(sorted, 0.975))
  }

  /// The difference `self − other`; independent resamples, so pairing replicates by index is valid.
  func minus(_ other: Replicated) -> Estimate {
    let count = min(replicates.count, other.replicates.count)
    let differences = (0..<count).map { replicates[$0] - other.replicates[$0] }.sorted()
    return Estimate(
      value: value - other.value, low: Quantile.sorted(differences, 0.025),
      high: Quantile.sorted(differences, 0.975))
  }
}
