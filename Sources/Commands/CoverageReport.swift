import Attribution
import Foundation
import OutcomeModel
import Pipeline

/// `outcomes explain --summary`: what attribution found over the whole mainline and what the catalogue
/// may miss (unknown `*-by:` keys, `[bot]` identities), as text.
public enum CoverageReport {
  public static func run(
    session: MiningSession, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> String {
    guard let setup = session.attribution else {
      throw PipelineError.badInput("explain --summary: attribution is off (--no-attribution)")
    }
    var builder = try session.recordBuilder(identify: false, environment: environment)
    let join = try session.trackers.map { try TrackerJoin(session: session, setup: $0) }
    join?.prepare(&builder)
    var summary = CoverageSummary()
    _ = try session.mine { [builder] change in
      if let attribution = builder.attribute(change) {
        setup.attributor.record(change, attribution, into: &summary)
      }
    }
    return text(summary, notes: setup.noteSummary, branch: session.plan.branch.name)
  }

  static func text(_ summary: CoverageSummary, notes: NoteSummary, branch: String) -> String {
    func count(_ n: Int) -> String {
      var digits = String(n)
      var index = digits.count - 3
      while index > 0 {
        digits.insert(",", at: digits.index(digits.startIndex, offsetBy: index))
        index -= 3
      }
      return digits
    }
    var lines = ["coverage of \(count(summary.changes)) mainline change(s) on \(branch)", ""]
    lines.append(
      "cohorts        "
        + Cohort.allCases.map { "\($0.rawValue) \(count(summary.cohorts[$0] ?? 0))" }.joined(separator: " · ")
    )
    lines.append("               (bot: non-AI automation, kept out of AI vs unmarked and of AI shares)")
    lines.append("")
    lines.append("evidence       changes carrying each kind, counted or not")
    let kinds = summary.evidenceKinds.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    if kinds.isEmpty { lines.append("  none found") }
    for (kind, n) in kinds {
      lines.append("  \(kind.padding(toLength: 16, withPad: " ", startingAt: 0)) \(count(n))")
    }
    lines.append("")
    lines.append("notes          \(notes.line ?? "no git-ai notes found")")
    lines.append(
      "               \(count(summary.notesUsed)) change(s) with AI lines from notes or Agent Trace")
    lines.append("")
    func list(_ title: String, _ counts: [String: Int], none: String) {
      let top = CoverageSummary.top(counts)
      lines.append(title + (top.isEmpty ? none : ""))
      for (key, n) in top {
        lines.append("  \(key.padding(toLength: 32, withPad: " ", startingAt: 0)) \(count(n))")
      }
    }
    list(
      "unknown *-by: trailer keys (not in the catalogue; sign-offs left out)", summary.unknownByKeys,
      none: ": none")
    list("[bot] identities outside the catalogue", summary.unknownBots, none: ": none")
    return lines.joined(separator: "\n") + "\n"
  }
}
