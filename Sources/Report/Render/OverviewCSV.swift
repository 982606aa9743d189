/// CSV rows of the overview (team `*`), its tools (cohort `tool:NAME`) and both trends.
enum OverviewCSV {
  static let team = "*"

  static func rows(_ report: OutcomeReport) -> [String] {
    var lines: [String] = []
    func row(_ team: String, _ period: String, _ cohort: String, _ m: MetricValue) {
      guard m.value != nil else { return }
      lines.append(line(team, period, cohort, m.metric.rawValue, m.value, m.low, m.high, m.n))
    }
    func gap(_ team: String, _ period: String, _ c: Comparison?) {
      guard let c else { return }
      lines.append(
        line(team, period, "ai-minus-unmarked", c.metric.rawValue, c.difference, c.low, c.high, nil))
    }
    let overview = report.overview
    let period = report.period.label
    if overview.status != .suppressed {
      for cell in overview.cells where cell.status != .suppressed {
        for m in cell.metrics { row(team, period, cell.cohort.rawValue, m) }
      }
      if let share = overview.aiShareOfChanges { row(team, period, ReportCohort.all.rawValue, share) }
      for c in overview.comparisons { gap(team, period, c) }
      for tool in report.byTool where tool.status != .suppressed {
        for m in tool.metrics { row(team, period, "tool:" + tool.tool, m) }
      }
      lines += trendRows(team, overview.trend)
    }
    for t in report.teams { lines += trendRows(t.team, t.trendPoints) }
    return lines
  }

  static func trendRows(_ team: String, _ points: [TrendPoint]) -> [String] {
    var lines: [String] = []
    for point in points {
      for m in [point.aiShareOfChanges, point.aiShareAdded].compactMap({ $0 }) where m.value != nil {
        lines.append(
          line(team, point.bucket, ReportCohort.all.rawValue, m.metric.rawValue, m.value, m.low, m.high, m.n))
      }
      for c in [point.revertGap14d, point.churnGap21d].compactMap({ $0 }) {
        lines.append(
          line(team, point.bucket, "ai-minus-unmarked", c.metric.rawValue, c.difference, c.low, c.high, nil))
      }
    }
    return lines
  }

  static func line(
    _ team: String, _ period: String, _ cohort: String, _ metric: String, _ value: Double?, _ low: Double?,
    _ high: Double?, _ n: Int?
  ) -> String {
    [
      CSVRenderer.field(team), CSVRenderer.field(period), CSVRenderer.field(cohort), metric,
      CSVRenderer.number(value), CSVRenderer.number(low), CSVRenderer.number(high), n.map(String.init) ?? "",
    ].joined(separator: ",")
  }
}
