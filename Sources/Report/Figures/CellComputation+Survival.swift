import OutcomeModel

extension CellComputation {
  /// Days at which curves are sampled for charts and JSON.
  static let curveDays = Array(stride(from: 0, through: horizon, by: 5))

  mutating func addSurvival(
    _ lines: [KaplanMeier.Lines], replicates: [[Double]], _ context: CellContext, curve wantCurve: Bool
  ) {
    let curve = KaplanMeier.curve(lines, horizon: Self.horizon)
    func atRisk(_ day: Int) -> Int { lines.filter { $0.observedDays >= day }.count }
    for metric in [MetricID.survival30d, .survival90d, .survival180d] {
      let day = Self.survivalDays[metric]!
      let observed = atRisk(day)
      guard !lines.isEmpty, observed >= context.options.minChangesAtRisk else {
        values.append(
          MetricValue(
            metric: metric, n: lines.count, provisional: true,
            note: lines.isEmpty ? "no line data" : "only \(observed) changes observed \(day) days"))
        continue
      }
      boot(
        metric, Replicated(value: curve.survival[day], replicates: replicates.map { $0[day] }),
        n: lines.count, provisional: observed < lines.count)
    }
    guard wantCurve, !lines.isEmpty else { return }
    var points: [SurvivalSeries.Point] = []
    for day in Self.curveDays {
      let observed = atRisk(day)
      guard observed >= context.options.minChangesAtRisk else { break }
      let band = replicates.map { $0[day] }.sorted()
      points.append(
        SurvivalSeries.Point(
          day: day, survival: rounded6(curve.survival[day]), low: Quantile.sorted(band, 0.025).map(rounded6),
          high: Quantile.sorted(band, 0.975).map(rounded6), changesAtRisk: observed))
    }
    survival = SurvivalSeries(cohort: .all, points: points)
  }
}
