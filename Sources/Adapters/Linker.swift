import OutcomeModel

/// Links mainline changes to the pull requests they landed and the work items they close or name.
///
/// Pure: the same changes and exports give the same links. Evidence order, strongest first: the export's
/// landing sha and commit list, merge and squash subjects, revert text, closing keywords, tracker keys,
/// branch names (tracker-exports.md §8, §10).
public struct Linker: Sendable {
  let requests: [ChangeRequest]
  let index: ItemIndex

  public init(changeRequests: [ChangeRequest], workItems: [WorkItem]) {
    self.requests = changeRequests
    self.index = ItemIndex(changeRequests: changeRequests, workItems: workItems)
  }

  /// Links for every change, plus each request's own links to work items.
  public func link(_ changes: [MainlineChange]) -> LinkSet {
    var links: [Link] = []
    for change in changes {
      links += landingLinks(change)
      links += revertLinks(change)
      links += itemLinks(
        from: .change(change.sha), text: change.message, closingEvidence: .closingKeywordInCommit,
        container: nil, skipping: MessagePatterns.revertParts(change.subject)?.inner)
      for branch in change.branchNames {
        links += branchLinks(from: .change(change.sha), branch: branch)
      }
    }
    for request in requests {
      links += requestLinks(request)
    }
    return LinkSet(links: Self.deduplicated(links))
  }

  /// The export's own facts first, then subjects.
  func landingLinks(_ change: MainlineChange) -> [Link] {
    var out: [Link] = []
    let from = LinkEndpoint.change(change.sha)
    for request in index.byLanding[change.sha] ?? [] {
      out.append(
        Link(
          from: from, to: .changeRequest(request.ref), type: .landedAs, evidence: .trackerLandingSHA,
          confidence: 1.0,
          matchedText: request.landingSHA == change.sha
            ? "landing sha \(change.sha.short)" : "squash sha \(change.sha.short)"))
    }
    for sha in [change.sha] + change.contributing {
      for request in index.byCommit[sha] ?? [] {
        out.append(
          Link(
            from: from, to: .changeRequest(request.ref), type: .landedAs, evidence: .trackerCommitList,
            confidence: sha == request.headSHA && !request.commits.contains(sha) ? 0.9 : 1.0,
            matchedText: "request commit \(sha.short)"))
      }
    }
    let subject = change.subject
    for (pattern, group) in MessagePatterns.mergeSubjects {
      for match in MessagePatterns.matches(pattern, in: subject) {
        guard let number = match[group] else { continue }
        for request in index.requests(number: number, forges: [.github, .gitea, .azureDevOps, .bitbucket]) {
          out.append(
            Link(
              from: from, to: .changeRequest(request.ref), type: .landedAs, evidence: .mergeCommitSubject,
              confidence: 0.95, matchedText: match[0] ?? subject))
        }
      }
    }
    for match in MessagePatterns.matches(MessagePatterns.seeMergeRequest, in: change.message) {
      guard let number = match[2] else { continue }
      let container = match[1].flatMap { $0.isEmpty ? nil : $0 }
      for request in index.requests(number: number, forges: [.gitlab], container: container) {
        out.append(
          Link(
            from: from, to: .changeRequest(request.ref), type: .landedAs, evidence: .mergeRequestTrailer,
            confidence: 0.95, matchedText: match[0] ?? ""))
      }
    }
    // `Revert "Add retry (#42)" (#57)`: only the number after the quote is the change's own request.
    let tail = MessagePatterns.revertParts(subject)?.rest ?? subject
    for match in MessagePatterns.matches(MessagePatterns.squashSuffix, in: tail) {
      guard let number = match[1] else { continue }
      for request in index.requests(number: number, forges: [.github, .gitea]) {
        out.append(
          Link(
            from: from, to: .changeRequest(request.ref), type: .landedAs, evidence: .squashSubjectSuffix,
            confidence: 0.9, matchedText: match[0] ?? ""))
      }
    }
    return out
  }

  func revertLinks(_ change: MainlineChange) -> [Link] {
    var out: [Link] = []
    let from = LinkEndpoint.change(change.sha)
    for match in MessagePatterns.matches(MessagePatterns.revertsCommit, in: change.message) {
      guard let hex = match[1], let sha = CommitID(hex: hex) else { continue }
      out.append(
        Link(
          from: from, to: .commit(sha), type: .reverts, evidence: .revertMessage, confidence: 0.95,
          matchedText: match[0] ?? ""))
    }
    if let parts = MessagePatterns.revertParts(change.subject) {
      for match in MessagePatterns.matches(MessagePatterns.numberInParens, in: parts.inner) {
        guard let number = match[1] else { continue }
        for request in index.requests(number: number, forges: [.github, .gitea]) {
          out.append(
            Link(
              from: from, to: .changeRequest(request.ref), type: .reverts, evidence: .revertTitle,
              confidence: 0.8,
              matchedText: "Revert \"\(parts.inner)\""))
        }
      }
    }
    return out
  }

  /// A request's own links: declared closing refs, keywords and keys in its title and body, its branch.
  func requestLinks(_ request: ChangeRequest) -> [Link] {
    let from = LinkEndpoint.changeRequest(request.ref)
    var out = request.declaredClosingRefs.map { ref in
      Link(
        from: from, to: .workItem(index.canonical(ref)), type: .closes, evidence: .trackerField,
        confidence: 1.0,
        matchedText: "closingIssuesReferences")
    }
    out += itemLinks(
      from: from, text: request.title + "\n" + request.body, closingEvidence: .closingKeywordInBody,
      container: request.ref, skipping: MessagePatterns.revertParts(request.title)?.inner)
    if let branch = request.sourceBranch { out += branchLinks(from: from, branch: branch) }
    return out
  }

  /// Closing keywords, then tracker keys and plain `#N` mentions that no keyword claimed.
  func itemLinks(
    from: LinkEndpoint, text: String, closingEvidence: LinkEvidence, container: ItemRef?,
    skipping quoted: String?
  ) -> [Link] {
    var out: [Link] = []
    var claimed = Set<ItemRef>()
    for match in MessagePatterns.matches(MessagePatterns.closing, in: text) {
      guard let list = match[1] else { continue }
      for reference in MessagePatterns.matches(MessagePatterns.singleReference, in: list).compactMap({ $0[0] }
      ) {
        guard let ref = index.resolve(reference, near: container), claimed.insert(ref).inserted else {
          continue
        }
        out.append(
          Link(
            from: from, to: .workItem(ref), type: .closes, evidence: closingEvidence, confidence: 0.8,
            matchedText: match[0] ?? reference))
      }
    }
    // A reverted subject's keys and numbers belong to the reverted change.
    let searchable = quoted.map { text.replacingOccurrences(of: $0, with: "") } ?? text
    for match in MessagePatterns.matches(MessagePatterns.key, in: searchable) {
      guard let key = match[0], let ref = index.resolve(key, near: container), claimed.insert(ref).inserted
      else { continue }
      out.append(
        Link(
          from: from, to: .workItem(ref), type: .references, evidence: .issueKeyInMessage, confidence: 0.7,
          matchedText: key))
    }
    for match in MessagePatterns.matches(MessagePatterns.hashNumber, in: searchable) {
      guard let number = match[2] else { continue }
      let written = (match[1].map { "\($0)#" } ?? "#") + number
      guard let ref = index.resolveIssueOnly(written, near: container), claimed.insert(ref).inserted else {
        continue
      }
      out.append(
        Link(
          from: from, to: .workItem(ref), type: .references, evidence: .plainReferenceInMessage,
          confidence: 0.5,
          matchedText: written))
    }
    return out
  }

  /// `feature/PAY-87-retry`, `user/eng-123-title` → the item; `revert-12-…` → reverts request 12.
  func branchLinks(from: LinkEndpoint, branch: String) -> [Link] {
    var out: [Link] = []
    for match in MessagePatterns.matches(MessagePatterns.revertBranch, in: branch) {
      guard let number = match[1] else { continue }
      for request in index.requests(number: number, forges: [.github, .gitea]) {
        out.append(
          Link(
            from: from, to: .changeRequest(request.ref), type: .reverts, evidence: .revertBranch,
            confidence: 0.8,
            matchedText: branch))
      }
    }
    for match in MessagePatterns.matches(MessagePatterns.key, in: branch.uppercased()) {
      guard let key = match[0], let ref = index.resolve(key, near: nil) else { continue }
      out.append(
        Link(
          from: from, to: .workItem(ref), type: .implementsByBranch, evidence: .branchName, confidence: 0.7,
          matchedText: branch))
    }
    return out
  }

  /// One link per (from, to, type), keeping the strongest; sorted strongest first.
  static func deduplicated(_ links: [Link]) -> [Link] {
    var best: [String: Link] = [:]
    var order: [String] = []
    for link in links {
      let key = "\(link.from)|\(link.to)|\(link.type.rawValue)"
      if let old = best[key] {
        if link.confidence > old.confidence { best[key] = link }
      } else {
        best[key] = link
        order.append(key)
      }
    }
    return order.enumerated().map { ($0.offset, best[$0.element]!) }
      .sorted { ($1.1.confidence, $0.0) < ($0.1.confidence, $1.0) }.map(\.1)
  }
}
