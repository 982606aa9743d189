/// One team's rates, AI against unmarked, each a marker with its 95% interval as a whisker.
///
/// One chart per team rather than teams side by side: the report compares cohorts within a team and
/// must not read as a league table of teams.
enum RateChart {
  static let metrics: [MetricID] = [
    .prMergeRate, .revertRate14d, .revertRate90d, .churn14d, .churn21d, .defectRate, .issueResolutionRate,
    .issueReopenRate,
  ]
  static let width = 640

  /// The rows that have a value in the AI or unmarked cell; empty means no chart.
  static func rows(_ team: TeamReport) -> [(MetricID, [ReportCohort: MetricValue])] {
    metrics.compactMap { metric in
      var values: [ReportCohort: MetricValue] = [:]
      for cell in team.cells
      where (cell.cohort == .ai || cell.cohort == .unmarked) && cell.status == .published {
        if let m = cell.metrics.first(where: { $0.metric == metric }), m.value != nil {
          values[cell.cohort] = m
        }
      }
      return values.isEmpty ? nil : (metric, values)
    }
  }

  static func render(id: String, team: TeamReport) -> String {
    let rows = rows(team)
    let left = 230.0
    let right = 24.0
    let top = 36.0
    let rowHeight = 34.0
    let bottom = 40.0
    let height = Int(top + Double(rows.count) * rowHeight + bottom)
    let plotW = Double(width) - left - right
    let maxHigh = rows.flatMap { $0.1.values.map { $0.high ?? $0.value ?? 0 } }.max() ?? 1
    let xMax = min(1, SVG.niceCeiling(maxHigh))
    func x(_ v: Double) -> Double { left + min(max(v, 0), xMax) / xMax * plotW }

    let summary = rows.map { metric, values in
      "\(metric.title): "
        + [ReportCohort.ai, .unmarked].compactMap { cohort in
          values[cohort].map { "\(cohort.title) \(NumberText.metric($0))" }
        }.joined(separator: ", ")
    }.joined(separator: "; ")
    var out = SVG.open(
      id: id, kind: "rates", width: width, height: height,
      title: "Team \(team.team): rates with 95% intervals, AI against unmarked",
      description: summary + ".")
    let plotBottom = top + Double(rows.count) * rowHeight
    for step in 0...4 {
      let v = xMax * Double(step) / 4
      out +=
        "<line x1=\"\(SVG.n(x(v)))\" y1=\"\(SVG.n(top - 6))\" x2=\"\(SVG.n(x(v)))\" y2=\"\(SVG.n(plotBottom))\" stroke=\"\(SVG.gridColour)\"/>"
      out +=
        "<text x=\"\(SVG.n(x(v)))\" y=\"\(SVG.n(plotBottom + 16))\" text-anchor=\"middle\">\(NumberText.value(v, .share))</text>"
    }
    for (index, (metric, values)) in rows.enumerated() {
      let rowTop = top + Double(index) * rowHeight
      out +=
        "<text x=\"\(SVG.n(left - 10))\" y=\"\(SVG.n(rowTop + rowHeight / 2 + 4))\" text-anchor=\"end\">\(SVG.escape(metric.title))</text>"
      for (offset, cohort) in [(-7.0, ReportCohort.ai), (7.0, .unmarked)] {
        guard let m = values[cohort], let value = m.value else { continue }
        let cy = rowTop + rowHeight / 2 + offset
        if let low = m.low, let high = m.high {
          out +=
            "<line class=\"whisker\" x1=\"\(SVG.n(x(low)))\" y1=\"\(SVG.n(cy))\" x2=\"\(SVG.n(x(high)))\" y2=\"\(SVG.n(cy))\" stroke=\"\(SVG.colour(cohort))\" stroke-width=\"2\"\(SVG.dash(cohort))/>"
          for end in [low, high] {
            out +=
              "<line x1=\"\(SVG.n(x(end)))\" y1=\"\(SVG.n(cy - 4))\" x2=\"\(SVG.n(x(end)))\" y2=\"\(SVG.n(cy + 4))\" stroke=\"\(SVG.colour(cohort))\" stroke-width=\"2\"/>"
          }
        }
        out += SVG.marker(cohort, x: x(value), y: cy)
      }
    }
    out +=
      "<text x=\"\(SVG.n(left + plotW / 2))\" y=\"\(height - 6)\" text-anchor=\"middle\">share of changes (lines for churn)</text>"
    out += SVG.legend(x: left, y: 16, [.ai, .unmarked])
    return out + "</svg>"
  }
}
