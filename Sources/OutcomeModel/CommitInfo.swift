/// One `Key: value` line from a commit message's trailer block.
public struct Trailer: Hashable, Sendable, Codable {
  public var key: String
  public var value: String

  public init(key: String, value: String) {
    self.key = key
    self.value = value
  }
}

/// The metadata of one commit: identities, message and trailers, without its diff.
public struct CommitInfo: Hashable, Sendable, Codable {
  public var id: CommitID
  public var parents: [CommitID]
  public var author: Signature
  public var committer: Signature
  /// The full raw message, as stored.
  public var message: String
  /// Trailers of the final paragraph, parsed by git's rules (folded lines joined).
  public var trailers: [Trailer]

  public init(
    id: CommitID, parents: [CommitID], author: Signature, committer: Signature, message: String,
    trailers: [Trailer]
  ) {
    self.id = id
    self.parents = parents
    self.author = author
    self.committer = committer
    self.message = message
    self.trailers = trailers
  }

  /// The first line of the message.
  public var subject: String {
    // isNewline, because "\r\n" is one Character and equals neither "\n" nor "\r".
    message.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: \.isNewline).first.map(
      String.init)
      ?? ""
  }

  public var isMerge: Bool { parents.count > 1 }
}
