import Attribution
import Foundation
import GitHistory
import OutcomeModel

/// `outcomes explain REV`: one change's evidence, cohort and (as later stages land) its fate, as text.
public enum ExplainCommand {
  public static func run(
    session: MiningSession, revision: String, identify: Bool,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> String {
    let id = try session.repository.resolve(revision)
    let builder = try session.recordBuilder(identify: identify, environment: environment)
    guard let position = session.plan.position(of: id) else {
      return try offMainline(id, session: session, builder: builder)
    }
    var text = ""
    _ = try session.mine(plan: session.plan.single(at: position)) { change in
      text = describe(change, position: position, session: session, builder: builder)
    }
    return text
  }

  static func describe(
    _ change: Change, position: Int, session: MiningSession, builder: ChangeRecordBuilder
  ) -> String {
    let record = builder.record(for: change)
    let result = builder.attribute(change)
    var lines: [String] = []
    lines.append("change \(change.id.hex)")
    lines.append("  mainline     #\(position + 1) of \(session.plan.count) on \(session.plan.branch.name)")
    lines.append("  subject      \(change.commit.subject)")
    lines.append("  author       \(record.author), committed \(record.committedAt)")
    let kind = change.commit.isMerge ? "merge of \(change.contributing.count) commit(s)" : "single commit"
    lines.append(
      "  size         \(kind), \(record.filesChanged) file(s), +\(record.linesAdded) −\(record.linesDeleted)")
    if let result {
      lines.append("")
      lines.append("cohort         \(result.cohort.rawValue)")
      lines.append("tools          \(result.tools.isEmpty ? "none" : result.tools.joined(separator: ", "))")
      if !result.models.isEmpty { lines.append("models         \(result.models.joined(separator: ", "))") }
      lines.append(
        "AI lines added \(result.aiLinesAdded) of \(record.linesAdded)\(result.notesUsed ? " (from git-ai notes)" : "")"
      )
      lines.append("")
      lines.append(
        result.evidence.isEmpty ? "evidence       none found (unmarked is not the same as human)" : "evidence"
      )
      lines += result.evidence.map(row)
      if !result.ignored.isEmpty {
        lines.append("not counted")
        lines += result.ignored.map(row)
      }
      if change.commit.isMerge, let attribution = session.attribution {
        lines.append("")
        lines.append("contributing commits")
        for contributing in change.contributing {
          let evidence = attribution.attributor.evidence(for: contributing.commit)
          let tools = Set(evidence.map(\.tool)).sorted().joined(separator: ", ")
          lines.append(
            "  \(contributing.commit.id.short)  \(contributing.commit.subject.prefix(60))  \(tools.isEmpty ? "—" : tools)"
          )
        }
      }
    }
    lines.append("")
    lines.append(
      "fate           not measured yet: the line ledger (survival, churn, reverts, defects) comes next")
    return lines.joined(separator: "\n") + "\n"
  }

  private static func row(_ evidence: Evidence) -> String {
    "  \(evidence.tool.padding(toLength: 16, withPad: " ", startingAt: 0)) \(evidence.signal.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(evidence.strength.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)) \(evidence.detail)"
  }

  private static func offMainline(
    _ id: CommitID, session: MiningSession, builder: ChangeRecordBuilder
  ) throws -> String {
    let commit = try session.repository.commit(id)
    var lines = ["commit \(id.hex) is not a mainline change of \(session.plan.branch.name)"]
    if let merge = session.plan.merge(bringingIn: id) {
      lines.append("  it reached the mainline through merge \(merge.hex); explain that change for outcomes")
    } else {
      lines.append(
        "  it is not reachable from \(session.plan.branch.name) (or lies beyond a shallow boundary)")
    }
    lines.append("  subject      \(commit.subject)")
    if let attribution = session.attribution {
      let evidence = attribution.attributor.evidence(for: commit)
      lines.append(evidence.isEmpty ? "evidence       none found" : "evidence")
      lines += evidence.map(row)
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
