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
    // Ratio inputs change-major, so one pass over the drawn changes feeds every ratio.
    let k = ratios.count
    var numerators = [Double](repeating: 0, count: n * k)
    var denominators = [Double](repeating: 0, count: n * k)
    for (j, ratio) in ratios.enumerated() {
      for i in 0..<n {
        numerators[i * k + j] = ratio.numerators[i]
        denominators[i * k + j] = ratio.denominators[i]
      }
    }
    let survivalFlat = survival.map { FlatLines($0.lines, horizon: $0.horizon) }
    var sumN = [Double](repeating: 0, count: k)
    var sumD = [Double](repeating: 0, count: k)
    for _ in 0..<resamples {
      counts.withUnsafeMutableBufferPointer { c in
        for i in 0..<n { c[i] = 0 }
        for _ in 0..<n { c[rng.index(below: n)] += 1 }
      }
      if k > 0 {
        counts.withUnsafeBufferPointer { c in
          numerators.withUnsafeBufferPointer { num in
            denominators.withUnsafeBufferPointer { den in
              sumN.withUnsafeMutableBufferPointer { sn in
                sumD.withUnsafeMutableBufferPointer { sd in
                  for j in 0..<k {
                    sn[j] = 0
                    sd[j] = 0
                  }
                  for i in 0..<n where c[i] > 0 {
                    let w = Double(c[i])
                    let base = i * k
                    for j in 0..<k {
                      sn[j] += w * num[base + j]
                      sd[j] += w * den[base + j]
                    }
                  }
                }
              }
            }
          }
        }
        for j in 0..<k where sumD[j] > 0 { output.ratios[j].append(sumN[j] / sumD[j]) }
      }
      for (j, q) in quantiles.enumerated() {
        let values = Self.quantiles(q.order, q.values, q.qs, counts)
        for (h, value) in values.enumerated() { output.quantiles[j][h].append(value) }
      }
      if let flat = survivalFlat {
        output.survival.append(flat.replicate(counts, deaths: &deaths, censored: &censored))
      }
    }
    return output
  }

  /// Order statistics of a weighted sample straight from multiplicities, all `qs` in one walk.
  private static func quantiles(_ order: [Int], _ values: [Double], _ qs: [Double], _ counts: [Int])
    -> [Double]
  {
    var m = 0
    for i in order { m += counts[i] }
    guard m > 0 else { return [] }
    // For each q the two ranks around its position; ranks ascend with q, so one pass finds them all.
    let positions = qs.map { $0 * Double(m - 1) }
    let lowerRanks = positions.map { Int($0.rounded(.down)) }
    var lowers = [Double](repeating: 0, count: qs.count)
    var uppers = [Double](repeating: 0, count: qs.count)
    var nextLower = 0
    var nextUpper = 0
    var seen = 0
    for i in order where counts[i] > 0 {
      seen += counts[i]
      while nextLower < qs.count, seen > lowerRanks[nextLower] {
        lowers[nextLower] = values[i]
        nextLower += 1
      }
      while nextUpper < qs.count, seen > lowerRanks[nextUpper] + 1 || seen == m {
        uppers[nextUpper] = values[i]
        nextUpper += 1
      }
      if nextUpper == qs.count { break }
    }
    var result: [Double] = []
    result.reserveCapacity(qs.count)
    for j in 0..<qs.count {
      let fraction = positions[j] - Double(lowerRanks[j])
      result.append(lowers[j] + (uppers[j] - lowers[j]) * fraction)
    }
    return result
  }
}

/// Survival inputs as flat arrays, so a replicate touches plain integers rather than per-change arrays.
private struct FlatLines {
  let horizon: Int
  var owned: [Int] = []
  var censorDay: [Int] = []
  var alive: [Int] = []
  /// Deaths of change i are `deathDay[start[i]..<start[i + 1]]`.
  var start: [Int] = [0]
  var deathDay: [Int] = []
  var deathLines: [Int] = []

  init(_ lines: [KaplanMeier.Lines?], horizon: Int) {
    self.horizon = horizon
    for change in lines {
      var dead = 0
      if let change {
        for death in change.deaths where death.lines > 0 {
          dead += death.lines
          deathDay.append(min(max(death.day, 0), horizon + 1))
          deathLines.append(death.lines)
        }
      }
      owned.append(change?.owned ?? 0)
      alive.append(max(0, (change?.owned ?? 0) - dead))
      censorDay.append(min(max(change?.observedDays ?? 0, 0), horizon + 1))
      start.append(deathDay.count)
    }
  }

  func replicate(_ counts: [Int], deaths: inout [Int], censored: inout [Int]) -> [Double] {
    for i in deaths.indices {
      deaths[i] = 0
      censored[i] = 0
    }
    var total = 0
    for i in 0..<counts.count where counts[i] > 0 && owned[i] > 0 {
      let w = counts[i]
      total += owned[i] * w
      for d in start[i]..<start[i + 1] { deaths[deathDay[d]] += deathLines[d] * w }
      censored[censorDay[i]] += alive[i] * w
    }
    return KaplanMeier.sweep(deaths: deaths, censored: censored, total: total, horizon: horizon).survival
  }
}
