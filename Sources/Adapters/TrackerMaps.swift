import Foundation
import OutcomeModel

/// Site-specific vocabulary kept as data: issue types and labels → kind, resolutions → resolution, and
/// which Jira fields hold the team and the sprint.
///
/// Defaults mirror `adapters/trackers/issue-types.yml` and `jira-fields.yml`; users copy and edit those.
public struct TrackerMaps: Hashable, Sendable {
  /// Normalized names (see `normalizedName`) and `id:NNNN` entries for each kind, matched in this order.
  public var kinds: [(WorkItemKind, Set<String>)]
  public var resolutions: [(WorkItemResolution, Set<String>)]
  public var jiraTeamFields: [String]
  public var jiraSprintFields: [String]
  public var jiraDoneStatusIDs: Set<String>

  public init(
    kinds: [(WorkItemKind, Set<String>)], resolutions: [(WorkItemResolution, Set<String>)],
    jiraTeamFields: [String], jiraSprintFields: [String], jiraDoneStatusIDs: Set<String>
  ) {
    self.kinds = kinds
    self.resolutions = resolutions
    self.jiraTeamFields = jiraTeamFields
    self.jiraSprintFields = jiraSprintFields
    self.jiraDoneStatusIDs = jiraDoneStatusIDs
  }

  /// The built-in maps.
  public static let defaults: TrackerMaps = {
    // The embedded text is tested to parse; a failure here is a build defect, not bad input.
    try! TrackerMaps(issueTypesYAML: EmbeddedTrackerMaps.issueTypes, file: "embedded issue-types.yml")
  }()

  /// The kind for a type (name or id) and labels: the type decides when it maps, else the first label
  /// that maps, else `other`.
  public func kind(typeName: String?, typeID: String? = nil, labels: [String]) -> WorkItemKind {
    if let typeID, let kind = lookup(kinds, "id:\(typeID)") { return kind }
    if let typeName, let kind = lookup(kinds, Self.normalizedName(typeName)) { return kind }
    for label in labels {
      if let kind = lookup(kinds, Self.normalizedName(label)) { return kind }
    }
    return .other
  }

  /// The resolution for a name or id; `other` when neither maps.
  public func resolution(name: String?, id: String? = nil) -> WorkItemResolution {
    if let id, let r = lookup(resolutions, "id:\(id)") { return r }
    if let name, let r = lookup(resolutions, Self.normalizedName(name)) { return r }
    return .other
  }

  private func lookup<T>(_ table: [(T, Set<String>)], _ key: String) -> T? {
    table.first { $0.1.contains(key) }?.0
  }

  /// Case-folds and strips label decoration: `Type: Bug`, `type::bug`, `kind/bug`, `Bug 🐛` → `bug`.
  public static func normalizedName(_ raw: String) -> String {
    var s = Substring(raw.lowercased())
    for separator in ["::", ":", "/"] {
      if let range = s.range(of: separator, options: .backwards) { s = s[range.upperBound...] }
    }
    let kept = s.unicodeScalars.filter {
      $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == " " || $0 == "'"
        || $0 == "’" || $0 == "-" || $0 == "_"
    }
    return String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespaces)
  }

  public static func == (lhs: TrackerMaps, rhs: TrackerMaps) -> Bool {
    lhs.kinds.map(\.0) == rhs.kinds.map(\.0) && lhs.kinds.map(\.1) == rhs.kinds.map(\.1)
      && lhs.resolutions.map(\.0) == rhs.resolutions.map(\.0)
      && lhs.resolutions.map(\.1) == rhs.resolutions.map(\.1) && lhs.jiraTeamFields == rhs.jiraTeamFields
      && lhs.jiraSprintFields == rhs.jiraSprintFields && lhs.jiraDoneStatusIDs == rhs.jiraDoneStatusIDs
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(kinds.map(\.1))
    hasher.combine(resolutions.map(\.1))
    hasher.combine(jiraTeamFields)
  }
}
