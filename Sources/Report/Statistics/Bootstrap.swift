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
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    guard let point = Quantile.sorted(sorted, q) else { return nil }
    var rng = SplitMix64(seed: SplitMix64.seed(seed, label))
    let n = sorted.count
    var counts = [Int](repeating: 0, count: n)
    let position = q * Double(n - 1)
    let lowerRank = Int(position.rounded(.down))
    let fraction = position - Double(lowerRank)
    var replicates: [Double] = []
    replicates.reserveCapacity(resamples)
    for _ in 0..<resamples {
      for i in 0..<n { counts[i] = 0 }
      for _ in 0..<n { counts[rng.index(below: n)] += 1 }
      // Order statistics of the resample straight from the counts: O(n), no sort per replicate.
      var seen = 0
      var lowerValue = sorted[n - 1]
      var upperValue = sorted[n - 1]
      var foundLower = false
      for i in 0..<n where counts[i] > 0 {
        seen += counts[i]
        if !foundLower, seen > lowerRank {
          lowerValue = sorted[i]
          foundLower = true
        }
        if seen > lowerRank + 1 {
          upperValue = sorted[i]
          break
        }
      }
      if lowerRank + 1 >= n { upperValue = lowerValue }
      replicates.append(lowerValue + (upperValue - lowerValue) * fraction)
    }
    return Replicated(value: point, replicates: replicates)
  }

  /// Σ numerators ÷ Σ denominators over changes, with a percentile interval; nil when Σ denominators is 0.
  func ratio(_ pairs: [(numerator: Double, denominator: Double)], label: String) -> Replicated? {
    let totalDen = pairs.reduce(0) { $0 + $1.denominator }
    guard totalDen > 0 else { return nil }
    let point = pairs.reduce(0) { $0 + $1.numerator } / totalDen
    var rng = SplitMix64(seed: SplitMix64.seed(seed, label))
    let n = pairs.count
    var replicates: [Double] = []
    replicates.reserveCapacity(resamples)
    for _ in 0..<resamples {
      var num = 0.0
      var den = 0.0
      for _ in 0..<n {
        let pair = pairs[rng.index(below: n)]
        num += pair.numerator
        den += pair.denominator
      }
      if den > 0 { replicates.append(num / den) }
    }
    return Replicated(value: point, replicates: replicates)
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
