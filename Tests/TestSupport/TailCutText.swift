/// File text where git's zero-context diff and an uncut one disagree: a run of equal lines, where an
/// edit could sit anywhere, before a tail long enough for git to cut whole 1 KiB blocks of it.
public enum TailCutText {
  /// 600 lines `a`.
  public static let run = String(repeating: "a\n", count: 600)
  /// Sixty distinct lines, about 3.5 KiB.
  public static let tail = (0..<60).map { "closing line \($0) of the file, long enough to fill a block\n" }
    .joined()
}
