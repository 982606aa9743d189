import Attribution
import Foundation
import GitHistory
import OutcomeModel
import Pipeline

/// `outcomes explain REV`: one change's evidence, cohort and (as later stages land) its fate, as text.
public enum ExplainCommand {
  public static func run(
    session: MiningSession, revision: String, identify: Bool,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> String {
    let id = try session.repository.resolve(revision)
    var builder = try session.recordBuilder(identify: identify, environment: environment)
    let join = try session.trackers.map { try TrackerJoin(session: session, setup: $0) }
    join?.prepare(&builder)
    guard let position = session.plan.position(of: id) else {
      return try offMainline(id, session: session, builder: builder)
    }
    var text = ""
    guard let ledger = session.request.ledger, let fullPosition = session.fullPlan.position(of: id) else {
      _ = try session.mine(plan: session.plan.single(at: position)) { [builder] change in
        text = describe(change, position: position, session: session, builder: builder)
        if let join { text += join.explain(id, record: nil) }
      }
      return text
    }
    // The fate needs the whole history; the change itself is mined once more for its attribution view.
    let pass = try OutcomePass.run(
      session: session, ledger: ledger, join: join, builder: builder, progress: nil)
    let record = pass.records[fullPosition]
    _ = try session.mine(plan: session.plan.single(at: position)) { [builder] change in
      text = describe(
        change, position: position, session: session, builder: builder, exactAILines: record.aiLinesAdded)
    }
    return text + fate(of: record, pass: pass, position: fullPosition)
      + (join.map { $0.explain(id, record: record) } ?? "")
  }

  /// The fate section: what became of the change's lines, reverts, and SZZ in both directions.
  static func fate(of record: ChangeRecord, pass: OutcomePass.Result, position: Int) -> String {
    var lines = ["", "fate"]
    guard let fate = record.fate else { return "" }
    func known(_ value: Int?) -> String { value.map(String.init) ?? "not yet known" }
    lines.append("  lines owned  \(fate.owned) (\(fate.aiOwned) AI) in counted files")
    if let moved = fate.moved {
      lines.append(
        "  moved here   \(moved) line(s) keeping an earlier change's origin; \(fate.copied ?? 0) copy-pasted")
    } else {
      lines.append("  moved here   not measured (--moves off)")
    }
    lines.append("  alive now    \(fate.alive) of \(fate.owned), \(fate.observedDays) day(s) after landing")
    lines.append(
      "  alive at     30d \(known(fate.alive30d)) · 90d \(known(fate.alive90d)) · 180d \(known(fate.alive180d))"
    )
    if let churn = fate.churned21d {
      lines.append(
        "  churn 21d    \(churn) (\(fate.churned21dSelf ?? 0) by the author, \(fate.churned21dOthers ?? 0) by others); 14d \(known(fate.churned14d))"
      )
    } else {
      lines.append("  churn 21d    not yet known (the window has not passed)")
    }
    if let reverted = record.reverted {
      lines.append(
        "  reverted     by \(reverted.by.prefix(12)) on \(reverted.at), \(reverted.days) day(s) later (\(reverted.via))"
      )
    } else if let relanded = record.relanded {
      lines.append(
        "  reverted     by \(relanded.by.prefix(12)), then re-landed by \(relanded.relandedBy?.prefix(12) ?? "?") (the revert was reverted)"
      )
    } else {
      lines.append("  reverted     no")
    }
    let fixes = record.defectsInduced ?? []
    lines.append(
      fixes.isEmpty
        ? "  defects      no fix traced a defect to it"
        : "  defects      blamed by \(fixes.count) fix(es): \(fixes.map { String($0.prefix(12)) }.joined(separator: ", "))"
    )
    if let kind = record.fix {
      let blamed = pass.outcomes.defectsInduced.filter { $0.value.contains(record.sha) }.keys.sorted()
      let names = blamed.map { String(pass.records[$0].sha.prefix(12)) }
      lines.append(
        "  as a fix     \(kind); "
          + (names.isEmpty
            ? "nothing to blame (a ghost fix: it only added lines, or only cosmetic ones)"
            : "blamed \(names.joined(separator: ", "))"))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `exactAILines` is the ledger's per-line count, when the ledger ran; otherwise attribution's estimate.
  static func describe(
    _ change: Change, position: Int, session: MiningSession, builder: ChangeRecordBuilder,
    exactAILines: Int? = nil
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
        "AI lines added \(exactAILines ?? result.aiLinesAdded) of \(record.linesAdded)\(result.notesUsed ? " (from git-ai notes)" : exactAILines != nil ? " (line by line, counted files)" : "")"
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
