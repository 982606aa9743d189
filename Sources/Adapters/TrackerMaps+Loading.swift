import Foundation
import OutcomeModel
import Yams

extension TrackerMaps {
  /// Reads an issue-type map (`kinds`, `resolutions`); Jira field settings start from the defaults.
  public init(issueTypesYAML yaml: String, file: String = "issue-types.yml") throws {
    let root = try Self.loadRoot(yaml, file: file)
    func table<T: RawRepresentable<String>>(_ key: String, _: T.Type) throws -> [(T, Set<String>)] {
      guard let node = root[key] else { return [] }
      guard let mapping = node.mapping else {
        throw AdapterError(file: file, location: .file, reason: "`\(key)` must be a mapping")
      }
      return try mapping.map { entry in
        guard let name = entry.key.string, let value = T(rawValue: name) else {
          throw AdapterError(
            file: file, location: .lineColumn(entry.key.mark?.line ?? 0, entry.key.mark?.column ?? 0),
            reason: "unknown \(key) entry `\(entry.key.string ?? "?")`")
        }
        let names = (entry.value.sequence ?? []).compactMap(\.string).map {
          $0.hasPrefix("id:") ? $0 : TrackerMaps.normalizedName($0)
        }
        return (value, Set(names))
      }
    }
    self.init(
      kinds: try table("kinds", WorkItemKind.self),
      resolutions: try table("resolutions", WorkItemResolution.self),
      jiraTeamFields: [], jiraSprintFields: [], jiraDoneStatusIDs: [])
    try applyJiraFields(yaml: EmbeddedTrackerMaps.jiraFields, file: "embedded jira-fields.yml")
  }

  /// Replaces the Jira field settings with those of a `jira-fields.yml`.
  public mutating func applyJiraFields(yaml: String, file: String = "jira-fields.yml") throws {
    let root = try Self.loadRoot(yaml, file: file)
    func strings(_ key: String) -> [String] {
      (root[key]?.sequence ?? []).compactMap(\.string)
    }
    jiraTeamFields = strings("teamFields")
    jiraSprintFields = strings("sprintFields")
    jiraDoneStatusIDs = Set(strings("doneStatusIDs"))
  }

  /// Loads a user's copies; either may be nil to keep the defaults.
  public static func load(issueTypesFile: String?, jiraFieldsFile: String?) throws -> TrackerMaps {
    var maps = TrackerMaps.defaults
    if let path = issueTypesFile {
      let fields = (maps.jiraTeamFields, maps.jiraSprintFields, maps.jiraDoneStatusIDs)
      maps = try TrackerMaps(issueTypesYAML: try readText(path), file: path)
      (maps.jiraTeamFields, maps.jiraSprintFields, maps.jiraDoneStatusIDs) = fields
    }
    if let path = jiraFieldsFile {
      try maps.applyJiraFields(yaml: try readText(path), file: path)
    }
    return maps
  }

  private static func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw AdapterError(file: path, location: .file, reason: "cannot read the file")
    }
    return String(decoding: data, as: UTF8.self)
  }

  private static func loadRoot(_ yaml: String, file: String) throws -> Node.Mapping {
    let node: Node?
    do {
      node = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      throw AdapterError(
        file: file, location: .file,
        reason: "\(error)".split(separator: "\n").first.map(String.init) ?? "invalid YAML")
    }
    guard let mapping = node?.mapping else {
      throw AdapterError(file: file, location: .file, reason: "expected a YAML mapping at the top level")
    }
    return mapping
  }
}
