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
    result.addDefectRate(data.changes)
    result.addIssues(data.changes, context)
    var plan = ResamplePlan(changes: data.changes)
    plan.churn = [.churn14d, .churn21d, .churn21dSelf, .churn21dOthers]
    plan.moves = true
    plan.perChange = true
    plan.shares = shares
    plan.survival = true
    plan.curve = curve
    result.addResampled(plan, context)
    result.values.sort {
      MetricID.allCases.firstIndex(of: $0.metric)! < MetricID.allCases.firstIndex(of: $1.metric)!
    }
    return result
  }

  /// Only what the monthly trend shows.
  static func trend(_ data: CellData, context: CellContext) -> CellComputation {
    var result = counts(data)
    result.addReverts(data.changes, context, windows: [(.revertRate14d, 14)])
    var plan = ResamplePlan(changes: data.changes)
    plan.churn = [.churn21d]
    result.addResampled(plan, context)
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
        metric: metric, value: rounded6(estimate.value), low: estimate.low.map(rounded6),
        high: estimate.high.map(rounded6),
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
        metric: metric, value: rounded6(estimate.value), low: estimate.low.map(rounded6),
        high: estimate.high.map(rounded6), n: n,
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
    let measured = changes.filter(\.revertsMeasured)
    guard !measured.isEmpty || changes.isEmpty else {
      for (metric, _) in windows {
        values.append(MetricValue(metric: metric, n: 0, provisional: false, note: "reverts not measured"))
      }
      return
    }
    for (metric, days) in windows {
      // Only changes whose window has fully passed: a change landed yesterday has not had the chance.
      let (reverted, matured) = ChangeFact.reverts(
        measured, within: days, observedUntil: context.observedUntil)
      rate(
        metric, reverted, matured, provisional: matured < measured.count,
        note: matured < measured.count ? "\(measured.count - matured) changes not yet \(days) days old" : nil)
    }
  }

  mutating func addDefectRate(_ changes: [ChangeFact]) {
    let measured = changes.filter(\.defectsMeasured)
    guard !measured.isEmpty || changes.isEmpty else {
      values.append(MetricValue(metric: .defectRate, n: 0, provisional: false, note: "defects not traced"))
      return
    }
    rate(.defectRate, ChangeFact.blamed(measured), measured.count, provisional: false)
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

}

/// Output rounding, so JSON and golden files hold six decimals rather than float noise.
func rounded6(_ value: Double) -> Double { NumberText.rounded(value) }
