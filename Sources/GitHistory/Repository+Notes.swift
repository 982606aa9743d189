internal import Clibgit2
import OutcomeModel

extension Repository {
  /// The notes refs present, `refs/notes/ai` first, then the rest by name.
  public func noteReferences() -> [String] {
    var names = referenceNames(matching: "refs/notes/*").sorted()
    if let index = names.firstIndex(of: "refs/notes/ai") {
      names.remove(at: index)
      names.insert("refs/notes/ai", at: 0)
    }
    return names
  }

  /// Every note under `ref`, keyed by the annotated commit. An absent ref gives no notes, not an error.
  public func notes(ref: String = "refs/notes/ai") throws(HistoryError) -> [CommitID: String] {
    var iterator: OpaquePointer?
    let code = git_note_iterator_new(&iterator, handle, ref)
    if code == GIT_ENOTFOUND.rawValue {
      git_error_clear()
      return [:]
    }
    do {
      try check(code, "git_note_iterator_new")
      defer { git_note_iterator_free(iterator) }
      var result: [CommitID: String] = [:]
      var noteID = git_oid()
      var annotatedID = git_oid()
      while true {
        let next = git_note_next(&noteID, &annotatedID, iterator)
        if next == GIT_ITEROVER.rawValue { break }
        try check(next, "git_note_next")
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, handle, &noteID), "git_blob_lookup")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        let bytes = UnsafeRawBufferPointer(start: git_blob_rawcontent(blob), count: size)
        result[OID(annotatedID).commitID] = String(decoding: bytes, as: UTF8.self)
      }
      return result
    } catch {
      throw .git(error)
    }
  }

  func referenceNames(matching glob: String) -> [String] {
    var iterator: OpaquePointer?
    guard git_reference_iterator_glob_new(&iterator, handle, glob) == 0 else {
      git_error_clear()
      return []
    }
    defer { git_reference_iterator_free(iterator) }
    var names: [String] = []
    var name: UnsafePointer<CChar>?
    while git_reference_next_name(&name, iterator) == 0, let name {
      names.append(String(cString: name))
    }
    git_error_clear()
    return names
  }
}
