import Foundation

/// Human-readable numbers, the same in every text renderer.
enum NumberText {
  static func fixed(_ value: Double, _ digits: Int) -> String {
    let text = String(format: "%.\(digits)f", value)
    // "-0.0" reads as a sign error.
    return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
  }

  /// A value in the metric's unit without interval: `12.3%`, `5.2 h`, `42`.
  static func value(_ value: Double, _ unit: MetricID.Unit) -> String {
    switch unit {
    case .share: return fixed(value * 100, 1) + "%"
    case .hours: return fixed(value, 1) + " h"
    case .lines, .count: return fixed(value, value.rounded() == value ? 0 : 1)
    case .perThousandLines: return fixed(value, 2)
    }
  }

  /// The interval bounds in the unit, without the unit sign: `8.1–17.0`.
  static func interval(_ low: Double?, _ high: Double?, _ unit: MetricID.Unit) -> String? {
    guard let low, let high else { return nil }
    switch unit {
    case .share: return "\(fixed(low * 100, 1))–\(fixed(high * 100, 1))"
    case .hours, .lines, .count: return "\(fixed(low, 1))–\(fixed(high, 1))"
    case .perThousandLines: return "\(fixed(low, 2))–\(fixed(high, 2))"
    }
  }

  /// `12.3% (8.1–17.0; 3/120)` or `42 (35.0–50.0; n=120)`; `*` marks provisional figures.
  static func metric(_ m: MetricValue) -> String {
    let (main, detail) = parts(m)
    return detail.map { "\(main) (\($0))" + (m.provisional ? "*" : "") } ?? main
  }

  /// The value and, apart, its interval and count, for renderers that set them on two lines.
  static func parts(_ m: MetricValue) -> (main: String, detail: String?) {
    guard let v = m.value else { return (m.note.map { "— (\($0))" } ?? "—", nil) }
    let main = value(v, m.metric.unit)
    if m.metric.unit == .count || m.metric == .linesAdded { return (main, nil) }
    var details: [String] = []
    if let range = interval(m.low, m.high, m.metric.unit) { details.append(range) }
    details.append(m.successes.map { "\($0)/\(m.n)" } ?? "n=\(m.n)")
    return (main, details.joined(separator: "; "))
  }

  /// A difference: percentage points for shares, plain units otherwise, with a sign.
  static func difference(_ c: Comparison) -> String {
    let unit = c.metric.unit
    func signed(_ x: Double) -> String {
      let body: String
      switch unit {
      case .share: body = fixed(x * 100, 1)
      case .perThousandLines: body = fixed(x, 2)
      default: body = fixed(x, 1)
      }
      return x > 0 && Double(body) != 0 ? "+" + body : body
    }
    let suffix = unit == .share ? " pts" : unit == .hours ? " h" : ""
    var text = signed(c.difference) + suffix
    if let low = c.low, let high = c.high { text += " (\(signed(low)) to \(signed(high)))" }
    return text
  }

  /// Rounds for output so golden files and JSON stay short and stable.
  static func rounded(_ value: Double) -> Double {
    (value * 1_000_000).rounded() / 1_000_000
  }
}
