import Foundation

/// Small helpers for hand-written SVG: escaping, coordinates, and the shared palette.
enum SVG {
  /// Okabe–Ito colours, distinguishable with the common colour-vision deficiencies; each cohort also
  /// has its own dash pattern and marker so the charts survive greyscale printing.
  static let aiColour = "#0072B2"
  static let unmarkedColour = "#D55E00"
  static let gridColour = "#d0d0d0"
  static let textColour = "#222222"

  static func colour(_ cohort: ReportCohort) -> String { cohort == .unmarked ? unmarkedColour : aiColour }
  static func dash(_ cohort: ReportCohort) -> String {
    cohort == .unmarked ? " stroke-dasharray=\"6 4\"" : ""
  }

  static func escape(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(c)
      }
    }
    return out
  }

  static func n(_ value: Double) -> String { NumberText.fixed(value, 1) }

  /// Opening tag with the accessible name and description every chart carries.
  static func open(id: String, kind: String, width: Int, height: Int, title: String, description: String)
    -> String
  {
    """
    <svg id="\(id)" data-chart="\(kind)" role="img" aria-labelledby="\(id)-title \(id)-desc" \
    viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" xmlns="http://www.w3.org/2000/svg" \
    font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12" fill="\(textColour)">
    <title id="\(id)-title">\(escape(title))</title>
    <desc id="\(id)-desc">\(escape(description))</desc>
    """
  }

  /// A marker shape per cohort: circle for AI, square for unmarked.
  static func marker(_ cohort: ReportCohort, x: Double, y: Double) -> String {
    if cohort == .unmarked {
      return "<rect x=\"\(n(x - 4))\" y=\"\(n(y - 4))\" width=\"8\" height=\"8\" fill=\"\(unmarkedColour)\"/>"
    }
    return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"4.5\" fill=\"\(aiColour)\"/>"
  }

  /// Legend entries, left to right from (x, y).
  static func legend(x: Double, y: Double, _ cohorts: [ReportCohort]) -> String {
    var out = ""
    var cursor = x
    for cohort in cohorts {
      let label = cohort == .ai ? "AI (agent + assisted)" : cohort.title
      out +=
        "<line x1=\"\(n(cursor))\" y1=\"\(n(y))\" x2=\"\(n(cursor + 24))\" y2=\"\(n(y))\" stroke=\"\(colour(cohort))\" stroke-width=\"2.5\"\(dash(cohort))/>"
      out += marker(cohort, x: cursor + 12, y: y)
      out += "<text x=\"\(n(cursor + 30))\" y=\"\(n(y + 4))\">\(escape(label))</text>"
      cursor += 56 + Double(label.count) * 7
    }
    return out
  }

  /// A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten.
  static func niceCeiling(_ value: Double) -> Double {
    guard value > 0 else { return 1 }
    let power = pow(10, floor(log10(value)))
    for step in [1.0, 2, 2.5, 5, 10] where step * power >= value * 0.999 { return step * power }
    return 10 * power
  }
}
