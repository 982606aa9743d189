import OutcomeModel

extension ReportBuilder {
  /// One bucket of a trend from its cells. Shares need the AI and unmarked cells both visible (either
  /// gives the other back from the total); gaps need both published.
  func trendPoint(
    _ team: String, _ bucket: ReportPeriod, data: [Suppression.Key: CellData], hidden: Set<Suppression.Key>,
    computed: [ReportCohort: CellComputation], context: CellContext
  ) -> TrendPoint {
    func key(_ cohort: ReportCohort) -> Suppression.Key {
      Suppression.Key(team: team, bucket: bucket.label, cohort: cohort)
    }
    func cellStatus(_ cohort: ReportCohort) -> CellStatus {
      status(key(cohort), data[key(cohort)]!, hidden: hidden)
    }
    let all = data[key(.all)]!
    let allStatus = cellStatus(.all)
    var point = TrendPoint(
      bucket: bucket.label, status: allStatus, changes: allStatus == .suppressed ? nil : all.changes.count)
    switch allStatus {
    case .suppressed:
      // Either too few authors, or hidden so that a hidden cell cannot be recovered: not said which.
      point.note = "hidden for privacy (fewer than \(options.minAuthors) authors behind it or a related cell)"
      return point
    case .empty:
      point.note = "no changes"
      return point
    case .insufficient:
      point.note = "fewer than \(options.minChanges) changes"
      return point
    case .published: break
    }
    var notes: [String] = []
    if cellStatus(.ai) != .suppressed && cellStatus(.unmarked) != .suppressed {
      // Bots are out of the denominator, as in the AI share of lines.
      let ai = data[key(.ai)]!.changes.count
      let people = all.changes.filter { $0.cohort != .bot }
      var shares = CellComputation()
      shares.rate(.aiShareChanges, ai, people.count, provisional: false)
      var plan = ResamplePlan(changes: people)
      plan.shares = true
      shares.addResampled(plan, context)
      point.aiShareOfChanges = shares.values.first { $0.metric == .aiShareChanges }
      point.aiShareAdded = shares.values.first { $0.metric == .aiShareAdded && $0.value != nil }
    } else {
      notes.append("AI share hidden: too few authors on one side")
    }
    if cellStatus(.ai) == .published, cellStatus(.unmarked) == .published, let ai = computed[.ai],
      let unmarked = computed[.unmarked]
    {
      point.revertGap14d = Self.compare(.revertRate14d, ai, unmarked)
      point.churnGap21d = Self.compare(.churn21d, ai, unmarked)
    } else {
      notes.append(
        "no AI − unmarked gap: each side needs \(options.minChanges) changes and \(options.minAuthors) authors"
      )
    }
    point.note = notes.isEmpty ? nil : notes.joined(separator: "; ")
    return point
  }
}
