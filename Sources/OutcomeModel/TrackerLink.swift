/// One end of a link: a mainline change, a commit that is not on the mainline, or a tracker item.
public enum LinkEndpoint: Hashable, Sendable, Codable {
  case change(CommitID)
  case commit(CommitID)
  case changeRequest(ItemRef)
  case workItem(ItemRef)
}

/// What a link asserts.
public enum LinkType: String, Hashable, Sendable, Codable, CaseIterable {
  /// A change is how a request landed on the mainline.
  case landedAs
  /// A change or request closes (resolves) a work item.
  case closes
  /// A change or request reverts a change, commit or request.
  case reverts
  /// A mention without a claim of closing.
  case references
  /// A request's branch names the item it implements.
  case implementsByBranch
  /// A request lists a commit as its own.
  case containsCommit
}

/// Why a link was made, strongest first in declaration order.
public enum LinkEvidence: String, Hashable, Sendable, Codable, CaseIterable {
  case trackerField, trackerTimeline, trackerLandingSHA, trackerCommitList
  case mergeCommitSubject, mergeRequestTrailer, squashSubjectSuffix
  case revertMessage, revertTitle, revertBranch
  case closingKeywordInBody, closingKeywordInCommit
  case issueKeyInMessage, plainReferenceInMessage
  case branchName
}

/// A link between a change and a tracker item, with the exact text or field that justifies it.
///
/// `from` is the acting side (the change or request), `to` the item it lands as, closes, reverts or names.
public struct Link: Hashable, Sendable, Codable {
  public var from: LinkEndpoint
  public var to: LinkEndpoint
  public var type: LinkType
  public var evidence: LinkEvidence
  /// 0...1; see tracker-exports.md §10 for the scale.
  public var confidence: Double
  /// The text or field value that matched (`Merge pull request #12 from a/b`, `closingIssuesReferences`).
  public var matchedText: String

  public init(
    from: LinkEndpoint, to: LinkEndpoint, type: LinkType, evidence: LinkEvidence, confidence: Double,
    matchedText: String
  ) {
    self.from = from
    self.to = to
    self.type = type
    self.evidence = evidence
    self.confidence = confidence
    self.matchedText = matchedText
  }
}
