import OutcomeModel

/// Builds fact-table rows from mined changes: identities through the mailmap, then pseudonymised.
public struct ChangeRecordBuilder: Sendable {
  public let pseudonymizer: Pseudonymizer
  public let mailmap: Mailmap

  public init(pseudonymizer: Pseudonymizer, mailmap: Mailmap) {
    self.pseudonymizer = pseudonymizer
    self.mailmap = mailmap
  }

  public func record(for change: Change) -> ChangeRecord {
    let commit = change.commit
    let person = mailmap.resolve(name: commit.author.name, email: commit.author.email)
    var record = ChangeRecord(
      sha: commit.id.hex,
      parents: commit.parents.map(\.hex),
      authoredAt: Timestamp.iso8601(commit.author.time),
      committedAt: Timestamp.iso8601(commit.committer.time),
      author: pseudonymizer.id(forEmail: person.email),
      filesChanged: change.files.count,
      linesAdded: change.linesAdded,
      linesDeleted: change.linesDeleted,
      isMerge: commit.isMerge,
      contributingCommits: change.contributing.count
    )
    let missing = change.missingBlobs
    record.missingBlobs = missing > 0 ? missing : nil
    return record
  }
}
