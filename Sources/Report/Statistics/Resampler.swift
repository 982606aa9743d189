/// Runs many bootstrap statistics over one cell with a single draw of changes per replicate.
///
/// Drawing dominates the cost of a bootstrap, and a cell needs a dozen statistics; sharing each
/// replicate's draw makes the cell's cost one draw plus a weighted pass per statistic. Memory stays
/// at one multiplicity per change whatever the number of replicates.
struct Resampler {
  let n: Int
  private var ratios: [(numerators: [Double], denominators: [Double])] = []
  private var quantiles: [(order: [Int], values: [Double], qs: [Double])] = []
  private var survival: (lines: [KaplanMeier.Lines?], horizon: Int)?

  init(n: Int) {
    self.n = n
  }

  /// Σ numerators ÷ Σ denominators; rows with a zero denominator simply contribute nothing.
  mutating func addRatio(numerators: [Double], denominators: [Double]) -> Int {
    ratios.append((numerators, denominators))
    return ratios.count - 1
  }

  /// Type-7 quantiles `qs` (ascending) of the non-nil values.
  mutating func addQuantiles(_ values: [Double?], _ qs: [Double]) -> Int {
    let order = values.indices.filter { values[$0] != nil }.sorted { (values[$0]!, $0) < (values[$1]!, $1) }
    quantiles.append((order, values.map { $0 ?? 0 }, qs))
    return quantiles.count - 1
  }

  mutating func setSurvival(_ lines: [KaplanMeier.Lines?], horizon: Int) {
    survival = (lines, horizon)
  }

  struct Output {
    /// Per ratio: one value per replicate whose denominator was positive.
    var ratios: [[Double]]
    /// Per quantile statistic, per q: one value per replicate with any value drawn.
    var quantiles: [[[Double]]]
    /// Per replicate: S(day) for `0...horizon`.
    var survival: [[Double]]
  }

  func run(resamples: Int, seed: UInt64) -> Output {
    var output = Output(
      ratios: ratios.map { _ in [] }, quantiles: quantiles.map { q in q.qs.map { _ in [] } }, survival: [])
    guard n > 0 else { return output }
    var rng = SplitMix64(seed: seed)
    var counts = [Int](repeating: 0, count: n)
    let horizon = survival?.horizon ?? 0
    var deaths = [Int](repeating: 0, count: horizon + 2)
    var censored = [Int](repeating: 0, count: horizon + 2)
    for _ in 0..<resamples {
      for i in 0..<n { counts[i] = 0 }
      for _ in 0..<n { counts[rng.index(below: n)] += 1 }
      for (k, ratio) in ratios.enumerated() {
        var num = 0.0
        var den = 0.0
        for i in 0..<n where counts[i] > 0 {
          num += Double(counts[i]) * ratio.numerators[i]
          den += Double(counts[i]) * ratio.denominators[i]
        }
        if den > 0 { output.ratios[k].append(num / den) }
      }
      for (k, q) in quantiles.enumerated() {
        let values = Self.quantiles(q.order, q.values, q.qs, counts)
        for (j, value) in values.enumerated() { output.quantiles[k][j].append(value) }
      }
      if let survival {
        for i in deaths.indices {
          deaths[i] = 0
          censored[i] = 0
        }
        var total = 0
        for i in 0..<n where counts[i] > 0 {
          guard let lines = survival.lines[i] else { continue }
          KaplanMeier.accumulate(
            lines, weight: counts[i], horizon: horizon, deaths: &deaths, censored: &censored, total: &total)
        }
        output.survival.append(
          KaplanMeier.sweep(deaths: deaths, censored: censored, total: total, horizon: horizon).survival)
      }
    }
    return output
  }

  /// Order statistics of a weighted sample straight from multiplicities: no sort per replicate.
  private static func quantiles(_ order: [Int], _ values: [Double], _ qs: [Double], _ counts: [Int])
    -> [Double]
  {
    var m = 0
    for i in order { m += counts[i] }
    guard m > 0 else { return [] }
    var result: [Double] = []
    result.reserveCapacity(qs.count)
    for q in qs {
      let position = q * Double(m - 1)
      let lowerRank = Int(position.rounded(.down))
      let fraction = position - Double(lowerRank)
      var seen = 0
      var lowerValue = 0.0
      var upperValue = 0.0
      var foundLower = false
      for i in order where counts[i] > 0 {
        seen += counts[i]
        if !foundLower, seen > lowerRank {
          lowerValue = values[i]
          foundLower = true
        }
        if seen > lowerRank + 1 || seen == m {
          upperValue = values[i]
          break
        }
      }
      result.append(lowerValue + (upperValue - lowerValue) * fraction)
    }
    return result
  }
}
