import Foundation

/// What a work item is, mapped from site-specific type names, type ids and labels.
public enum WorkItemKind: String, Hashable, Sendable, Codable, CaseIterable {
  case bug, feature, task, incident, chore, other
}

/// Where a work item stands, from the tracker's state category (never from English status names).
public enum WorkItemState: String, Hashable, Sendable, Codable, CaseIterable {
  case open, inProgress, done, canceled
}

/// How a finished work item ended. Only `completed` counts as "resolved" for outcomes.
public enum WorkItemResolution: String, Hashable, Sendable, Codable, CaseIterable {
  case completed, notPlanned, duplicate, wontFix, other
}

/// One change of a field in an item's history (Jira changelog, GitLab state events, GitHub timeline).
public struct Transition: Hashable, Sendable, Codable {
  public var at: Date
  /// `status`, `resolution` or `state`.
  public var field: String
  public var from: String?
  public var to: String?
  /// Tracker ids of the old and new values where the export has them (Jira status ids).
  public var fromID: String?
  public var toID: String?

  public init(
    at: Date, field: String, from: String? = nil, to: String? = nil, fromID: String? = nil,
    toID: String? = nil
  ) {
    self.at = at
    self.field = field
    self.from = from
    self.to = to
    self.fromID = fromID
    self.toID = toID
  }
}

/// An issue, ticket or story, normalized from any tracker. Raw values sit beside the derived ones.
public struct WorkItem: Hashable, Sendable, Codable {
  public var ref: ItemRef
  /// The tracker's own id (`node_id`, Jira id, Linear UUID, GitLab global id).
  public var nativeID: String?
  public var title: String
  public var url: String?

  /// The type as the export names it (`Bug`, `缺陷`), nil when the tracker has no types.
  public var rawType: String?
  public var kind: WorkItemKind
  /// The status or state as written (`已完成`, `closed`, `CLOSED`).
  public var rawState: String
  /// The state category where the tracker has one (Jira `done`, Linear `completed`).
  public var rawStateCategory: String?
  public var state: WorkItemState
  /// The resolution or state reason as written (`Won't Do`, `not_planned`, `NOT_PLANNED`).
  public var rawResolution: String?
  /// nil while the item is not finished.
  public var resolution: WorkItemResolution?

  public var createdAt: Date?
  public var updatedAt: Date?
  public var startedAt: Date?
  public var resolvedAt: Date?

  public var author: TrackerPerson?
  public var assignees: [TrackerPerson]
  /// Current label names, as exported.
  public var labels: [String]
  public var components: [String]
  public var team: String?
  public var sprint: String?
  public var parent: ItemRef?
  public var transitions: [Transition]
  public var provenance: Provenance?

  public init(
    ref: ItemRef, nativeID: String? = nil, title: String, url: String? = nil, rawType: String? = nil,
    kind: WorkItemKind = .other, rawState: String, rawStateCategory: String? = nil, state: WorkItemState,
    rawResolution: String? = nil, resolution: WorkItemResolution? = nil, createdAt: Date? = nil,
    updatedAt: Date? = nil, startedAt: Date? = nil, resolvedAt: Date? = nil, author: TrackerPerson? = nil,
    assignees: [TrackerPerson] = [], labels: [String] = [], components: [String] = [], team: String? = nil,
    sprint: String? = nil, parent: ItemRef? = nil, transitions: [Transition] = [],
    provenance: Provenance? = nil
  ) {
    self.ref = ref
    self.nativeID = nativeID
    self.title = title
    self.url = url
    self.rawType = rawType
    self.kind = kind
    self.rawState = rawState
    self.rawStateCategory = rawStateCategory
    self.state = state
    self.rawResolution = rawResolution
    self.resolution = resolution
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.startedAt = startedAt
    self.resolvedAt = resolvedAt
    self.author = author
    self.assignees = assignees
    self.labels = labels
    self.components = components
    self.team = team
    self.sprint = sprint
    self.parent = parent
    self.transitions = transitions
    self.provenance = provenance
  }

  /// Done and resolved as completed (or with no resolution recorded, as GitHub issues closed before 2022).
  public var isResolvedCompleted: Bool {
    state == .done && (resolution == nil || resolution == .completed)
  }
}
