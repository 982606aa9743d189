/// The HTML overview: findings, the repository-wide table, outcomes per tool, charts, and the first-run
/// facts when no team may be shown.
enum OverviewHTML {
  static let subject = "Whole repository"

  static func section(_ report: OutcomeReport) -> String {
    let overview = report.overview
    var out = "<section class=\"overview\" aria-labelledby=\"overview\">"
    out += "<h2 id=\"overview\">\(SVG.escape(OverviewMarkdown.heading(report)))</h2>\n<ul class=\"findings\">"
    out += overview.sentences.map { "<li>\(SVG.escape($0))</li>" }.joined()
    out += "</ul>\n"
    if overview.status != .suppressed {
      out += table(overview)
      out += toolTable(report)
      if !overview.trend.isEmpty && !ShareTrendChart.hasFigures(overview.trend),
        let gaps = OverviewMarkdown.gapNotes(overview.trend)
      {
        out += "<p class=\"note\">No trend can be drawn: \(SVG.escape(gaps)).</p>"
      }
      let charts = charts(report)
      if !charts.isEmpty {
        out += "<div class=\"charts\">"
        for chart in charts {
          out += "<figure>\(chart.svg())<figcaption>\(SVG.escape(chart.caption))</figcaption></figure>\n"
        }
        out += "</div>"
      }
    }
    if let first = report.firstRun {
      out += "<h2>What this history shows</h2>"
      out +=
        "<p>No team has \(report.settings.minAuthors) or more distinct authors in this period, so no team is shown.</p><ul>"
      out += OverviewMarkdown.firstRunFacts(first).map { "<li>\(SVG.escape($0))</li>" }.joined()
      out += "</ul><p class=\"notice\" role=\"note\">\(SVG.escape(first.nextStep))</p>"
    }
    return out + "</section>\n"
  }

  /// The overview's charts, in page order.
  static func charts(_ report: OutcomeReport) -> [(id: String, caption: String, svg: () -> String)] {
    let overview = report.overview
    guard overview.status != .suppressed else { return [] }
    let group = TeamReport(
      team: subject, cells: overview.cells, comparisons: overview.comparisons, comparisonNote: nil,
      survival: overview.survival, trend: [], trendPoints: overview.trend)
    var charts: [(id: String, caption: String, svg: () -> String)] = []
    if ShareTrendChart.hasFigures(overview.trend) {
      let caption = [
        "AI share and AI − unmarked gaps over time, 95% intervals", ShareTrendChart.gapNote(overview.trend),
      ]
      .compactMap { $0 }.joined(separator: ". ")
      charts.append(
        (
          "overview-trend", caption,
          { ShareTrendChart.render(id: "overview-trend", subject: subject, points: overview.trend) }
        ))
    }
    if !RateChart.rows(group).isEmpty {
      charts.append(
        (
          "overview-rates", "Rates with 95% intervals",
          { untitled(RateChart.render(id: "overview-rates", team: group)) }
        ))
    }
    if !overview.survival.isEmpty {
      charts.append(
        (
          "overview-survival", "Lines still alive after landing (Kaplan–Meier, 95% band)",
          {
            untitled(SurvivalChart.render(id: "overview-survival", team: subject, series: overview.survival))
          }
        ))
    }
    return charts
  }

  /// Team charts title themselves "Team X"; the overview is no team.
  static func untitled(_ svg: String) -> String {
    svg.replacingOccurrences(of: ">Team \(subject):", with: ">\(subject):")
  }

  static func table(_ overview: Overview) -> String {
    let columns = MarkdownRenderer.columns
    var out = HTMLRenderer.cohortTableHead("\(subject): outcomes by cohort", columns)
    if let share = overview.aiShareOfChanges, share.value != nil {
      let all = CohortCell(cohort: .all, status: .published, changes: nil, metrics: [share])
      out += "<tr><th scope=\"row\">\(SVG.escape(MetricID.aiShareChanges.title))</th>"
      out +=
        "<td colspan=\"\(columns.count)\"\(HTMLRenderer.cellBody(all, .aiShareChanges, suffix: ""))</td><td></td></tr>"
    }
    out += HTMLRenderer.cohortRows(overview.cells, overview.comparisons, columns)
    return out + "</tbody></table>\n"
  }

  static func toolTable(_ report: OutcomeReport) -> String {
    guard !report.byTool.isEmpty else { return "" }
    let columns = OverviewMarkdown.toolColumns
    var out =
      "<table class=\"tools\"><caption>Outcomes per AI tool (tools, never people)</caption><thead><tr>"
    out +=
      "<th scope=\"col\">Tool</th>"
      + columns.map { "<th scope=\"col\">\(SVG.escape($0.title))</th>" }.joined()
    out += "</tr></thead><tbody>"
    let shown = report.byTool.filter { $0.status != .suppressed }
    for tool in shown {
      let cell = CohortCell(cohort: .ai, status: tool.status, changes: tool.changes, metrics: tool.metrics)
      out += "<tr><th scope=\"row\">\(SVG.escape(tool.tool))</th>"
      out += columns.map { "<td\(HTMLRenderer.cellBody(cell, $0, suffix: ""))</td>" }.joined() + "</tr>"
    }
    if let unmarked = report.overview.cells.first(where: { $0.cohort == .unmarked }),
      unmarked.status == .published
    {
      out += "<tr class=\"baseline\"><th scope=\"row\"><em>Unmarked (baseline)</em></th>"
      out += columns.map { "<td\(HTMLRenderer.cellBody(unmarked, $0, suffix: ""))</td>" }.joined() + "</tr>"
    }
    out += "</tbody></table>\n"
    let hidden = report.byTool.count - shown.count
    if hidden > 0 {
      out +=
        "<p class=\"note\">\(hidden) tool\(hidden == 1 ? "" : "s") not shown: fewer than \(report.settings.minAuthors) distinct authors, or hidden so that it cannot be recovered from the AI total.</p>"
    }
    return out
  }
}
