import OutcomeModel

extension ReportBuilder {
  /// The group that holds every change; no team name can collide with it.
  static let overviewKey = "\u{1}overview"
  /// When the overview and the teams cannot all be shown (one small team would be their difference):
  /// for the period the overview's cell goes before a team's (a team left out is lost entirely), for a
  /// month a team's goes first (the overview's trend matters more than one team's month). The shift
  /// keeps the order among the overview's own cells.
  static let overviewPriorityOffset = 100_000_000

  /// Trend buckets: the months of the period, quarters past two years, none for a single month.
  static func trendBuckets(_ period: ReportPeriod) -> [ReportPeriod] {
    let months = period.months
    guard months.count > 1 else { return [] }
    guard months.count > 24 else { return months }
    var quarters: [ReportPeriod] = []
    for month in months {
      let (year, number) = ReportPeriod.yearMonth(month.start)
      let quarter = ReportPeriod.quarter(year: year, (number - 1) / 3 + 1)
      guard quarters.last?.label != quarter.label else { continue }
      quarters.append(
        ReportPeriod(
          kind: .quarter, label: quarter.label, start: max(quarter.start, period.start),
          end: min(quarter.end, period.end)))
    }
    return quarters
  }

  /// The overview from the repository-wide group's cells.
  func overview(_ group: TeamReport, data: [Suppression.Key: CellData], period: ReportPeriod) -> Overview {
    let cells = Dictionary(uniqueKeysWithValues: group.cells.map { ($0.cohort, $0) })
    // Shown when any cell is: a repository whose AI work comes from few people still shows its
    // unmarked figures, as a team would.
    let visible = group.cells.filter { $0.status == .published || $0.status == .insufficient }
    guard let all = cells[.all], !visible.isEmpty else {
      let people = data[Suppression.Key(team: Self.overviewKey, bucket: period.label, cohort: .all)]?.authors
        .count
      let reason =
        (people ?? 0) < options.minAuthors
        ? "Fewer than \(options.minAuthors) people contributed changes in this period: no repository-wide figure can be shown without exposing someone."
        : "Repository-wide figures are hidden: minus the teams shown, they would give back a team too small to show."
      return Overview(
        status: .suppressed, cells: [], comparisons: [], comparisonNote: nil, aiShareOfChanges: nil,
        sentences: [reason], survival: [], trend: [])
    }
    var share: MetricValue?
    // With the AI and all cells shown, the unmarked one is shown too (complementary suppression), so
    // the share reveals nothing hidden.
    // Bots are out of the denominator, as in the AI share of lines.
    if let ai = cells[.ai], ai.status != .suppressed, let aiChanges = ai.changes,
      let unmarked = cells[.unmarked], unmarked.status != .suppressed, let unmarkedChanges = unmarked.changes,
      aiChanges + unmarkedChanges > 0
    {
      var computation = CellComputation()
      computation.rate(.aiShareChanges, aiChanges, aiChanges + unmarkedChanges, provisional: false)
      share = computation.values.first
    }
    let sentences = OverviewSentences.make(
      cells: cells, comparisons: group.comparisons, comparisonNote: group.comparisonNote,
      aiShareOfChanges: share, options: options)
    let status =
      all.status != .suppressed
      ? all.status : visible.contains { $0.status == .published } ? .published : visible[0].status
    return Overview(
      status: status, cells: group.cells, comparisons: group.comparisons,
      comparisonNote: group.comparisonNote, aiShareOfChanges: share, sentences: sentences,
      survival: group.survival, trend: group.trendPoints)
  }

  /// What a report says when no team may be shown: counts, evidence kinds, and what to do next.
  func firstRun(_ input: ReportInput, facts: [ChangeFact], overview: Overview) -> FirstRun {
    let bounds = ReportPeriod.historyBounds(input.records)
    // With the overview shown, its table has the counts its privacy rules allow; listing them all here
    // would give back the cells it hides.
    let shown = overview.status != .suppressed
    let counts =
      shown
      ? []
      : Self.cellCohorts.filter { $0 != .ai && $0 != .all }.map { cohort in
        FirstRun.CohortCount(cohort: cohort, changes: facts.filter { cohort.includes($0.cohort) }.count)
      }
    var kinds = Set<String>()
    for record in input.records {
      guard let landed = Timestamp.parse(record.committedAt), input.period.contains(landed) else { continue }
      for evidence in record.evidence ?? [] { kinds.insert("\(evidence.tool): \(evidence.signal.rawValue)") }
    }
    var share: MetricValue?
    if !shown && Set(facts.map(\.author)).count >= options.minAuthors {
      var computation = CellComputation()
      var plan = ResamplePlan(changes: facts)
      plan.shares = true
      computation.addResampled(
        plan,
        CellContext(
          options: options, observedUntil: input.observedUntil, issues: nil, hasPullRequests: false,
          label: "first-run"))
      share = computation.values.first { $0.metric == .aiShareAdded && $0.value != nil }
    }
    let next =
      overview.status == .suppressed
      ? "Next: `outcomes self` shows your own changes privately; `outcomes report --repo PATH` on a repository with at least \(options.minAuthors) authors gives the full report (`--min-authors` goes down to \(ReportOptions.minimumAuthorsFloor), never lower)."
      : "Next: no single team has \(options.minAuthors) authors, so only the overview is shown; group people into larger teams with `--teams teams.yml`, or run `outcomes self` for your own changes."
    return FirstRun(
      historyStart: bounds.map { Timestamp.iso8601($0.start) } ?? "",
      historyEnd: bounds.map { Timestamp.iso8601($0.end) } ?? "", changes: counts,
      evidenceKinds: kinds.sorted(), aiShareAdded: share, nextStep: next)
  }
}

extension ReportBuilder {
  /// `overview = Σ teams` per bucket and cohort, added when every change has one team: without it, the
  /// overview minus the shown teams would give back the teams left out. (Overlapping teams are covered
  /// by the nesting check instead.)
  func addOverviewRelations(teams: [String], buckets: [ReportPeriod], grid: inout Suppression) {
    guard !teams.isEmpty else { return }
    for bucket in buckets {
      for cohort in Self.cellCohorts {
        grid.relations.append(
          (
            Suppression.Key(team: Self.overviewKey, bucket: bucket.label, cohort: cohort),
            teams.map { Suppression.Key(team: $0, bucket: bucket.label, cohort: cohort) }
          ))
      }
    }
  }
}
