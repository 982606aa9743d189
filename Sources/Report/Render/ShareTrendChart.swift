/// The trend per month (or quarter): the AI share of changes and of added lines on top, the AI −
/// unmarked gap in reverts within 14 days and churn within 21 days below, each with its 95% interval.
/// Buckets privacy hides or too small to estimate are gaps (a shaded column), named in the caption.
enum ShareTrendChart {
  static let width = 640
  static let height = 430
  static let linesColour = "#009E73"
  static let revertColour = "#CC79A7"
  static let churnColour = "#E69F00"

  /// A chart of nothing but gaps says less than the table's note: drawn only with some figure.
  static func hasFigures(_ points: [TrendPoint]) -> Bool {
    points.contains { $0.aiShareOfChanges != nil || $0.revertGap14d != nil || $0.churnGap21d != nil }
  }

  /// The caption's note on gaps, or nil when every bucket has figures.
  static func gapNote(_ points: [TrendPoint]) -> String? {
    let gaps = points.filter { $0.aiShareOfChanges == nil && $0.revertGap14d == nil }
    guard !gaps.isEmpty, let notes = OverviewMarkdown.gapNotes(gaps) else { return nil }
    return "Gaps (shaded): " + notes
  }

  static func render(id: String, subject: String, points: [TrendPoint]) -> String {
    let left = 72.0
    let right = 16.0
    let plotW = Double(width) - left - right
    let shareTop = 44.0
    let shareH = 140.0
    let gapTop = 250.0
    let gapH = 120.0
    let n = Double(max(points.count, 1))
    func x(_ index: Int) -> Double { left + (Double(index) + 0.5) * plotW / n }

    let summary = points.map { p -> String in
      var parts: [String] = []
      if let s = p.aiShareOfChanges { parts.append("AI share of changes \(NumberText.metric(s))") }
      if let s = p.aiShareAdded { parts.append("of added lines \(NumberText.metric(s))") }
      if let g = p.revertGap14d { parts.append("revert gap \(NumberText.difference(g))") }
      if let g = p.churnGap21d { parts.append("churn gap \(NumberText.difference(g))") }
      if parts.isEmpty { parts.append(p.note ?? "no figures") }
      return "\(p.bucket): " + parts.joined(separator: ", ")
    }.joined(separator: "; ")
    var out = SVG.open(
      id: id, kind: "trend", width: width, height: height,
      title: "\(subject): AI share of changes and lines, and AI − unmarked gaps, over time",
      description: summary + ".")

    // Gap columns first, under everything else.
    for (index, p) in points.enumerated() where p.aiShareOfChanges == nil && p.revertGap14d == nil {
      let w = plotW / n
      for (top, h) in [(shareTop, shareH), (gapTop, gapH)] {
        out +=
          "<rect class=\"gap\" x=\"\(SVG.n(x(index) - w / 2))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(w))\" height=\"\(SVG.n(h))\" fill=\"#eeeeee\"/>"
      }
    }

    // Top panel: shares.
    let shareMax = points.flatMap { [$0.aiShareOfChanges, $0.aiShareAdded] }.compactMap {
      $0?.high ?? $0?.value
    }
    .max()
    let yMax = min(1, SVG.niceCeiling(max(shareMax ?? 0.1, 0.05)))
    func ys(_ v: Double) -> Double { shareTop + (1 - min(max(v, 0), yMax) / yMax) * shareH }
    for step in 0...4 {
      let v = yMax * Double(step) / 4
      out += hline(left, left + plotW, ys(v), SVG.gridColour)
      out += label(left - 6, ys(v) + 4, NumberText.value(v, .share), anchor: "end")
    }
    out += label(left, shareTop - 8, "AI share", anchor: "start", bold: true)
    let series: [(KeyPath<TrendPoint, MetricValue?>, String, Double, String)] = [
      (\.aiShareOfChanges, SVG.aiColour, -4, ""),
      (\.aiShareAdded, linesColour, 4, " stroke-dasharray=\"2 3\""),
    ]
    for (path, colour, offset, dash) in series {
      var segment: [(Double, Double)] = []
      var segments: [[(Double, Double)]] = []
      for (index, p) in points.enumerated() {
        guard let m = p[keyPath: path], let v = m.value else {
          if !segment.isEmpty { segments.append(segment) }
          segment = []
          continue
        }
        let cx = x(index) + offset
        if let low = m.low, let high = m.high { out += whisker(cx, ys(low), ys(high), colour) }
        segment.append((cx, ys(v)))
      }
      if !segment.isEmpty { segments.append(segment) }
      for s in segments {
        if s.count > 1 {
          let d = "M" + s.map { "\(SVG.n($0.0)),\(SVG.n($0.1))" }.joined(separator: " L")
          out +=
            "<path class=\"trend-line\" d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>"
        }
        for point in s { out += dot(point.0, point.1, colour, square: colour == linesColour) }
      }
    }
    out += legend(
      x: left + 80, y: shareTop - 12,
      [("of changes", SVG.aiColour, false), ("of added lines", linesColour, true)])

    // Bottom panel: AI − unmarked gaps, symmetric around zero.
    let gapValues = points.flatMap { [$0.revertGap14d, $0.churnGap21d] }.compactMap { $0 }
      .flatMap { [abs($0.low ?? $0.difference), abs($0.high ?? $0.difference)] }
    let range = min(1, SVG.niceCeiling(max(gapValues.max() ?? 0.05, 0.01)))
    func yg(_ v: Double) -> Double {
      gapTop + (1 - (min(max(v, -range), range) + range) / (2 * range)) * gapH
    }
    for step in 0...4 {
      let v = -range + 2 * range * Double(step) / 4
      out += hline(left, left + plotW, yg(v), step == 2 ? "#888888" : SVG.gridColour)
      let text = NumberText.fixed(v * 100, range < 0.05 ? 1 : 0)
      out += label(left - 6, yg(v) + 4, (v > 0 ? "+" : "") + text + " pts", anchor: "end")
    }
    out += label(left, gapTop - 8, "AI − unmarked", anchor: "start", bold: true)
    for (index, p) in points.enumerated() {
      for (gap, colour, offset, square) in [
        (p.revertGap14d, revertColour, -5.0, false), (p.churnGap21d, churnColour, 5.0, true),
      ] {
        guard let gap else { continue }
        let cx = x(index) + offset
        if let low = gap.low, let high = gap.high { out += whisker(cx, yg(low), yg(high), colour) }
        out += dot(cx, yg(gap.difference), colour, square: square)
      }
    }
    out += legend(
      x: left + 110, y: gapTop - 12,
      [("reverted ≤ 14 days", revertColour, false), ("churn ≤ 21 days", churnColour, true)])

    // Bucket labels, thinned so they never collide; the description names every bucket.
    let stride = max(1, Int((n * 62 / plotW).rounded(.up)))
    for (index, p) in points.enumerated() where index % stride == 0 {
      out += label(x(index), gapTop + gapH + 18, p.bucket, anchor: "middle")
    }
    return out + "</svg>"
  }

  static func hline(_ x1: Double, _ x2: Double, _ y: Double, _ colour: String) -> String {
    "<line x1=\"\(SVG.n(x1))\" y1=\"\(SVG.n(y))\" x2=\"\(SVG.n(x2))\" y2=\"\(SVG.n(y))\" stroke=\"\(colour)\"/>"
  }

  static func label(_ x: Double, _ y: Double, _ text: String, anchor: String, bold: Bool = false) -> String {
    "<text x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" text-anchor=\"\(anchor)\"\(bold ? " font-weight=\"600\"" : "")>\(SVG.escape(text))</text>"
  }

  static func whisker(_ x: Double, _ y1: Double, _ y2: Double, _ colour: String) -> String {
    "<line class=\"whisker\" x1=\"\(SVG.n(x))\" y1=\"\(SVG.n(y1))\" x2=\"\(SVG.n(x))\" y2=\"\(SVG.n(y2))\" stroke=\"\(colour)\" stroke-width=\"1.5\" opacity=\"0.7\"/>"
  }

  static func dot(_ x: Double, _ y: Double, _ colour: String, square: Bool) -> String {
    square
      ? "<rect x=\"\(SVG.n(x - 3.5))\" y=\"\(SVG.n(y - 3.5))\" width=\"7\" height=\"7\" fill=\"\(colour)\"/>"
      : "<circle cx=\"\(SVG.n(x))\" cy=\"\(SVG.n(y))\" r=\"4\" fill=\"\(colour)\"/>"
  }

  static func legend(x: Double, y: Double, _ entries: [(String, String, Bool)]) -> String {
    var out = ""
    var cursor = x
    for (text, colour, square) in entries {
      out += dot(cursor + 4, y - 4, colour, square: square)
      out += label(cursor + 12, y, text, anchor: "start")
      cursor += 24 + Double(text.count) * 7
    }
    return out
  }
}
