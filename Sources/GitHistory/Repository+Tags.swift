internal import Clibgit2
import OutcomeModel

/// A tag peeled to the commit it names.
public struct TagInfo: Sendable, Hashable {
  public var name: String
  public var target: CommitID
  public var isAnnotated: Bool
  /// The tagger of an annotated tag; nil for lightweight tags.
  public var tagger: Signature?
  public var message: String?
}

extension Repository {
  /// All tags that lead to a commit (tags of trees or blobs are skipped), sorted by name.
  public func tags() throws(HistoryError) -> [TagInfo] {
    var result: [TagInfo] = []
    for reference in referenceNames(matching: "refs/tags/*") {
      guard let target = peelToCommit(reference) else { continue }
      var info = TagInfo(
        name: String(reference.dropFirst("refs/tags/".count)), target: target.commitID, isAnnotated: false)
      var object: OpaquePointer?
      if git_revparse_single(&object, handle, reference) == 0, let object {
        defer { git_object_free(object) }
        if git_object_type(object) == GIT_OBJECT_TAG {
          info.isAnnotated = true
          info.tagger = git_tag_tagger(object).map { CommitReader.signature($0) }
          info.message = git_tag_message(object).map { String(cString: $0) }
        }
      } else {
        git_error_clear()
      }
      result.append(info)
    }
    return result
  }
}
