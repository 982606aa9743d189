import OutcomeModel

/// What the linker needs to know about one mainline change.
public struct MainlineChange: Hashable, Sendable {
  public var sha: CommitID
  /// The full commit message.
  public var message: String
  /// Commits a merge brought in (its second-parent side), empty for squash and rebase changes.
  public var contributing: [CommitID]
  /// Branch names known for the change (from a merge subject or the CI environment), if any.
  public var branchNames: [String]

  public init(sha: CommitID, message: String, contributing: [CommitID] = [], branchNames: [String] = []) {
    self.sha = sha
    self.message = message
    self.contributing = contributing
    self.branchNames = branchNames
  }

  /// Builds the linker's input from a mined change.
  public init(_ change: Change, branchNames: [String] = []) {
    self.init(
      sha: change.id, message: change.commit.message, contributing: change.contributing.map(\.commit.id),
      branchNames: branchNames)
  }

  public var subject: String {
    String(
      message.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: \.isNewline).first ?? "")
  }
}
