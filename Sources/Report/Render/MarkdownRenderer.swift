import Foundation

/// Markdown for terminals and CI job summaries: one table per team, AI next to unmarked.
public enum MarkdownRenderer {
  /// Rows of the per-team table, in reading order: volume, throughput, stability, controls.
  static let rows: [MetricID] = [
    .changes, .linesAdded, .prMergeRate, .prsStillOpen, .timeToMergeMedianHours, .timeToMergeP75Hours,
    .revertRate14d, .revertRate90d, .survival30d, .survival90d, .survival180d, .churn14d, .churn21d,
    .churn21dSelf, .churn21dOthers, .movedShare, .copiedShare, .defectRate, .defectsPer1000Lines,
    .issueResolutionRate,
    .issueReopenRate, .changeSizeMedian, .changeSizeP75,
  ]
  static let columns: [ReportCohort] = [.ai, .unmarked, .agent, .assisted, .bot]

  public static func render(_ report: OutcomeReport) -> String {
    var out: [String] = []
    out.append("# \(report.title) — \(report.period.label)")
    out.append("")
    var facts = [
      "Period \(report.period.start.prefix(10)) to \(report.period.end.prefix(10)) (end exclusive)",
      "history observed until \(report.period.observedUntil.prefix(10))",
      "teams from \(report.teamSource.rawValue)",
    ]
    if let repository = report.repository { facts.insert("Repository \(repository)", at: 0) }
    out.append(facts.joined(separator: " · ") + ".")
    out.append("")
    if report.period.provisional, let reason = report.period.provisionalReason {
      out.append("> **Provisional.** \(reason)")
      out.append("")
    }
    out.append("> **Read with care.** \(Caveats.selection)")
    out.append("")
    out.append(contentsOf: OverviewMarkdown.section(report))
    if let firstRun = report.firstRun { out.append(contentsOf: OverviewMarkdown.firstRun(firstRun, report)) }
    for team in report.teams { out.append(contentsOf: teamSection(team)) }
    if report.suppressedTeams > 0 {
      out.append(
        "\(report.suppressedTeams) team\(report.suppressedTeams == 1 ? "" : "s") not shown: fewer than \(report.settings.minAuthors) distinct authors."
      )
      out.append("")
    }
    out.append("## How to read this report")
    out.append("")
    out.append(contentsOf: report.caveats.map { "- \($0)" })
    out.append("- Figures marked * are provisional: some changes have not reached that horizon yet.")
    out.append("")
    out.append("## Definitions")
    out.append("")
    out.append(
      contentsOf: report.definitions.map { "- **\($0.title)** (`\($0.metric.rawValue)`): \($0.definition)" })
    return out.joined(separator: "\n") + "\n"
  }

  /// The cohort table (a row per metric with a value, then the AI − unmarked difference); team and
  /// overview sections share it.
  static func cohortTable(_ cells: [ReportCohort: CohortCell], _ comparisons: [MetricID: Comparison])
    -> [String]
  {
    var out = ["| Metric | " + columns.map(\.title).joined(separator: " | ") + " | AI − unmarked |"]
    out.append("|---|" + columns.map { _ in "---:|" }.joined() + "---|")
    for metric in rows where hasValue(cells, metric, in: columns) {
      let values = columns.map { cellText(cells[$0], metric) }
      let difference =
        comparisons[metric].map { "\(NumberText.difference($0)): \($0.verdict.rawValue)" } ?? ""
      out.append("| \(metric.title) | " + values.joined(separator: " | ") + " | \(difference) |")
    }
    return out
  }

  static func teamSection(_ team: TeamReport) -> [String] {
    var out = ["## Team \(escape(team.team))", ""]
    let cells = Dictionary(uniqueKeysWithValues: team.cells.map { ($0.cohort, $0) })
    let comparisons = Dictionary(uniqueKeysWithValues: team.comparisons.map { ($0.metric, $0) })
    out += cohortTable(cells, comparisons)
    if let all = cells[.all], all.status == .published {
      for metric in [MetricID.aiShareAdded, .aiShareSurviving] {
        if let m = all.metrics.first(where: { $0.metric == metric }), m.value != nil {
          out.append("")
          out.append("\(metric.title): \(NumberText.metric(m)).")
        }
      }
    }
    if let note = team.comparisonNote {
      out.append("")
      out.append(note)
    }
    out.append("")
    if !team.trendPoints.isEmpty { out.append(contentsOf: OverviewMarkdown.trendTable(team.trendPoints)) }
    return out
  }

  /// A row is worth a line only when some visible cell has a figure for it; why a figure is missing
  /// (no export, horizon not reached) is said once in the caveats, not in every cell.
  static func hasValue(_ cells: [ReportCohort: CohortCell], _ metric: MetricID, in cohorts: [ReportCohort])
    -> Bool
  {
    cohorts.contains { cohort in
      guard let cell = cells[cohort] else { return false }
      if cell.status == .empty { return metric == .changes || metric == .linesAdded }
      return cell.metrics.contains { $0.metric == metric && $0.value != nil }
    }
  }

  static func cellText(_ cell: CohortCell?, _ metric: MetricID) -> String {
    guard let cell else { return "—" }
    switch cell.status {
    case .suppressed: return "suppressed"
    case .empty: return metric == .changes || metric == .linesAdded ? "0" : "—"
    case .insufficient:
      if let m = cell.metrics.first(where: { $0.metric == metric }) { return NumberText.metric(m) }
      return "insufficient data"
    case .published:
      guard let m = cell.metrics.first(where: { $0.metric == metric }) else { return "—" }
      return NumberText.metric(m)
    }
  }

  /// Team names come from user files: keep them from breaking tables.
  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|")
  }
}
