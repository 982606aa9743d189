import OutcomeModel

/// FNV-1a hashes of a diff line, computed straight from libgit2's buffer without making a String.
enum LineHasher {
  private static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
  private static let prime: UInt64 = 0x0000_0100_0000_01b3

  static func line(_ bytes: UnsafeRawBufferPointer, keepText: Bool) -> DiffLine {
    var end = bytes.count
    if end > 0, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
    var full = offset
    var compact = offset
    var blank = true
    for index in 0..<end {
      let byte = bytes[index]
      full = (full ^ UInt64(byte)) &* prime
      if byte != 0x20, byte != 0x09, byte != 0x0d, byte != 0x0b, byte != 0x0c {
        compact = (compact ^ UInt64(byte)) &* prime
        blank = false
      }
    }
    let comment = !blank && isCommentOnly(bytes, end: end)
    let text =
      keepText ? String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self) : nil
    return DiffLine(hash: full, whitespaceFreeHash: compact, isBlank: blank, isComment: comment, text: text)
  }

  /// Comment markers of common languages at the start of the trimmed line. `#` counts only when followed
  /// by a space, `#` or `!`, so C's `#include` and `#define` stay code.
  private static func isCommentOnly(_ bytes: UnsafeRawBufferPointer, end: Int) -> Bool {
    var start = 0
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    func at(_ offset: Int) -> UInt8 { start + offset < end ? bytes[start + offset] : 0 }
    switch at(0) {
    case UInt8(ascii: "/"): return at(1) == UInt8(ascii: "/") || at(1) == UInt8(ascii: "*")
    case UInt8(ascii: "*"): return at(1) == 0 || at(1) == 0x20 || at(1) == UInt8(ascii: "/")
    case UInt8(ascii: "#"):
      return at(1) == 0 || at(1) == 0x20 || at(1) == UInt8(ascii: "#") || at(1) == UInt8(ascii: "!")
    case UInt8(ascii: "-"): return at(1) == UInt8(ascii: "-") && (at(2) == 0 || at(2) == 0x20)
    case UInt8(ascii: "<"): return at(1) == UInt8(ascii: "!") && at(2) == UInt8(ascii: "-")
    case UInt8(ascii: ";"): return at(1) == UInt8(ascii: ";")
    default: return false
    }
  }
}
