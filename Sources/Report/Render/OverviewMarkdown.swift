/// The Markdown overview: sentences, the repository-wide table, outcomes per tool, the trend, and the
/// first-run facts when no team may be shown.
enum OverviewMarkdown {
  /// "the whole repository", or "all 12 repositories" for an organisation report.
  static func heading(_ report: OutcomeReport) -> String {
    if let name = report.repository, name.hasSuffix(" repositories") { return "Overview: all \(name)" }
    return "Overview: the whole repository"
  }

  static func section(_ report: OutcomeReport) -> [String] {
    let overview = report.overview
    var out = ["## \(heading(report))", ""]
    out += overview.sentences.map { "- \($0)" }
    out.append("")
    guard overview.status != .suppressed else { return out }
    let cells = Dictionary(uniqueKeysWithValues: overview.cells.map { ($0.cohort, $0) })
    let comparisons = Dictionary(uniqueKeysWithValues: overview.comparisons.map { ($0.metric, $0) })
    out += MarkdownRenderer.cohortTable(cells, comparisons)
    out.append("")
    if let share = overview.aiShareOfChanges, share.value != nil {
      out.append("\(MetricID.aiShareChanges.title): \(NumberText.metric(share)).")
      out.append("")
    }
    if let all = cells[.all], all.status == .published {
      for metric in [MetricID.aiShareAdded, .aiShareSurviving] {
        if let m = all.metrics.first(where: { $0.metric == metric }), m.value != nil {
          out.append("\(metric.title): \(NumberText.metric(m)).")
          out.append("")
        }
      }
    }
    out += toolTable(report)
    if !overview.trend.isEmpty {
      out.append("### Trend, whole repository")
      out.append("")
      out += trendTable(overview.trend)
    }
    return out
  }

  /// Columns of the per-tool table.
  static let toolColumns: [MetricID] = [
    .changes, .linesAdded, .survival90d, .churn21d, .revertRate14d, .revertRate90d, .defectRate,
  ]

  static func toolTable(_ report: OutcomeReport) -> [String] {
    guard !report.byTool.isEmpty else { return [] }
    var out = ["### Outcomes per AI tool", ""]
    out.append("| Tool | " + toolColumns.map(\.title).joined(separator: " | ") + " |")
    out.append("|---|" + toolColumns.map { _ in "---:|" }.joined())
    let shown = report.byTool.filter { $0.status != .suppressed }
    for tool in shown {
      let fields = toolColumns.map { metric in toolText(tool, metric) }
      out.append("| \(MarkdownRenderer.escape(tool.tool)) | " + fields.joined(separator: " | ") + " |")
    }
    if let unmarked = report.overview.cells.first(where: { $0.cohort == .unmarked }),
      unmarked.status == .published
    {
      let fields = toolColumns.map { MarkdownRenderer.cellText(unmarked, $0) }
      out.append("| *Unmarked (baseline)* | " + fields.joined(separator: " | ") + " |")
    }
    out.append("")
    let hidden = report.byTool.count - shown.count
    if hidden > 0 {
      out.append(
        "\(hidden) tool\(hidden == 1 ? "" : "s") not shown: fewer than \(report.settings.minAuthors) distinct authors, or hidden so that it cannot be recovered from the AI total."
      )
      out.append("")
    }
    return out
  }

  static func toolText(_ tool: ToolCell, _ metric: MetricID) -> String {
    switch tool.status {
    case .suppressed: return "suppressed"
    case .empty: return metric == .changes || metric == .linesAdded ? "0" : "—"
    case .insufficient, .published:
      if let m = tool.metrics.first(where: { $0.metric == metric }) { return NumberText.metric(m) }
      return tool.status == .insufficient ? "insufficient data" : "—"
    }
  }

  /// The trend as a table: shares with intervals, AI − unmarked gaps, and why a bucket is a gap.
  static func trendTable(_ points: [TrendPoint]) -> [String] {
    let unit = points.first?.bucket.contains("Q") == true ? "Quarter" : "Month"
    var out = [
      "| \(unit) | Changes | AI share of changes | AI share of added lines | Reverted within 14 days, AI − unmarked | Churn within 21 days, AI − unmarked |",
      "|---|---:|---:|---:|---:|---:|",
    ]
    for point in points {
      var fields = [point.bucket, point.changes.map(String.init) ?? "hidden"]
      fields.append(point.aiShareOfChanges.map(NumberText.metric) ?? "—")
      fields.append(point.aiShareAdded.map(NumberText.metric) ?? "—")
      for gap in [point.revertGap14d, point.churnGap21d] {
        fields.append(gap.map { "\(NumberText.difference($0)): \($0.verdict.rawValue)" } ?? "—")
      }
      out.append("| " + fields.joined(separator: " | ") + " |")
    }
    if let gaps = gapNotes(points) {
      out.append("")
      out.append("Gaps — " + gaps + ".")
    }
    out.append("")
    return out
  }

  /// Why buckets lack figures, each reason once with its buckets: `2026-01, 2026-03: hidden for privacy`.
  static func gapNotes(_ points: [TrendPoint]) -> String? {
    var order: [String] = []
    var buckets: [String: [String]] = [:]
    for point in points {
      guard let note = point.note else { continue }
      if buckets[note] == nil { order.append(note) }
      buckets[note, default: []].append(point.bucket)
    }
    guard !order.isEmpty else { return nil }
    return order.map { buckets[$0]!.joined(separator: ", ") + ": " + $0 }.joined(separator: "; ")
  }

  /// When no team may be shown: what the history holds, without exposing anyone, and what to do next.
  static func firstRun(_ first: FirstRun, _ report: OutcomeReport) -> [String] {
    var out = ["## What this history shows", ""]
    out.append(
      "No team has \(report.settings.minAuthors) or more distinct authors in this period, so no team is shown."
    )
    out.append("")
    for line in firstRunFacts(first) { out.append("- \(line)") }
    out.append("")
    out.append(first.nextStep)
    out.append("")
    return out
  }

  static func firstRunFacts(_ first: FirstRun) -> [String] {
    var out: [String] = []
    if !first.historyStart.isEmpty {
      out.append("History from \(first.historyStart.prefix(10)) to \(first.historyEnd.prefix(10)).")
    }
    if !first.changes.isEmpty {
      let total = first.changes.reduce(0) { $0 + $1.changes }
      out.append(
        "\(total) change\(total == 1 ? "" : "s") in the period: "
          + first.changes.map { "\($0.cohort.title.lowercased()) \($0.changes)" }.joined(separator: ", ")
          + ".")
    }
    out.append(
      first.evidenceKinds.isEmpty
        ? "No AI evidence found (trailers, authors, notes, labels): every change is unmarked."
        : "AI evidence found: " + first.evidenceKinds.joined(separator: ", ") + ".")
    if let share = first.aiShareAdded {
      out.append("\(MetricID.aiShareAdded.title): \(NumberText.metric(share)).")
    }
    return out
  }
}
