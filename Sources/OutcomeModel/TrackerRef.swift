/// The tracker or code host an item came from.
public enum TrackerSystem: String, Hashable, Sendable, Codable, CaseIterable {
  case github, gitlab, jira, linear, azureDevOps, gitea, bitbucket
}

/// The identity of a tracker item across files: the same issue read from two overlapping pages has one ref.
///
/// `container` is `owner/repo`, `group/sub/project`, a Jira project key or a Linear team key; `key` is the
/// number or key people write (`42`, `PAY-87`, `ENG-123`), never a database id.
public struct ItemRef: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
  public var system: TrackerSystem
  /// `github.com`, `acme.atlassian.net`; nil when the export does not say.
  public var host: String?
  public var container: String
  public var key: String

  public init(system: TrackerSystem, host: String? = nil, container: String, key: String) {
    self.system = system
    self.host = host
    self.container = container
    self.key = key
  }

  /// How people write the reference: `owner/repo#42`, `group/project!7` for merge requests, `PAY-87`.
  public var description: String {
    switch system {
    case .jira, .linear: return key
    case .azureDevOps: return "AB#\(key)"
    default: return container.isEmpty ? "#\(key)" : "\(container)#\(key)"
    }
  }

  /// The key as a number when it is one (GitHub, GitLab, Gitea, Bitbucket, Azure).
  public var number: Int? { Int(key) }

  public static func < (lhs: ItemRef, rhs: ItemRef) -> Bool {
    (lhs.system.rawValue, lhs.container, lhs.number ?? Int.max, lhs.key)
      < (rhs.system.rawValue, rhs.container, rhs.number ?? Int.max, rhs.key)
  }
}

/// Where a record was read: enough to point a user at it.
public struct Provenance: Hashable, Sendable, Codable {
  public var file: String
  /// Zero-based position of the record among the records of its file.
  public var recordIndex: Int
  /// The format the reader used, e.g. `github-rest`, `jira`.
  public var format: String

  public init(file: String, recordIndex: Int, format: String) {
    self.file = file
    self.recordIndex = recordIndex
    self.format = format
  }
}
