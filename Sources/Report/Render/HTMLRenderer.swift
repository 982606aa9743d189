/// One self-contained HTML file: inline CSS and SVG only, no script, nothing fetched from elsewhere.
///
/// Every chart is an `<svg role="img">` with a title and a description that states its figures, and
/// the tables carry the same numbers as text, so the page reads without seeing the charts.
public enum HTMLRenderer {
  public static func render(_ report: OutcomeReport) -> String {
    var body = ""
    body += "<header><h1>\(SVG.escape(report.title)) — \(SVG.escape(report.period.label))</h1>"
    body += "<p class=\"meta\">\(SVG.escape(meta(report)))</p></header>\n"
    if report.period.provisional, let reason = report.period.provisionalReason {
      body +=
        "<p class=\"notice provisional\" role=\"note\"><strong>Provisional.</strong> \(SVG.escape(reason))</p>\n"
    }
    body +=
      "<p class=\"notice\" role=\"note\"><strong>Read with care.</strong> \(SVG.escape(Caveats.selection))</p>\n"
    body += OverviewHTML.section(report)
    for (index, team) in report.teams.enumerated() { body += teamSection(team, index: index) }
    if report.suppressedTeams > 0 {
      body +=
        "<p>\(report.suppressedTeams) team\(report.suppressedTeams == 1 ? "" : "s") not shown: fewer than \(report.settings.minAuthors) distinct authors.</p>\n"
    }
    body += "<section><h2>How to read this report</h2><ul>"
    body += report.caveats.map { "<li>\(SVG.escape($0))</li>" }.joined()
    body +=
      "<li>Figures marked * are provisional: some changes have not reached that horizon yet.</li></ul></section>\n"
    body += "<section><h2>Definitions</h2><dl>"
    body += report.definitions.map { "<dt>\(SVG.escape($0.title))</dt><dd>\(SVG.escape($0.definition))</dd>" }
      .joined()
    body += "</dl></section>\n"
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(SVG.escape(report.title)) — \(SVG.escape(report.period.label))</title>
      <style>\(style)</style>
      </head>
      <body>
      <main>
      \(body)</main>
      </body>
      </html>

      """
  }

  /// Ids of the charts the page must contain for `report`, in page order (the browser test checks them).
  public static func chartIDs(_ report: OutcomeReport) -> [String] {
    OverviewHTML.charts(report).map(\.id)
      + report.teams.enumerated().flatMap { index, team in charts(team, index: index).map(\.id) }
  }

  static func charts(_ team: TeamReport, index: Int) -> [(id: String, caption: String, svg: () -> String)] {
    var charts: [(id: String, caption: String, svg: () -> String)] = []
    if !team.survival.isEmpty {
      let id = "team-\(index + 1)-survival"
      charts.append(
        (
          id, "Lines still alive after landing (Kaplan–Meier, 95% band)",
          { SurvivalChart.render(id: id, team: team.team, series: team.survival) }
        ))
    }
    if !RateChart.rows(team).isEmpty {
      let id = "team-\(index + 1)-rates"
      charts.append((id, "Rates with 95% intervals", { RateChart.render(id: id, team: team) }))
    }
    if ShareTrendChart.hasFigures(team.trendPoints) {
      let id = "team-\(index + 1)-trend"
      let caption = [
        "AI share and AI − unmarked gaps over time, 95% intervals", ShareTrendChart.gapNote(team.trendPoints),
      ]
      charts.append(
        (
          id, caption.compactMap { $0 }.joined(separator: ". "),
          { ShareTrendChart.render(id: id, subject: "Team \(team.team)", points: team.trendPoints) }
        ))
    }
    return charts
  }

  static func meta(_ report: OutcomeReport) -> String {
    var parts = [
      "Period \(report.period.start.prefix(10)) to \(report.period.end.prefix(10)) (end exclusive)",
      "history observed until \(report.period.observedUntil.prefix(10))",
      "teams from \(report.teamSource.rawValue)",
    ]
    if let repository = report.repository { parts.insert("Repository \(repository)", at: 0) }
    return parts.joined(separator: " · ")
  }

  static func teamSection(_ team: TeamReport, index: Int) -> String {
    var out = "<section class=\"team\" aria-labelledby=\"team-\(index + 1)\">"
    out += "<h2 id=\"team-\(index + 1)\">Team \(SVG.escape(team.team))</h2>\n"
    out += table(team)
    if let note = team.comparisonNote { out += "<p class=\"note\">\(SVG.escape(note))</p>" }
    let charts = charts(team, index: index)
    if !charts.isEmpty {
      out += "<div class=\"charts\">"
      for chart in charts {
        out += "<figure>\(chart.svg())<figcaption>\(SVG.escape(chart.caption))</figcaption></figure>\n"
      }
      out += "</div>"
    }
    return out + "</section>\n"
  }

  /// The opening of a cohort table (caption, metric column, one column per cohort, the difference).
  static func cohortTableHead(_ caption: String, _ columns: [ReportCohort]) -> String {
    "<table><caption>\(caption)</caption><thead><tr><th scope=\"col\">Metric</th>"
      + columns.map { "<th scope=\"col\">\(SVG.escape($0.title))</th>" }.joined()
      + "<th scope=\"col\">AI − unmarked</th></tr></thead><tbody>"
  }

  static func table(_ team: TeamReport) -> String {
    let columns = MarkdownRenderer.columns
    return cohortTableHead("Team \(SVG.escape(team.team)): outcomes by cohort", columns)
      + cohortRows(team.cells, team.comparisons, columns) + "</tbody></table>\n"
  }

  /// One row per metric with a value: a value per cohort column (shares span them as one), then the
  /// AI − unmarked difference. Team and overview tables share it.
  static func cohortRows(_ cells: [CohortCell], _ comparisons: [Comparison], _ columns: [ReportCohort])
    -> String
  {
    let cells = Dictionary(uniqueKeysWithValues: cells.map { ($0.cohort, $0) })
    let comparisons = Dictionary(uniqueKeysWithValues: comparisons.map { ($0.metric, $0) })
    var out = ""
    for metric in MarkdownRenderer.rows + [.aiShareAdded, .aiShareSurviving] {
      let isShare = metric == .aiShareAdded || metric == .aiShareSurviving
      let shown = isShare ? [ReportCohort.all] : columns
      guard MarkdownRenderer.hasValue(cells, metric, in: shown) else { continue }
      out += "<tr><th scope=\"row\">\(SVG.escape(metric.title))</th>"
      for cohort in shown {
        let span = isShare ? " colspan=\"\(columns.count)\"" : ""
        out += "<td\(span)\(cellBody(cells[cohort], metric, suffix: isShare ? " of all changes" : ""))</td>"
      }
      out += comparisons[metric].map(differenceCell) ?? "<td></td>"
      out += "</tr>"
    }
    return out
  }

  static func differenceCell(_ c: Comparison) -> String {
    let cls = c.verdict == .noClearDifference ? "same" : "diff"
    let parts = NumberText.difference(c).split(separator: " (", maxSplits: 1).map(String.init)
    var out = "<td class=\"\(cls)\">\(SVG.escape(parts[0]))"
    if parts.count > 1 { out += "<small>(\(SVG.escape(parts[1]))</small>" }
    return out + "<span>\(c.verdict.rawValue)</span></td>"
  }

  /// Class attribute and content of one cell: the value large, interval and count small beneath.
  static func cellBody(_ cell: CohortCell?, _ metric: MetricID, suffix: String) -> String {
    let text = MarkdownRenderer.cellText(cell, metric)
    if text == "suppressed" { return " class=\"hidden\">suppressed" }
    if text == "insufficient data" { return " class=\"thin\">insufficient data" }
    guard let m = cell?.metrics.first(where: { $0.metric == metric }) else { return ">\(SVG.escape(text))" }
    let (main, detail) = NumberText.parts(m)
    guard m.value != nil else { return " class=\"thin\">\(SVG.escape(main))" }
    var body = ">\(SVG.escape(main))\(m.provisional ? "*" : "")\(SVG.escape(suffix))"
    if let detail { body += "<small>\(SVG.escape(detail))</small>" }
    return body
  }

  static let style = """
    :root { color-scheme: light; }
    body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 0; background: #fff; }
    main { max-width: 1000px; margin: 0 auto; padding: 24px; }
    h1 { font-size: 1.6em; margin: 0 0 4px; }
    h2 { font-size: 1.25em; margin: 28px 0 8px; border-bottom: 1px solid #ccc; }
    .meta { color: #555; margin: 0 0 12px; }
    .notice { border-left: 4px solid #0072B2; background: #eef5fb; padding: 8px 12px; }
    .provisional { border-color: #E69F00; background: #fdf5e6; }
    table { border-collapse: collapse; width: 100%; font-size: 0.85em; margin: 8px 0; }
    caption { text-align: left; font-weight: 600; padding: 4px 0; }
    th, td { border: 1px solid #ddd; padding: 4px 6px; vertical-align: top; }
    thead th { background: #f3f3f3; }
    tbody th { text-align: left; font-weight: normal; }
    td { text-align: right; font-variant-numeric: tabular-nums; }
    td.hidden, td.thin { color: #666; font-style: italic; }
    td small, td span { display: block; font-size: 0.85em; color: #555; white-space: nowrap; }
    td.diff span { font-weight: 600; color: #222; }
    .charts { display: flex; flex-wrap: wrap; gap: 12px; }
    .findings li { margin: 4px 0; }
    tr.baseline th, tr.baseline td { background: #fafafa; }
    figure { margin: 8px 0; break-inside: avoid; }
    figcaption { font-size: 0.85em; color: #444; }
    svg { max-width: 100%; height: auto; }
    dt { font-weight: 600; margin-top: 6px; }
    dd { margin: 0 0 0 16px; }
    @media print {
      body { font-size: 10pt; }
      main { max-width: none; padding: 0; }
      .team { break-before: page; }
      .notice { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    """
}
