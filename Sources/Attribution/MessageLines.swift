/// Splits text into lines at `\n` bytes, dropping a trailing `\r`.
///
/// Not `split(separator: "\n")`: `"\r\n"` is one `Character`, so a Character split leaves CRLF text in
/// one piece, and it pays for grapheme breaking on every byte.
enum MessageLines {
  static func of(_ text: String) -> [Substring] {
    var lines: [Substring] = []
    let utf8 = text.utf8
    var start = utf8.startIndex
    var index = start
    while index != utf8.endIndex {
      if utf8[index] == 10 {
        lines.append(line(of: text, from: start, to: index))
        start = utf8.index(after: index)
      }
      index = utf8.index(after: index)
    }
    lines.append(line(of: text, from: start, to: utf8.endIndex))
    return lines
  }

  private static func line(of text: String, from start: String.Index, to end: String.Index) -> Substring {
    guard end > start else { return text[start..<end] }
    let last = text.utf8.index(before: end)
    return text[start..<(text.utf8[last] == 13 ? last : end)]
  }
}
