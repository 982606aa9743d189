import Foundation
import OutcomeModel

/// What became of a work item: how it ended, how long it took, whether it came back.
public struct WorkItemFacts: Hashable, Sendable {
  public var ref: ItemRef
  /// Bug or incident: feeds SZZ's fix set, filtered by `reportedAt`.
  public var isBug: Bool
  public var reportedAt: Date?
  /// Done and resolved as completed: not won't do, not planned, duplicate.
  public var isResolvedCompleted: Bool
  public var resolution: WorkItemResolution?
  /// Seconds from creation to resolution; nil while open.
  public var timeToResolution: TimeInterval?
  /// Reopened within 30 days of being finished; nil when the export carries no history to tell.
  public var reopenedWithin30Days: Bool?
  /// When each reopen happened, oldest first.
  public var reopenedAt: [Date]
}

extension WorkItem {
  /// Facts from the item and its transitions. `doneStatusIDs` adds Jira statuses known to be done.
  public func facts(doneStatusIDs: Set<String> = TrackerMaps.defaults.jiraDoneStatusIDs) -> WorkItemFacts {
    let reopens = reopenEvents(doneStatusIDs: doneStatusIDs)
    return WorkItemFacts(
      ref: ref, isBug: kind == .bug || kind == .incident, reportedAt: createdAt,
      isResolvedCompleted: isResolvedCompleted,
      resolution: resolution,
      timeToResolution: state == .done || state == .canceled
        ? resolvedAt.flatMap { r in createdAt.map { r.timeIntervalSince($0) } } : nil,
      reopenedWithin30Days: transitions.isEmpty ? nil : reopens.contains { $0.after <= 30 * 86_400 },
      reopenedAt: reopens.map(\.at))
  }

  /// Moments the item went from finished to unfinished, with the seconds it had been finished.
  ///
  /// Finished means a done state (`closed` for GitLab; for Jira a status known done, or any status while
  /// a resolution is set). Jira changelogs name statuses, not categories, so a status counts as done when
  /// it is listed, when a resolution was set on entering it, or when it is the current, done status.
  func reopenEvents(doneStatusIDs: Set<String>) -> [(at: Date, after: TimeInterval)] {
    var done = doneStatusIDs
    let resolutionTimes = Set(transitions.filter { $0.field == "resolution" && $0.to != nil }.map(\.at))
    for t in transitions where t.field == "status" && resolutionTimes.contains(t.at) {
      if let id = t.toID { done.insert(id) }
    }
    if state == .done || state == .canceled, let last = transitions.last(where: { $0.field == "status" }),
      let id = last.toID
    {
      done.insert(id)
    }
    var statusDone = false
    var resolutionSet = false
    var finishedSince: Date?
    var out: [(Date, TimeInterval)] = []
    for t in transitions {
      switch t.field {
      case "state":
        statusDone = t.to == "closed"
      case "status":
        statusDone = t.toID.map(done.contains) ?? false
      case "resolution":
        resolutionSet = t.to != nil
      default:
        continue
      }
      let finished = statusDone || resolutionSet
      if finished, finishedSince == nil {
        finishedSince = t.at
      } else if !finished, let since = finishedSince {
        out.append((t.at, t.at.timeIntervalSince(since)))
        finishedSince = nil
      }
    }
    return out
  }
}
