import OutcomeModel

/// The links found for a set of changes, with the per-change answers `outcomes changes` needs.
public struct LinkSet: Hashable, Sendable {
  /// Strongest first.
  public let links: [Link]
  private let byFrom: [LinkEndpoint: [Link]]

  public init(links: [Link]) {
    self.links = links
    self.byFrom = Dictionary(grouping: links, by: \.from)
  }

  /// The change's own links, strongest first.
  public func links(for sha: CommitID) -> [Link] {
    byFrom[.change(sha)] ?? []
  }

  /// The request the change landed (its strongest `landedAs` link), if any.
  public func changeRequest(for sha: CommitID) -> Link? {
    links(for: sha).first { $0.type == .landedAs }
  }

  /// Work items the change closes or names, directly or through the request it landed, strongest first.
  /// A link through the request carries the weaker of the two confidences.
  public func workItems(for sha: CommitID) -> [Link] {
    var out = links(for: sha).filter {
      guard case .workItem = $0.to else { return false }
      return $0.type != .reverts
    }
    if let landing = changeRequest(for: sha), case .changeRequest(let ref) = landing.to {
      for link in byFrom[.changeRequest(ref)] ?? [] {
        guard case .workItem = link.to else { continue }
        var derived = link
        derived.confidence = min(link.confidence, landing.confidence)
        out.append(derived)
      }
    }
    var seen = Set<LinkEndpoint>()
    return out.enumerated().sorted { ($1.element.confidence, $0.offset) < ($0.element.confidence, $1.offset) }
      .map(\.element).filter { seen.insert($0.to).inserted }
  }
}
