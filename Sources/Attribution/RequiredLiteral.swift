/// Derives from a regular expression a literal that every match must contain, for cheap prefiltering.
///
/// Deliberately conservative: only literal runs outside groups count, an alternation at the top level
/// or an inline option group gives up, and a character made optional by a quantifier ends the run.
/// A wrong answer would hide matches, so anything unclear yields no needle (the regex always runs).
enum RequiredLiteral {
  static func longest(in pattern: String) -> [UInt8] {
    let scalars = Array(pattern.unicodeScalars)
    var best: [UInt8] = []
    var run: [UInt8] = []
    var depth = 0
    var index = 0

    func flush() {
      if run.count > best.count { best = run }
      run = []
    }

    while index < scalars.count {
      let scalar = scalars[index]
      switch scalar {
      case "\\":
        guard index + 1 < scalars.count else { return [] }
        let escaped = scalars[index + 1]
        if depth == 0, escaped.isASCII, !isAlphanumeric(escaped) {
          run.append(fold(escaped))
        } else if isAlphanumeric(escaped), !"bBsSwWdDAzZGntrRhHvV123456789".unicodeScalars.contains(escaped) {
          // \u0041, \x{41}, \p{L}, \Q…\E and the like spell text in ways this scan does not follow.
          return []
        } else {
          // Classes, anchors, control characters and back-references end the literal run.
          flush()
        }
        index += 2
        continue
      case "[":
        flush()
        index = endOfClass(scalars, from: index)
      case "(":
        if index + 2 < scalars.count, scalars[index + 1] == "?", isAlphanumeric(scalars[index + 2]) {
          return []
        }
        flush()
        depth += 1
      case ")":
        flush()
        depth -= 1
      case "|":
        if depth == 0 { return [] }
        flush()
      case "*", "?":
        if !run.isEmpty { run.removeLast() }
        flush()
      case "{":
        if !run.isEmpty { run.removeLast() }
        flush()
        while index < scalars.count && scalars[index] != "}" { index += 1 }
      case "+", ".", "^", "$":
        flush()
      default:
        if depth == 0, scalar.isASCII {
          run.append(fold(scalar))
        } else {
          flush()
        }
      }
      index += 1
    }
    flush()
    return best.count >= 3 ? best : []
  }

  private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII
      && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
  }

  private static func fold(_ scalar: Unicode.Scalar) -> UInt8 {
    let byte = UInt8(scalar.value)
    return byte >= 65 && byte <= 90 ? byte | 0x20 : byte
  }

  /// The index of the `]` closing a character class that opens at `start`.
  private static func endOfClass(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
    var index = start + 1
    if index < scalars.count && scalars[index] == "^" { index += 1 }
    if index < scalars.count && scalars[index] == "]" { index += 1 }
    while index < scalars.count && scalars[index] != "]" {
      index += scalars[index] == "\\" ? 2 : 1
    }
    return index
  }
}
