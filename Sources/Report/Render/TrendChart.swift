/// Changes per month inside the period, AI against unmarked; hidden months are gaps, labelled.
enum TrendChart {
  static let width = 640
  static let height = 240

  static func render(id: String, team: TeamReport) -> String {
    let months = team.trend.map(\.month).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    let left = 56.0
    let right = 24.0
    let top = 36.0
    let bottom = 44.0
    let plotW = Double(width) - left - right
    let plotH = Double(height) - top - bottom
    let cohorts: [ReportCohort] = [.ai, .unmarked]
    func cell(_ month: String, _ cohort: ReportCohort) -> TrendCell? {
      team.trend.first { $0.month == month && $0.cohort == cohort }
    }
    let maxCount = team.trend.filter { cohorts.contains($0.cohort) }.compactMap(\.changes).max() ?? 0
    let yMax = SVG.niceCeiling(Double(max(maxCount, 1)))
    func x(_ index: Int) -> Double {
      months.count == 1
        ? left + plotW / 2 : left + 20 + Double(index) / Double(months.count - 1) * (plotW - 40)
    }
    func y(_ v: Double) -> Double { top + (1 - v / yMax) * plotH }

    let summary = months.map { month in
      month + ": "
        + cohorts.map { cohort in
          let c = cell(month, cohort)
          return "\(cohort.title) " + (c?.status == .suppressed ? "hidden" : "\(c?.changes ?? 0)")
        }.joined(separator: ", ")
    }.joined(separator: "; ")
    var out = SVG.open(
      id: id, kind: "trend", width: width, height: height,
      title: "Team \(team.team): changes per month, AI against unmarked", description: summary + ".")
    for step in 0...4 {
      let v = yMax * Double(step) / 4
      out +=
        "<line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(y(v)))\" x2=\"\(SVG.n(left + plotW))\" y2=\"\(SVG.n(y(v)))\" stroke=\"\(SVG.gridColour)\"/>"
      out +=
        "<text x=\"\(SVG.n(left - 6))\" y=\"\(SVG.n(y(v) + 4))\" text-anchor=\"end\">\(NumberText.value(v, .count))</text>"
    }
    // A month label is about 60 px wide: past that, label every n-th month so they never run into each
    // other; the chart's description still names every month.
    let stride = max(1, Int((Double(months.count) * 62 / plotW).rounded(.up)))
    for (index, month) in months.enumerated() where index % stride == 0 {
      out +=
        "<text x=\"\(SVG.n(x(index)))\" y=\"\(SVG.n(top + plotH + 18))\" text-anchor=\"middle\">\(SVG.escape(month))</text>"
    }
    for cohort in cohorts {
      var segments: [[(Double, Double)]] = [[]]
      for (index, month) in months.enumerated() {
        guard let c = cell(month, cohort), c.status != .suppressed, let count = c.changes else {
          segments.append([])
          // Crowded charts mark hidden months with a small × (titled), not the word.
          let mark = stride > 1 ? "×<title>hidden</title>" : "hidden"
          out +=
            "<text x=\"\(SVG.n(x(index)))\" y=\"\(SVG.n(top + plotH - 6 - (cohort == .ai ? 14 : 0)))\" text-anchor=\"middle\" font-style=\"italic\" fill=\"\(SVG.colour(cohort))\">\(mark)</text>"
          continue
        }
        segments[segments.count - 1].append((x(index), y(Double(count))))
      }
      for segment in segments where segment.count > 1 {
        let d = "M" + segment.map { "\(SVG.n($0.0)),\(SVG.n($0.1))" }.joined(separator: " L")
        out +=
          "<path class=\"trend-line\" d=\"\(d)\" fill=\"none\" stroke=\"\(SVG.colour(cohort))\" stroke-width=\"2.5\"\(SVG.dash(cohort))/>"
      }
      for point in segments.flatMap({ $0 }) { out += SVG.marker(cohort, x: point.0, y: point.1) }
    }
    out +=
      "<text x=\"\(SVG.n(left + plotW / 2))\" y=\"\(height - 6)\" text-anchor=\"middle\">changes landed per month</text>"
    out += SVG.legend(x: left, y: 16, cohorts)
    return out + "</svg>"
  }
}
