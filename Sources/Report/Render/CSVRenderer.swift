import Foundation

/// Tidy CSV: one row per team × period × cohort × metric (`team,period,cohort,metric,value,low,high,n`).
///
/// Monthly trend rows carry the month as their period; AI − unmarked differences use the cohort
/// `ai-minus-unmarked`. Suppressed cells have no rows at all. The overview comes first as team `*`, its
/// per-tool cells with cohort `tool:NAME`.
public enum CSVRenderer {
  public static let header = "team,period,cohort,metric,value,low,high,n"

  public static func render(_ report: OutcomeReport) -> String {
    var lines = [header] + OverviewCSV.rows(report)
    func row(
      _ team: String, _ period: String, _ cohort: String, _ metric: String, _ value: Double?, _ low: Double?,
      _ high: Double?, _ n: Int?
    ) {
      let fields = [
        field(team), field(period), cohort, metric, number(value), number(low), number(high),
        n.map(String.init) ?? "",
      ]
      lines.append(fields.joined(separator: ","))
    }
    for team in report.teams {
      for cell in team.cells where cell.status != .suppressed {
        for m in cell.metrics where m.value != nil {
          row(
            team.team, report.period.label, cell.cohort.rawValue, m.metric.rawValue, m.value, m.low, m.high,
            m.n)
        }
      }
      for c in team.comparisons {
        row(
          team.team, report.period.label, "ai-minus-unmarked", c.metric.rawValue, c.difference, c.low, c.high,
          nil)
      }
      for cell in team.trend where cell.status != .suppressed {
        for m in cell.metrics where m.value != nil {
          row(team.team, cell.month, cell.cohort.rawValue, m.metric.rawValue, m.value, m.low, m.high, m.n)
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func number(_ value: Double?) -> String {
    guard let value else { return "" }
    let r = NumberText.rounded(value)
    return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : "\(r)"
  }

  /// RFC 4180 quoting when needed.
  static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
