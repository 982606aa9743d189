import Foundation
import OutcomeModel

extension SelfCheckSummary {
  /// The terminal text: who it is about, one table per period (AI-marked next to unmarked), then the
  /// recent period against the baseline. Only the caller's own addresses ever appear in it.
  public func text(identity: SelfIdentity, branch: String) -> String {
    var out: [String] = []
    out.append("outcomes self: your own changes on \(branch); nothing else is shown, written or sent.")
    let merged = identity.canonical.subtracting(identity.given).sorted()
    out.append(
      "You: \(identity.given.joined(separator: ", "))"
        + (merged.isEmpty ? "" : " (the .mailmap merges you with \(merged.joined(separator: ", ")))"))
    out.append(
      "Recent: \(day(windows.recentStart)) to \(day(windows.end)) (\(windows.days) days); baseline: "
        + "\(day(windows.baselineStart)) to \(day(windows.recentStart)) (\(windows.baselineDays) days); "
        + "history observed until \(day(observedUntil)).")
    out.append(
      "Your changes in the whole history: \(totalChanges), \(totalAIChanges) of them AI-marked.")
    for period in SelfCheckPeriod.allCases {
      out.append("")
      out.append(
        period == .recent
          ? "Last \(windows.days) days" : "Baseline: the \(windows.baselineDays) days before")
      var rows = [["", "AI-marked", "unmarked", "AI − unmarked"]]
      for metric in metrics {
        let ai = measure(metric, period, .ai)
        let unmarked = measure(metric, period, .unmarked)
        rows.append([
          metric.title, cell(metric, period, .ai), cell(metric, period, .unmarked),
          comparison(metric, ai, unmarked),
        ])
      }
      out.append(contentsOf: table(rows))
      let young = SelfCheckCohort.allCases.reduce(0) {
        $0 + (tooRecentForReverts[Key(metric: .reverted30d, period: period, cohort: $1)] ?? 0)
      }
      if young > 0 {
        out.append("  (\(young) change(s) younger than 30 days are left out of the revert rate)")
      }
    }
    out.append("")
    out.append("Last \(windows.days) days against your baseline (recent − baseline)")
    var rows = [["", "AI-marked", "unmarked"]]
    for metric in metrics {
      rows.append(
        [metric.title]
          + SelfCheckCohort.allCases.map { cohort -> String in
            let recent = measure(metric, .recent, cohort)
            let baseline = measure(metric, .baseline, cohort)
            if case .count(let now) = recent, case .count(let before) = baseline {
              return "\(now) (was \(before))"
            }
            return comparison(metric, recent, baseline)
          })
    }
    out.append(contentsOf: table(rows))
    out.append("")
    out.append(
      "Intervals are 95%. \"No clear difference\": the interval includes zero, so the data do not support "
        + "calling it one. Fewer than \(minChanges) changes in a group: too few to say.")
    out.append(
      "AI-marked means agent or assisted; unmarked means no AI mark was found, not that no AI was used. "
        + "Recent changes have had less time to be reverted, reworked or blamed for defects.")
    return out.joined(separator: "\n") + "\n"
  }

  private func day(_ seconds: Int64) -> String { String(Timestamp.iso8601(seconds).prefix(10)) }

  /// One group's figure with its count and interval, or why there is none.
  func cell(_ metric: SelfCheckMetric, _ period: SelfCheckPeriod, _ cohort: SelfCheckCohort) -> String {
    let figure = measure(metric, period, cohort)
    if case .count(0) = measure(.landed, period, cohort), metric != .landed { return "no changes" }
    switch figure {
    case .count(let count):
      return "\(count)"
    case .rate(let successes, let trials):
      guard isEnough(figure), let estimate = Wilson.interval(successes: successes, trials: trials) else {
        return "too few changes (\(trials))"
      }
      return "\(percent(estimate.value)) (\(successes) of \(trials)) \(interval(metric, estimate))"
    case .sample(let sample, let n, let enough):
      guard isEnough(figure), let estimate = sample?.estimate else {
        return metric == .alive30d && n > enough
          ? "too few changes 30 days old (\(enough))" : "too few changes (\(enough))"
      }
      return "\(value(metric, estimate.value)) \(interval(metric, estimate)) (\(n) changes)"
    }
  }

  /// `a − b` in words: a difference only when its interval excludes zero.
  func comparison(_ metric: SelfCheckMetric, _ a: SelfCheckMeasure, _ b: SelfCheckMeasure) -> String {
    if case .count = a { return "" }
    guard let estimate = difference(a, b), let low = estimate.low, let high = estimate.high else {
      return "too few changes"
    }
    let unit = metric.isProportion ? "pts" : "h"
    let scale = metric.isProportion ? 100.0 : 1.0
    let range = "\(signed(low * scale)) to \(signed(high * scale)) \(unit)"
    if estimate.spansZero { return "no clear difference (\(range))" }
    return "\(estimate.value > 0 ? "higher" : "lower"): \(signed(estimate.value * scale)) \(unit) (\(range))"
  }

  private func value(_ metric: SelfCheckMetric, _ value: Double) -> String {
    metric.isProportion ? percent(value) : String(format: "%.1f h", value)
  }

  private func interval(_ metric: SelfCheckMetric, _ estimate: Estimate) -> String {
    guard let low = estimate.low, let high = estimate.high else { return "" }
    if metric.isProportion { return "[\(number(low * 100))–\(percent(high))]" }
    return "[\(String(format: "%.1f", low))–\(String(format: "%.1f", high)) h]"
  }

  private func percent(_ fraction: Double) -> String { number(fraction * 100) + "%" }

  /// Whole numbers, with one decimal below 10 so small rates do not all read as 0% or 1%.
  private func number(_ value: Double) -> String {
    // Below 0.05 prints as 0, so float noise (1e-17) and a true zero read the same.
    if abs(value) < 0.05 { return "0" }
    return abs(value) < 10 ? String(format: "%.1f", value) : String(format: "%.0f", value)
  }

  private func signed(_ value: Double) -> String {
    let text = number(abs(value))
    if text == "0" { return text }
    return (value < 0 ? "−" : "+") + text
  }

  /// Left-aligned columns separated by two spaces, the first row as a header.
  private func table(_ rows: [[String]]) -> [String] {
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { column in
      rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
    }
    return rows.map { row in
      row.enumerated().map { index, text in
        index == row.count - 1 ? text : text.padding(toLength: widths[index], withPad: " ", startingAt: 0)
      }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }.map { "  " + $0 }
  }
}
