/// Kaplan–Meier curves of added lines, AI against unmarked, each with its bootstrap band.
enum SurvivalChart {
  static let width = 640
  static let height = 280

  static func render(id: String, team: String, series: [SurvivalSeries]) -> String {
    let left = 56.0
    let right = 16.0
    let top = 36.0
    let bottom = 44.0
    let plotW = Double(width) - left - right
    let plotH = Double(height) - top - bottom
    let horizon = Double(CellComputation.horizon)
    func x(_ day: Int) -> Double { left + Double(day) / horizon * plotW }
    func y(_ s: Double) -> Double { top + (1 - s) * plotH }

    let summary = series.map { s -> String in
      let at = [30, 90, 180].compactMap { day in
        s.points.first { $0.day == day }.map { "\(NumberText.value($0.survival, .share)) at \(day) days" }
      }
      return "\(s.cohort.title): "
        + (at.isEmpty ? "too few changes observed long enough" : at.joined(separator: ", "))
    }.joined(separator: "; ")
    var out = SVG.open(
      id: id, kind: "survival", width: width, height: height,
      title: "Team \(team): share of added lines still alive, by days since landing",
      description: "Kaplan–Meier survival of added lines with 95% bootstrap bands. \(summary).")
    for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
      out +=
        "<line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(y(tick)))\" x2=\"\(SVG.n(left + plotW))\" y2=\"\(SVG.n(y(tick)))\" stroke=\"\(SVG.gridColour)\"/>"
      out +=
        "<text x=\"\(SVG.n(left - 6))\" y=\"\(SVG.n(y(tick) + 4))\" text-anchor=\"end\">\(Int(tick * 100))%</text>"
    }
    for day in stride(from: 0, through: 180, by: 30) {
      out +=
        "<line x1=\"\(SVG.n(x(day)))\" y1=\"\(SVG.n(top + plotH))\" x2=\"\(SVG.n(x(day)))\" y2=\"\(SVG.n(top + plotH + 5))\" stroke=\"\(SVG.textColour)\"/>"
      out +=
        "<text x=\"\(SVG.n(x(day)))\" y=\"\(SVG.n(top + plotH + 18))\" text-anchor=\"middle\">\(day)</text>"
    }
    out +=
      "<text x=\"\(SVG.n(left + plotW / 2))\" y=\"\(height - 6)\" text-anchor=\"middle\">days since landing</text>"
    out +=
      "<line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(top + plotH))\" x2=\"\(SVG.n(left + plotW))\" y2=\"\(SVG.n(top + plotH))\" stroke=\"\(SVG.textColour)\"/>"
    for s in series where !s.points.isEmpty {
      let colour = SVG.colour(s.cohort)
      let banded = s.points.filter { $0.low != nil && $0.high != nil }
      if banded.count > 1 {
        let upper = stepPoints(banded.map { (x($0.day), y($0.high!)) })
        let lower = stepPoints(banded.reversed().map { (x($0.day), y($0.low!)) }, reversed: true)
        let points = (upper + lower).map { "\(SVG.n($0.0)),\(SVG.n($0.1))" }.joined(separator: " ")
        out +=
          "<polygon class=\"band\" points=\"\(points)\" fill=\"\(colour)\" fill-opacity=\"0.15\" stroke=\"none\"/>"
      }
      let line = stepPoints(s.points.map { (x($0.day), y($0.survival)) })
      let d = "M" + line.map { "\(SVG.n($0.0)),\(SVG.n($0.1))" }.joined(separator: " L")
      out +=
        "<path class=\"curve\" d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(SVG.dash(s.cohort))/>"
      for point in s.points where [30, 90, 180].contains(point.day) {
        out += SVG.marker(s.cohort, x: x(point.day), y: y(point.survival))
      }
    }
    out += SVG.legend(x: left, y: 16, series.map(\.cohort))
    return out + "</svg>"
  }

  /// Kaplan–Meier curves are steps: hold each value until the next sampled day.
  static func stepPoints(_ points: [(Double, Double)], reversed: Bool = false) -> [(Double, Double)] {
    var out: [(Double, Double)] = []
    for (index, point) in points.enumerated() {
      if index > 0 {
        let previous = points[index - 1]
        out.append(reversed ? (previous.0, point.1) : (point.0, previous.1))
      }
      out.append(point)
    }
    return out
  }
}
