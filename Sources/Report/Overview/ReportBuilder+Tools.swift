import Dispatch
import Foundation
import OutcomeModel

extension ReportBuilder {
  /// The tool name for AI-marked changes whose evidence names no tool.
  public static let unnamedTool = "(tool not named)"

  /// Metrics a tool's cell carries: volume, survival, rework, reverts, defects.
  static let toolMetrics: [MetricID] = [
    .changes, .linesAdded, .revertRate14d, .revertRate90d, .survival30d, .survival90d, .survival180d,
    .churn14d, .churn21d, .defectRate, .defectsPer1000Lines,
  ]

  static func toolKey(_ tool: String, _ period: ReportPeriod) -> Suppression.Key {
    Suppression.Key(team: "\u{1}tool:" + tool, bucket: period.label, cohort: .ai)
  }

  /// Adds one cell per tool over the period's AI-marked changes to the grid, with the relation
  /// `AI = Σ tools`: one hidden tool then hides another, so it cannot be had by subtraction. A change
  /// naming two tools counts in both, which only makes that relation conservative.
  func addToolCells(
    _ facts: [ChangeFact], period: ReportPeriod, data: inout [Suppression.Key: CellData],
    grid: inout Suppression
  ) -> [String] {
    var members: [String: [Int]] = [:]
    for (index, fact) in facts.enumerated() where fact.cohort == .agent || fact.cohort == .assisted {
      for tool in fact.tools.isEmpty ? [Self.unnamedTool] : Array(Set(fact.tools)) {
        members[tool, default: []].append(index)
      }
    }
    let tools = members.keys.sorted()
    for tool in tools {
      let indices = members[tool]!
      let key = Self.toolKey(tool, period)
      let cell = CellData(
        changes: indices.map { facts[$0] }, pullRequests: [], authors: Set(indices.map { facts[$0].author }))
      data[key] = cell
      grid.cells[key] = Suppression.Cell(
        members: Set(indices), authors: cell.authors,
        priority: Suppression.priority(cohort: .assisted, isPeriod: false, changes: indices.count))
    }
    if !tools.isEmpty {
      grid.relations.append(
        (
          Suppression.Key(team: Self.overviewKey, bucket: period.label, cohort: .ai),
          tools.map { Self.toolKey($0, period) }
        ))
    }
    return tools
  }

  /// One cell per tool; hidden tools keep only their name and status.
  func toolReports(
    _ tools: [String], data: [Suppression.Key: CellData], hidden: Set<Suppression.Key>, input: ReportInput
  ) -> [ToolCell] {
    let period = input.period
    let results = ToolResults(count: tools.count)
    DispatchQueue.concurrentPerform(iterations: tools.count) { index in
      let tool = tools[index]
      let key = Self.toolKey(tool, period)
      let cell = data[key]!
      let status = status(key, cell, hidden: hidden)
      var metrics: [MetricValue] = []
      switch status {
      case .suppressed: break
      case .empty, .insufficient: metrics = CellComputation.counts(cell).values
      case .published:
        let context = CellContext(
          options: options, observedUntil: input.observedUntil, issues: nil, hasPullRequests: false,
          label: "tool|\(tool)|\(period.label)")
        metrics = CellComputation.full(cell, context: context, shares: false, curve: false).values.filter {
          Self.toolMetrics.contains($0.metric)
        }
      }
      results.set(
        index,
        ToolCell(
          tool: tool, status: status, changes: status == .suppressed ? nil : cell.changes.count,
          metrics: metrics))
    }
    return results.values
  }
}

/// Slots filled from concurrent workers, one per tool.
private final class ToolResults: @unchecked Sendable {
  private var slots: [ToolCell?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: ToolCell) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  var values: [ToolCell] { slots.map { $0! } }
}
