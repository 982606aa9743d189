import OutcomeModel

/// Kaplan–Meier survival of added lines, with lines still alive at the end of observation censored.
///
/// Each change contributes its owned lines: `deaths` say how many died on which day after landing,
/// the rest are censored at `observedDays`. At a day with both, deaths count first (the usual
/// convention: a line censored on day t was still at risk on day t).
public enum KaplanMeier {
  /// One change's lines as survival data.
  public struct Lines: Sendable {
    public var owned: Int
    /// `(day, lines)` pairs; days after landing.
    public var deaths: [(day: Int, lines: Int)]
    public var observedDays: Int

    public init(owned: Int, deaths: [(day: Int, lines: Int)], observedDays: Int) {
      self.owned = owned
      self.deaths = deaths
      self.observedDays = observedDays
    }
  }

  /// S(t) at each whole day `0...horizon` (index = day), and the lines still at risk on each day.
  public struct Curve: Sendable, Equatable {
    public var survival: [Double]
    public var atRisk: [Int]
  }

  /// The estimator over days `0...horizon`; events after the horizon do not change S within it.
  public static func curve(_ data: [Lines], horizon: Int) -> Curve {
    var deaths = [Int](repeating: 0, count: horizon + 2)
    var censored = [Int](repeating: 0, count: horizon + 2)
    var total = 0
    for change in data {
      accumulate(change, weight: 1, horizon: horizon, deaths: &deaths, censored: &censored, total: &total)
    }
    return sweep(deaths: deaths, censored: censored, total: total, horizon: horizon)
  }

  /// Adds `weight` copies of one change (a bootstrap draw may pick it several times).
  static func accumulate(
    _ change: Lines, weight: Int, horizon: Int, deaths: inout [Int], censored: inout [Int], total: inout Int
  ) {
    total += change.owned * weight
    var dead = 0
    for death in change.deaths where death.lines > 0 {
      dead += death.lines
      deaths[min(max(death.day, 0), horizon + 1)] += death.lines * weight
    }
    let alive = max(0, change.owned - dead)
    censored[min(max(change.observedDays, 0), horizon + 1)] += alive * weight
  }

  static func sweep(deaths: [Int], censored: [Int], total: Int, horizon: Int) -> Curve {
    var survival = [Double](repeating: 1, count: horizon + 1)
    var atRisk = [Int](repeating: 0, count: horizon + 1)
    var risk = total
    var s = 1.0
    for day in 0...horizon {
      atRisk[day] = risk
      if risk > 0, deaths[day] > 0 { s *= 1 - Double(deaths[day]) / Double(risk) }
      survival[day] = s
      risk -= deaths[day] + censored[day]
    }
    return Curve(survival: survival, atRisk: atRisk)
  }

  /// Percentile bands for S at every day, resampling changes (not lines) with replacement.
  static func bootstrap(_ data: [Lines], horizon: Int, resamples: Int, seed: UInt64) -> [[Double]] {
    var resampler = Resampler(n: data.count)
    resampler.setSurvival(data, horizon: horizon)
    return resampler.run(resamples: resamples, seed: seed).survival
  }
}

extension KaplanMeier.Lines {
  /// Reads the ledger's fate; nil when the change owns no lines.
  init?(fate: LineFate) {
    guard fate.owned > 0 else { return nil }
    self.init(
      owned: fate.owned,
      deaths: fate.deaths.compactMap { $0.count == 2 ? (day: $0[0], lines: $0[1]) : nil },
      observedDays: fate.observedDays)
  }
}
