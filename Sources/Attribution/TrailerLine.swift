/// Recognises `Key: value` lines anywhere in a message, the way git spells trailer keys.
enum TrailerLine {
  /// The key and trimmed value, or nil when the line does not start with a trailer key at column 0.
  static func parse(_ line: Substring) -> (key: Substring, value: Substring)? {
    let utf8 = line.utf8
    guard let first = utf8.first, isLetter(first) else { return nil }
    var index = utf8.index(after: utf8.startIndex)
    var length = 1
    while index != utf8.endIndex {
      let byte = utf8[index]
      if byte == UInt8(ascii: ":") { break }
      guard isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-"), length < 64 else { return nil }
      length += 1
      index = utf8.index(after: index)
    }
    guard index != utf8.endIndex else { return nil }
    let key = line[line.startIndex..<index]
    let rest = line[line.index(after: index)...]
    return (key, trimmed(rest))
  }

  /// A key-and-value form that ignores key case and spacing, to spot a parsed trailer already seen.
  static func normalized(key: Substring, value: Substring) -> String {
    key.lowercased() + ":" + trimmed(value)
  }

  private static func trimmed(_ text: Substring) -> Substring {
    var text = text
    while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
    while let last = text.last, last == " " || last == "\t" { text.removeLast() }
    return text
  }

  private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }
  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
