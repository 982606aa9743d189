import OutcomeModel

extension ReportBuilder {
  func teamReport(
    _ team: String, period: ReportPeriod, months: [ReportPeriod], data: [Suppression.Key: CellData],
    hidden: Set<Suppression.Key>, input: ReportInput
  ) -> TeamReport {
    var issueMap: [String: IssueInput]?
    if let issues = input.issues {
      issueMap = Dictionary(issues.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }
    func context(_ bucket: String, _ cohort: ReportCohort) -> CellContext {
      CellContext(
        options: options, observedUntil: input.observedUntil, issues: issueMap,
        hasPullRequests: input.pullRequests != nil, label: "\(team)|\(bucket)|\(cohort.rawValue)")
    }

    var cells: [CohortCell] = []
    var computed: [ReportCohort: CellComputation] = [:]
    var survival: [SurvivalSeries] = []
    // AI shares of the total give the AI lines, and then the unmarked lines, back: shown only when
    // neither side is hidden.
    let sharesSafe = [ReportCohort.ai, .unmarked].allSatisfy {
      !hidden.contains(Suppression.Key(team: team, bucket: period.label, cohort: $0))
    }
    for cohort in Self.cellCohorts {
      let key = Suppression.Key(team: team, bucket: period.label, cohort: cohort)
      let cell = data[key]!
      let status = status(key, cell, hidden: hidden)
      var computation = CellComputation()
      switch status {
      case .suppressed: break
      case .empty, .insufficient: computation = .counts(cell)
      case .published:
        computation = .full(
          cell, context: context(period.label, cohort), shares: cohort == .all && sharesSafe,
          curve: cohort == .ai || cohort == .unmarked)
        computed[cohort] = computation
        if var series = computation.survival, !series.points.isEmpty {
          series.cohort = cohort
          survival.append(series)
        }
      }
      cells.append(
        CohortCell(
          cohort: cohort, status: status, changes: status == .suppressed ? nil : cell.changes.count,
          metrics: computation.values))
    }

    var comparisons: [Comparison] = []
    var note: String?
    if let ai = computed[.ai], let unmarked = computed[.unmarked] {
      comparisons = MetricID.compared.compactMap { Self.compare($0, ai, unmarked) }
    } else {
      note =
        "Insufficient data: the AI and unmarked cells both need at least \(options.minChanges) changes and \(options.minAuthors) authors."
    }

    var trend: [TrendCell] = []
    var trendComputed: [String: [ReportCohort: CellComputation]] = [:]
    for month in months {
      for cohort in Self.trendCohorts {
        let key = Suppression.Key(team: team, bucket: month.label, cohort: cohort)
        let cell = data[key]!
        let status = status(key, cell, hidden: hidden)
        let computation: CellComputation
        switch status {
        case .suppressed: computation = CellComputation()
        case .empty, .insufficient: computation = .counts(cell)
        case .published: computation = .trend(cell, context: context(month.label, cohort))
        }
        trendComputed[month.label, default: [:]][cohort] = computation
        trend.append(
          TrendCell(
            month: month.label, cohort: cohort, status: status,
            changes: status == .suppressed ? nil : cell.changes.count, metrics: computation.values))
      }
    }
    // AI first: charts and legends read AI, then the unmarked baseline.
    survival.sort { ($0.cohort == .ai ? 0 : 1) < ($1.cohort == .ai ? 0 : 1) }
    return TeamReport(
      team: team, cells: cells, comparisons: comparisons, comparisonNote: note, survival: survival,
      trend: trend,
      trendPoints: months.map { month in
        trendPoint(
          team, month, data: data, hidden: hidden, computed: trendComputed[month.label] ?? [:],
          context: context(month.label, .all))
      })
  }

  func status(_ key: Suppression.Key, _ cell: CellData, hidden: Set<Suppression.Key>) -> CellStatus {
    if hidden.contains(key) { return .suppressed }
    if cell.changes.isEmpty && cell.pullRequests.isEmpty { return .empty }
    if cell.changes.count < options.minChanges { return .insufficient }
    return .published
  }

  static func compare(_ metric: MetricID, _ ai: CellComputation, _ unmarked: CellComputation) -> Comparison? {
    let estimate: Estimate?
    if let a = ai.counts[metric], let u = unmarked.counts[metric] {
      estimate = Wilson.difference(a, u)
    } else if let a = ai.replicated[metric], let u = unmarked.replicated[metric] {
      estimate = a.minus(u)
    } else {
      estimate = nil
    }
    guard let estimate else { return nil }
    let verdict: Comparison.Verdict =
      estimate.spansZero ? .noClearDifference : (estimate.value > 0 ? .higherWithAI : .lowerWithAI)
    return Comparison(
      metric: metric, difference: rounded6(estimate.value), low: estimate.low.map(rounded6),
      high: estimate.high.map(rounded6),
      verdict: verdict)
  }
}
