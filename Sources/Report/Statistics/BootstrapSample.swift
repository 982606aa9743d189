/// One group's bootstrapped statistic, kept with its replicates so two groups can be compared.
///
/// The report compares cohorts inside its own cells; this is the same machinery for callers outside
/// the report (the self-check compares a person's AI-marked and unmarked changes, and two periods).
///
/// ```swift
/// let bootstrap = Bootstrap()
/// if let ai = bootstrap.ratioSample(aiPairs, label: "ai"),
///   let unmarked = bootstrap.ratioSample(unmarkedPairs, label: "unmarked")
/// {
///   let difference = ai.minus(unmarked)  // spansZero: no clear difference
/// }
/// ```
public struct BootstrapSample: Sendable {
  let replicated: Replicated

  /// The point value with its 95% percentile interval.
  public var estimate: Estimate { replicated.estimate }

  /// `self − other` with a percentile interval; the two samples must come from independent draws
  /// (different labels), which makes pairing replicates by index valid.
  public func minus(_ other: BootstrapSample) -> Estimate { replicated.minus(other.replicated) }
}

extension Bootstrap {
  /// Σ numerators ÷ Σ denominators over changes (churned lines per owned line); nil when Σ denominators is 0.
  public func ratioSample(
    _ pairs: [(numerator: Double, denominator: Double)], label: String
  ) -> BootstrapSample? {
    ratio(pairs, label: label).map(BootstrapSample.init)
  }

  /// The `q` quantile of per-change values (the median hours to merge); nil when there are none.
  public func quantileSample(_ values: [Double], _ q: Double, label: String) -> BootstrapSample? {
    quantile(values, q, label: label).map(BootstrapSample.init)
  }

  /// Kaplan–Meier survival of lines at `day`, resampling changes; nil without lines.
  public func survivalSample(_ lines: [KaplanMeier.Lines], day: Int, label: String) -> BootstrapSample? {
    guard !lines.isEmpty, day >= 0 else { return nil }
    let point = KaplanMeier.curve(lines, horizon: day).survival[day]
    let replicates = KaplanMeier.bootstrap(
      lines, horizon: day, resamples: resamples, seed: SplitMix64.seed(seed, label))
    return BootstrapSample(replicated: Replicated(value: point, replicates: replicates.map { $0[day] }))
  }
}
