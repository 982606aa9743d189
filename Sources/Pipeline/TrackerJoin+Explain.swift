import Adapters
import Foundation
import OutcomeModel

extension TrackerJoin {
  /// The `links` section of `outcomes explain`: the request the change landed and the items it is linked
  /// to, each with the evidence and confidence of the link, and the request's outcome. `record` carries
  /// the ledger's revert verdict; nil when the ledger did not run.
  public func explain(_ sha: CommitID, record: ChangeRecord?) -> String {
    var lines = ["", "links"]
    let landing = links.changeRequest(for: sha)
    if let landing, let request = Self.request(of: landing, in: requests) {
      let facts = request.facts(signatures: signatures, aiLabels: aiLabels)
      let state: String
      switch request.state {
      case .merged: state = "merged"
      case .closedUnmerged: state = "closed without merging"
      case .open: state = "open"
      }
      lines.append(
        "  pull request \(request.ref) \(state)\(request.isDraft ? " (draft)" : ""): \(request.title)")
      lines.append("    linked by  \(Self.describe(landing))")
      if let agent = facts.agentTool {
        // Agent accounts are not people; a human author's handle stays out of the output.
        let source =
          request.author.flatMap { $0.kind == .aiAgent ? "pr author \($0.handle)" : nil }
          ?? "branch \(request.sourceBranch ?? "?")"
        lines.append("    agent      \(agent) (\(source))")
      }
      for evidence in facts.evidence {
        lines.append(
          "    evidence   \(evidence.tool) \(evidence.signal.rawValue) \(evidence.strength.rawValue): \(evidence.detail)"
        )
      }
      var timing: [String] = []
      if let created = request.createdAt { timing.append("opened \(Self.iso(created))") }
      if let merged = request.mergedAt { timing.append("merged \(Self.iso(merged))") }
      if let seconds = facts.timeToMerge { timing.append("\(Self.duration(seconds)) to merge") }
      if let seconds = facts.firstCommitToMerge {
        timing.append("\(Self.duration(seconds)) from first commit")
      }
      if !timing.isEmpty { lines.append("    timing     \(timing.joined(separator: ", "))") }
      lines.append("    reverted   \(Self.revertVerdict(record))")
    } else {
      lines.append("  pull request none found in the exports")
    }
    let itemLinks = links.workItems(for: sha)
    if itemLinks.isEmpty { lines.append("  issues       none found in the exports") }
    for link in itemLinks {
      guard case .workItem(let ref) = link.to else { continue }
      var about = ""
      if let item = items[ref] {
        let facts = item.facts()
        about = " \(item.kind.rawValue), \(item.state.rawValue)"
        if let resolution = item.resolution { about += " (\(resolution.rawValue))" }
        if facts.isBug { about += ", a bug: counts as a fix for SZZ" }
      }
      lines.append("  issue        \(ref)\(about)")
      lines.append("    linked by  \(Self.describe(link))")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `merge commit subject, confidence 0.95: "Merge pull request #13 from org/x"`, or through the request.
  static func describe(_ link: Link) -> String {
    let via: String
    if case .changeRequest(let ref) = link.from { via = " (through \(ref))" } else { via = "" }
    let confidence = String(format: "%.2f", link.confidence)
    return
      "\(link.type.rawValue) · \(link.evidence.rawValue), confidence \(confidence): \"\(link.matchedText)\"\(via)"
  }

  static func revertVerdict(_ record: ChangeRecord?) -> String {
    guard let record, record.outcomesComputed else { return "not measured (the line ledger did not run)" }
    if let reverted = record.reverted {
      return "yes, by \(reverted.by.prefix(12)) \(reverted.days) day(s) after landing"
    }
    if let relanded = record.relanded {
      return "reverted by \(relanded.by.prefix(12)), then re-landed"
    }
    return "no"
  }

  static func iso(_ date: Date) -> String {
    Timestamp.iso8601(Int64(date.timeIntervalSince1970.rounded(.down)))
  }

  /// `3d 4h`, `2h 5m`, `40m`.
  static func duration(_ seconds: TimeInterval) -> String {
    let minutes = Int((seconds / 60).rounded())
    let (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
    if days > 0 { return "\(days)d \(hours)h" }
    if hours > 0 { return "\(hours)h \(rest)m" }
    return "\(rest)m"
  }
}
