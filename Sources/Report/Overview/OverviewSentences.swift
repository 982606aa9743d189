/// The overview's few sentences: how much of the work is AI-marked, and only the differences whose
/// 95% interval excludes zero, with figures; said plainly when there are none.
enum OverviewSentences {
  /// At most this many differences get a sentence of their own; the rest are counted.
  static let maxDifferences = 4

  /// Reading order of differences: what users ask first (reverts, defects, lasting lines), then the rest.
  static let order: [MetricID] = [
    .revertRate90d, .revertRate14d, .defectRate, .survival90d, .churn21d, .survival30d, .survival180d,
    .churn14d, .defectsPer1000Lines, .prMergeRate, .issueResolutionRate, .issueReopenRate,
    .timeToMergeMedianHours, .changeSizeMedian, .movedShare, .copiedShare,
  ]

  static func make(
    cells: [ReportCohort: CohortCell], comparisons: [Comparison], comparisonNote: String?,
    aiShareOfChanges: MetricValue?, options: ReportOptions
  ) -> [String] {
    var out: [String] = []
    if let share = shareSentence(cells, aiShareOfChanges) { out.append(share) }
    guard comparisonNote == nil, !comparisons.isEmpty else {
      out.append(
        "AI-marked and unmarked work cannot be compared repository-wide: each side needs at least \(options.minChanges) changes from \(options.minAuthors) or more authors."
      )
      return out
    }
    let clear = comparisons.filter { $0.verdict != .noClearDifference }.sorted {
      (order.firstIndex(of: $0.metric) ?? order.count) < (order.firstIndex(of: $1.metric) ?? order.count)
    }
    if clear.isEmpty {
      out.append(
        "AI-marked and unmarked changes differ clearly in none of the \(comparisons.count) outcomes compared: every 95% interval of the difference includes zero."
      )
      return out
    }
    out += clear.prefix(maxDifferences).map { sentence($0, cells) }
    let more = clear.count - maxDifferences
    let unclear = comparisons.count - clear.count
    var rest: [String] = []
    if more > 0 { rest.append("\(more) more clear difference\(more == 1 ? " is" : "s are") in the table") }
    if unclear > 0 {
      rest.append("no clear difference in the other \(unclear) outcome\(unclear == 1 ? "" : "s") compared")
    }
    if !rest.isEmpty {
      let text = rest.joined(separator: "; ")
      out.append(text.prefix(1).uppercased() + text.dropFirst() + ".")
    }
    return out
  }

  static func shareSentence(_ cells: [ReportCohort: CohortCell], _ share: MetricValue?) -> String? {
    // The share rests on the AI and unmarked cells; the all cell may be hidden (a small bot cohort).
    let total = cells[.all]?.changes
    guard let share, let value = share.value else {
      guard let total else { return nil }
      return
        "\(total) change\(total == 1 ? "" : "s") landed in the period; the AI-marked share is hidden because too few people are on one side."
    }
    // The share leaves bots out; say so when there were any (or the total is hidden), so the count
    // matches the sentence.
    let people = share.n
    var text = "AI-marked changes were \(NumberText.value(value, .share)) of the \(people) changes"
    if total.map({ people < $0 }) ?? true {
      text =
        "AI-marked changes were \(NumberText.value(value, .share)) of the \(people) changes not made by bots"
    }
    if let range = NumberText.interval(share.low, share.high, .share) { text += " (95% interval \(range)%)" }
    if let lines = cells[.all]?.metrics.first(where: { $0.metric == .aiShareAdded }), let v = lines.value {
      text += " and \(NumberText.value(v, .share)) of added lines"
    }
    return text + "."
  }

  /// "AI-marked changes were reverted within 90 days more often: 3.0% vs 0.4%, difference +2.6 pts
  /// (95% interval +1.0 to +5.5)."
  static func sentence(_ c: Comparison, _ cells: [ReportCohort: CohortCell]) -> String {
    let higher = c.verdict == .higherWithAI
    let subject: String
    switch c.metric {
    case .revertRate14d, .revertRate90d:
      let days = c.metric == .revertRate14d ? 14 : 90
      subject = "AI-marked changes were reverted within \(days) days \(higher ? "more" : "less") often"
    case .survival30d, .survival90d, .survival180d:
      let days = CellComputation.survivalDays[c.metric]!
      subject = "Lines from AI-marked changes survived \(days) days \(higher ? "more" : "less") often"
    case .churn14d, .churn21d:
      let days = c.metric == .churn14d ? 14 : 21
      subject =
        "\(higher ? "More" : "Fewer") lines from AI-marked changes were rewritten or removed within \(days) days"
    case .movedShare:
      subject = "AI-marked changes moved \(higher ? "more" : "less") existing code (share of added lines)"
    case .copiedShare:
      subject =
        "AI-marked changes copy-pasted \(higher ? "more" : "less") existing code (share of added lines)"
    case .defectRate:
      subject = "AI-marked changes introduced a defect \(higher ? "more" : "less") often"
    case .defectsPer1000Lines:
      subject = "AI-marked changes led to \(higher ? "more" : "fewer") defects per 1,000 added lines"
    case .prMergeRate: subject = "AI-marked pull requests were merged \(higher ? "more" : "less") often"
    case .issueResolutionRate:
      subject = "Issues linked to AI-marked changes were resolved \(higher ? "more" : "less") often"
    case .issueReopenRate:
      subject = "Issues resolved by AI-marked changes were reopened \(higher ? "more" : "less") often"
    case .timeToMergeMedianHours:
      subject = "AI-marked changes took \(higher ? "longer" : "less time") to merge (median)"
    case .changeSizeMedian: subject = "AI-marked changes were \(higher ? "larger" : "smaller") (median lines)"
    default: subject = "\(c.metric.title) was \(higher ? "higher" : "lower") for AI-marked changes"
    }
    func value(_ cohort: ReportCohort) -> String? {
      cells[cohort]?.metrics.first { $0.metric == c.metric }?.value.map {
        NumberText.value($0, c.metric.unit)
      }
    }
    var text = subject
    if let ai = value(.ai), let unmarked = value(.unmarked) {
      text += ": \(ai) vs \(unmarked) unmarked,"
    } else {
      text += ":"
    }
    let difference = NumberText.difference(c).replacingOccurrences(of: " (", with: " (95% interval ")
    return text + " difference \(difference)."
  }
}
