import OutcomeModel

/// Which bootstrap statistics a cell needs; all of them share one resampling run.
struct ResamplePlan {
  var changes: [ChangeFact]
  var churn: [MetricID] = []
  /// Moved and copy-pasted shares of added lines.
  var moves = false
  /// Defects per KLOC, time to merge and change size.
  var perChange = false
  var shares = false
  var survival = false
  var curve = false
}

extension CellComputation {
  mutating func addResampled(_ plan: ResamplePlan, _ context: CellContext) {
    let changes = plan.changes
    var resampler = Resampler(n: changes.count)
    var ratios: [(metric: MetricID, handle: Int, point: Double?, n: Int, provisional: Bool)] = []
    func ratio(_ metric: MetricID, _ rows: [(Double, Double)?], provisional: Bool) {
      let present = rows.compactMap { $0 }
      let den = present.reduce(0) { $0 + $1.1 }
      let handle = resampler.addRatio(
        numerators: rows.map { $0?.0 ?? 0 }, denominators: rows.map { $0?.1 ?? 0 })
      let point = den > 0 ? present.reduce(0) { $0 + $1.0 } / den : nil
      ratios.append((metric, handle, point, present.count, provisional))
    }
    for metric in plan.churn {
      let rows = changes.map { ChangeFact.churn(metric, of: $0.fate) }
      let withFate = changes.filter { ($0.fate?.owned ?? 0) > 0 }.count
      ratio(metric, rows, provisional: rows.compactMap { $0 }.count < withFate)
    }
    if plan.moves {
      // Unmeasured (`--moves off`, rows from before) is not zero: such rows stay out, and a cell with
      // none measured says so instead of showing 0%.
      let measured = changes.contains { $0.fate?.moved != nil }
      for metric in [MetricID.movedShare, .copiedShare] {
        if measured {
          ratio(metric, changes.map { ChangeFact.moves(metric, of: $0.fate) }, provisional: false)
        } else {
          values.append(MetricValue(metric: metric, n: 0, provisional: false, note: "moves not measured"))
        }
      }
    }
    var quantileHandles: [(metrics: [MetricID], handle: Int, points: [Double?], n: Int)] = []
    if plan.perChange {
      if changes.contains(where: \.defectsMeasured) {
        ratio(
          .defectsPer1000Lines,
          changes.map { $0.defectsMeasured ? (Double($0.defects) * 1000, Double($0.linesAdded)) : nil },
          provisional: false)
      } else {
        values.append(
          MetricValue(metric: .defectsPer1000Lines, n: 0, provisional: false, note: "defects not traced"))
      }
      let lead = changes.map(\.leadHours)
      let sizes: [Double?] = changes.map { Double($0.linesAdded + $0.linesDeleted) }
      for (metrics, values) in [
        ([MetricID.timeToMergeMedianHours, .timeToMergeP75Hours], lead),
        ([.changeSizeMedian, .changeSizeP75], sizes),
      ] {
        let sorted = values.compactMap { $0 }.sorted()
        quantileHandles.append(
          (
            metrics, resampler.addQuantiles(values, [0.5, 0.75]),
            [Quantile.sorted(sorted, 0.5), Quantile.sorted(sorted, 0.75)], sorted.count
          ))
      }
    }
    if plan.shares {
      // Automation is neither AI nor unmarked work: bot changes stay out of the shares (rows stay aligned
      // with the resampler, so they become absent rows).
      ratio(
        .aiShareAdded,
        changes.map {
          $0.cohort == .bot ? nil : (Double(min($0.aiLinesAdded, $0.linesAdded)), Double($0.linesAdded))
        },
        provisional: false)
      ratio(
        .aiShareSurviving,
        changes.map { change -> (Double, Double)? in
          guard change.cohort != .bot, let fate = change.fate, fate.owned > 0 else { return nil }
          // Exact from the ledger; rows without `aiAlive` fall back to the change's AI share.
          let ai =
            fate.aiAlive.map(Double.init) ?? Double(fate.alive) * Double(fate.aiOwned) / Double(fate.owned)
          return (ai, Double(fate.alive))
        }, provisional: false)
    }
    let lines = changes.map { $0.fate.flatMap(KaplanMeier.Lines.init(fate:)) }
    if plan.survival { resampler.setSurvival(lines, horizon: Self.horizon) }

    let output = resampler.run(
      resamples: context.options.bootstrapResamples,
      seed: SplitMix64.seed(context.options.seed, context.label))
    for r in ratios {
      boot(
        r.metric, r.point.map { Replicated(value: $0, replicates: output.ratios[r.handle]) }, n: r.n,
        provisional: r.provisional)
    }
    for q in quantileHandles {
      for (j, metric) in q.metrics.enumerated() {
        boot(
          metric, q.points[j].map { Replicated(value: $0, replicates: output.quantiles[q.handle][j]) },
          n: q.n, provisional: false)
      }
    }
    if plan.survival {
      addSurvival(lines.compactMap { $0 }, replicates: output.survival, context, curve: plan.curve)
    }
  }
}
