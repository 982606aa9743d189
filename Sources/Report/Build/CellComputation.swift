import OutcomeModel

/// The changes, PRs and issues that fall in one cell, and the authors behind them.
struct CellData {
  var changes: [ChangeFact]
  var pullRequests: [PullRequestInput]
  var authors: Set<String>
}

/// What the builder needs to turn a cell's data into metrics.
struct CellContext {
  var options: ReportOptions
  var observedUntil: Int64
  var issues: [String: IssueInput]?
  var hasPullRequests: Bool
  var label: String
  var bootstrap: Bootstrap { Bootstrap(resamples: options.bootstrapResamples, seed: options.seed) }
}

/// A cell's metrics plus what a comparison needs: Wilson counts and bootstrap replicates.
struct CellComputation {
  static let horizon = 180
  static let survivalDays: [MetricID: Int] = [.survival30d: 30, .survival90d: 90, .survival180d: 180]

  var values: [MetricValue] = []
  var counts: [MetricID: (successes: Int, trials: Int)] = [:]
  var replicated: [MetricID: Replicated] = [:]
  var survival: SurvivalSeries?

  /// Counts only: for cells too small for rates.
  static func counts(_ data: CellData) -> CellComputation {
    var result = CellComputation()
    result.values = [
      MetricValue(
        metric: .changes, value: Double(data.changes.count), n: data.changes.count, provisional: false),
      MetricValue(
        metric: .linesAdded, value: Double(data.changes.reduce(0) { $0 + $1.linesAdded }),
        n: data.changes.count, provisional: false),
    ]
    return result
  }

  /// Everything the cohort supports; `shares` adds the AI-share metrics (only meaningful for "all").
  static func full(_ data: CellData, context: CellContext, shares: Bool, curve: Bool) -> CellComputation {
    var result = counts(data)
    result.addPullRequests(data.pullRequests, context)
    result.addReverts(data.changes, context)
    result.addSurvival(data.changes, context, curve: curve)
    result.addChurn(data.changes, context)
    result.addDefects(data.changes, context)
    result.addIssues(data.changes, context)
    result.addQuantiles(data.changes, context)
    if shares { result.addShares(data.changes, context) }
    return result
  }

  /// Only what the monthly trend shows.
  static func trend(_ data: CellData, context: CellContext) -> CellComputation {
    var result = counts(data)
    result.addReverts(data.changes, context, windows: [(.revertRate14d, 14)])
    result.addChurn(data.changes, context, windows: [.churn21d])
    return result
  }

  mutating func rate(
    _ metric: MetricID, _ successes: Int, _ trials: Int, provisional: Bool, note: String? = nil
  ) {
    guard let estimate = Wilson.interval(successes: successes, trials: trials) else {
      values.append(
        MetricValue(metric: metric, n: 0, successes: 0, provisional: provisional, note: note ?? "no data"))
      return
    }
    counts[metric] = (successes, trials)
    values.append(
      MetricValue(
        metric: metric, value: r(estimate.value), low: estimate.low.map(r), high: estimate.high.map(r),
        n: trials,
        successes: successes, provisional: provisional, note: note))
  }

  mutating func boot(
    _ metric: MetricID, _ replicated: Replicated?, n: Int, provisional: Bool, note: String? = nil
  ) {
    guard let replicated else {
      values.append(MetricValue(metric: metric, n: n, provisional: provisional, note: note ?? "no data"))
      return
    }
    self.replicated[metric] = replicated
    let estimate = replicated.estimate
    values.append(
      MetricValue(
        metric: metric, value: r(estimate.value), low: estimate.low.map(r), high: estimate.high.map(r), n: n,
        provisional: provisional, note: note))
  }

  mutating func addPullRequests(_ prs: [PullRequestInput], _ context: CellContext) {
    guard context.hasPullRequests else {
      values.append(MetricValue(metric: .prMergeRate, n: 0, provisional: false, note: "no PR export given"))
      return
    }
    let live = prs.filter { !$0.isDraft }
    let merged = live.filter { $0.state == "merged" }.count
    let closed = live.filter { $0.state == "closed" }.count
    let open = live.filter { $0.state == "open" }.count
    rate(.prMergeRate, merged, merged + closed, provisional: open > 0)
    values.append(MetricValue(metric: .prsStillOpen, value: Double(open), n: live.count, provisional: false))
  }

  mutating func addReverts(
    _ changes: [ChangeFact], _ context: CellContext,
    windows: [(MetricID, Int)] = [(.revertRate14d, 14), (.revertRate90d, 90)]
  ) {
    for (metric, days) in windows {
      // Only changes whose window has fully passed: a change landed yesterday has not had the chance.
      let matured = changes.filter { $0.landedAt + Int64(days) * 86_400 <= context.observedUntil }
      let reverted = matured.filter { ($0.revertDays ?? Int.max) <= days }.count
      rate(
        metric, reverted, matured.count, provisional: matured.count < changes.count,
        note: matured.count < changes.count
          ? "\(changes.count - matured.count) changes not yet \(days) days old" : nil)
    }
  }

  mutating func addChurn(
    _ changes: [ChangeFact], _ context: CellContext,
    windows: [MetricID] = [.churn14d, .churn21d, .churn21dSelf, .churn21dOthers]
  ) {
    for metric in windows {
      let pairs: [(numerator: Double, denominator: Double)] = changes.compactMap { change in
        guard let fate = change.fate, fate.owned > 0 else { return nil }
        let churned: Int?
        switch metric {
        case .churn14d: churned = fate.churned14d
        case .churn21d: churned = fate.churned21d
        case .churn21dSelf: churned = fate.churned21d == nil ? nil : fate.churned21dSelf ?? 0
        default: churned = fate.churned21d == nil ? nil : fate.churned21dOthers ?? 0
        }
        return churned.map { (Double($0), Double(fate.owned)) }
      }
      let withFate = changes.filter { ($0.fate?.owned ?? 0) > 0 }.count
      boot(
        metric, context.bootstrap.ratio(pairs, label: "\(context.label)|\(metric)"), n: pairs.count,
        provisional: pairs.count < withFate)
    }
  }

  mutating func addDefects(_ changes: [ChangeFact], _ context: CellContext) {
    rate(.defectRate, changes.filter { $0.defects > 0 }.count, changes.count, provisional: false)
    let pairs = changes.map { (numerator: Double($0.defects) * 1000, denominator: Double($0.linesAdded)) }
    boot(
      .defectsPer1000Lines, context.bootstrap.ratio(pairs, label: "\(context.label)|defectsPerKLOC"),
      n: changes.count, provisional: false)
  }

  mutating func addIssues(_ changes: [ChangeFact], _ context: CellContext) {
    guard let issues = context.issues else {
      for metric in [MetricID.issueResolutionRate, .issueReopenRate] {
        values.append(MetricValue(metric: metric, n: 0, provisional: false, note: "no tracker export given"))
      }
      return
    }
    let linked = Set(changes.flatMap(\.issues)).compactMap { issues[$0] }
    let resolved = linked.filter(\.resolved)
    rate(.issueResolutionRate, resolved.count, linked.count, provisional: false)
    rate(.issueReopenRate, resolved.filter(\.reopened).count, resolved.count, provisional: false)
  }

  mutating func addQuantiles(_ changes: [ChangeFact], _ context: CellContext) {
    let lead = changes.compactMap(\.leadHours)
    let sizes = changes.map { Double($0.linesAdded + $0.linesDeleted) }
    let b = context.bootstrap
    boot(
      .timeToMergeMedianHours, b.quantile(lead, 0.5, label: "\(context.label)|lead50"), n: lead.count,
      provisional: false)
    boot(
      .timeToMergeP75Hours, b.quantile(lead, 0.75, label: "\(context.label)|lead75"), n: lead.count,
      provisional: false)
    boot(
      .changeSizeMedian, b.quantile(sizes, 0.5, label: "\(context.label)|size50"), n: sizes.count,
      provisional: false)
    boot(
      .changeSizeP75, b.quantile(sizes, 0.75, label: "\(context.label)|size75"), n: sizes.count,
      provisional: false)
  }

  mutating func addShares(_ changes: [ChangeFact], _ context: CellContext) {
    let added = changes.map {
      (numerator: Double(min($0.aiLinesAdded, $0.linesAdded)), denominator: Double($0.linesAdded))
    }
    boot(
      .aiShareAdded, context.bootstrap.ratio(added, label: "\(context.label)|aiAdded"), n: changes.count,
      provisional: false)
    let alive: [(numerator: Double, denominator: Double)] = changes.compactMap { change in
      guard let fate = change.fate, fate.owned > 0 else { return nil }
      return (Double(fate.alive) * Double(fate.aiOwned) / Double(fate.owned), Double(fate.alive))
    }
    boot(
      .aiShareSurviving, context.bootstrap.ratio(alive, label: "\(context.label)|aiAlive"), n: alive.count,
      provisional: false)
  }
}

/// Output rounding, so JSON and golden files hold six decimals rather than float noise.
func r(_ value: Double) -> Double { NumberText.rounded(value) }
