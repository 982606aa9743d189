import OutcomeModel

/// Lookups the linker needs: requests by landing sha, commit and number; items by key.
struct ItemIndex: Sendable {
  var byLanding: [CommitID: [ChangeRequest]] = [:]
  var byCommit: [CommitID: [ChangeRequest]] = [:]
  var requestsByNumber: [String: [ChangeRequest]] = [:]
  var itemsByKey: [String: [WorkItem]] = [:]
  /// Jira project and Linear team keys present in the exports, with their system and host: only these
  /// make `ABC-12` a reference (so `UTF-8` and `SHA-256` never link).
  var projects: [String: (TrackerSystem, String?)] = [:]

  init(changeRequests: [ChangeRequest], workItems: [WorkItem]) {
    for request in changeRequests {
      requestsByNumber[request.ref.key, default: []].append(request)
      if request.state == .merged {
        for sha in Set([request.landingSHA, request.squashSHA].compactMap { $0 }) {
          byLanding[sha, default: []].append(request)
        }
        for sha in Set(request.commits + [request.headSHA].compactMap { $0 }) {
          byCommit[sha, default: []].append(request)
        }
      }
    }
    for item in workItems {
      itemsByKey[item.ref.key, default: []].append(item)
      if item.ref.system == .jira || item.ref.system == .linear {
        projects[item.ref.container] = (item.ref.system, item.ref.host)
      }
    }
  }

  func requests(number: String, forges: Set<TrackerSystem>, container: String? = nil) -> [ChangeRequest] {
    (requestsByNumber[number] ?? []).filter {
      forges.contains($0.ref.system) && (container == nil || $0.ref.container == container)
    }
  }

  /// The loaded item's ref when it is loaded (so host and container match), else the ref as given.
  func canonical(_ ref: ItemRef) -> ItemRef {
    itemsByKey[ref.key]?.first { $0.ref.system == ref.system && $0.ref.container == ref.container }?.ref
      ?? ref
  }

  /// A written reference to a work item: `PAY-87` (known projects only), `AB#5`, `owner/repo#5`, `#5`.
  func resolve(_ written: String, near context: ItemRef?) -> ItemRef? {
    if written.hasPrefix("AB#") {
      let key = String(written.dropFirst(3))
      return itemsByKey[key]?.first { $0.ref.system == .azureDevOps }?.ref
        ?? ItemRef(system: .azureDevOps, container: "", key: key)
    }
    if written.contains("#") { return resolveIssueOnly(written, near: context) }
    guard let dash = written.lastIndex(of: "-") else { return nil }
    let project = String(written[..<dash])
    guard let (system, host) = projects[project] else { return nil }
    return itemsByKey[written]?.first { $0.ref.container == project }?.ref
      ?? ItemRef(system: system, host: host, container: project, key: written)
  }

  /// `#5` or `owner/repo#5` naming a loaded issue (not a request) of a numbered tracker. A bare `#5`
  /// resolves in the context's container, else only when one container has issue 5.
  func resolveIssueOnly(_ written: String, near context: ItemRef?) -> ItemRef? {
    guard let hash = written.lastIndex(of: "#") else { return nil }
    let key = String(written[written.index(after: hash)...])
    let named = written[..<hash].isEmpty ? nil : String(written[..<hash])
    let candidates = (itemsByKey[key] ?? []).filter { $0.ref.system != .jira && $0.ref.system != .linear }
    if let named { return candidates.first { $0.ref.container == named }?.ref }
    if let context, let same = candidates.first(where: { $0.ref.container == context.container }) {
      return same.ref
    }
    return candidates.count == 1 ? candidates[0].ref : nil
  }
}
