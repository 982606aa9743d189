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
    let text =
      keepText ? String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self) : nil
    return DiffLine(hash: full, whitespaceFreeHash: compact, isBlank: blank, text: text)
  }
}
