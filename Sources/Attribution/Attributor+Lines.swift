import OutcomeModel

extension Attributor {
  /// Added lines of a non-merge change that fall in the note's AI ranges, counted on the new side of
  /// its hunks. Without hunks nothing can be counted and the caller is told to ask for them.
  func aiLines(of change: Change, note: LineAttribution) -> (count: Int, needsHunks: Bool) {
    var count = 0
    var needsHunks = false
    for file in change.files where !file.isBinary && file.linesAdded > 0 {
      guard let path = file.newPath else { continue }
      guard !file.hunks.isEmpty else {
        needsHunks = true
        continue
      }
      let added = file.hunks.compactMap { hunk in
        hunk.newCount > 0 ? hunk.newStart...(hunk.newStart + hunk.newCount - 1) : nil
      }
      count += note.countAI(in: path, added: added)
    }
    return (count, needsHunks)
  }
}
