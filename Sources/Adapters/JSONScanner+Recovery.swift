/// Reading past syntax errors for `--skip-bad-records`: a broken record costs that record, not the rest
/// of its page or file, where the syntax lets reading resume.
extension JSONScanner {
  /// A stretch of an export that could not be read.
  struct Loss {
    var error: SyntaxError
    /// Records lost: the broken one and those skipped before reading resumed, recognised by how they
    /// open (`{` after a comma, then the first key of the first record read).
    var records: Int
    /// No record had been read to recognise the others by, so `records` is a lower bound.
    var atLeast = false
    /// Where reading resumed; nil when the rest of the file was lost.
    var resumedAt: Int?
  }

  /// Every top-level value, reading on past syntax errors. Inside a page (a top-level array) reading
  /// resumes at the next record that opens like the ones before it; otherwise at the next top-level
  /// value that starts a line or follows a page (the next page of a download, the next NDJSON line).
  static func recoveringValues(in bytes: [UInt8]) -> (
    values: [(offset: Int, value: JSONValue)], losses: [Loss]
  ) {
    bytes.withUnsafeBufferPointer { buffer in
      var scanner = JSONScanner(buffer)
      return scanner.recover()
    }
  }

  private mutating func recover() -> (values: [(offset: Int, value: JSONValue)], losses: [Loss]) {
    var out: [(offset: Int, value: JSONValue)] = []
    var losses: [Loss] = []
    var signature: [UInt8]?
    skipBOM()
    while true {
      skipSpace()
      if pos >= bytes.count { return (out, losses) }
      let start = pos
      let failure: SyntaxError
      // The value the error broke: one record, unless a page counted its own records.
      var broken = 1
      if bytes[start] == UInt8(ascii: "[") {
        let page = readPage(at: start, signature: &signature)
        if !page.items.isEmpty { out.append((start, .array(page.items))) }
        losses += page.losses
        guard let end = page.failure else { continue }
        (failure, broken) = end
      } else {
        switch attempt(depth: 0) {
        case .success(let value):
          out.append((start, value))
          if signature == nil, case .object = value { signature = firstKey(ofObjectAt: start) }
          continue
        case .failure(let error): failure = error
        }
      }
      let resume = nextTopLevel(after: failure.offset)
      let skipped = recordStarts(after: failure.offset, before: resume ?? bytes.count, signature: signature)
      losses.append(
        Loss(error: failure, records: broken + skipped, atLeast: signature == nil, resumedAt: resume))
      guard let resume else { return (out, losses) }
      pos = resume
    }
  }

  /// A page's records, record by record. `failure` is the error that ended the page early and how many
  /// records it broke (0 when it came between records).
  private mutating func readPage(at start: Int, signature: inout [UInt8]?) -> (
    items: [JSONValue], losses: [Loss], failure: (SyntaxError, Int)?
  ) {
    var items: [JSONValue] = []
    var losses: [Loss] = []
    pos = start + 1
    skipSpace()
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
      pos += 1
      return (items, losses, nil)
    }
    while true {
      skipSpace()
      let recordStart = pos
      let error: SyntaxError
      var broken = 0
      switch attempt(depth: 1) {
      case .success(let value):
        items.append(value)
        if signature == nil, case .object = value { signature = firstKey(ofObjectAt: recordStart) }
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ",") {
          pos += 1
          continue
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
          pos += 1
          return (items, losses, nil)
        }
        error = fail(
          pos < bytes.count ? "expected ',' or ']' in an array" : "unexpected end of input (truncated JSON?)")
      case .failure(let failure):
        error = failure
        broken = 1
      }
      let limit = nextTopLevel(after: error.offset) ?? bytes.count
      guard let signature,
        let (next, skipped) = nextRecord(after: error.offset, before: limit, signature: signature)
      else {
        return (items, losses, (error, broken))
      }
      losses.append(Loss(error: error, records: broken + skipped, resumedAt: next))
      pos = next
    }
  }

  /// One value from `pos`; on a syntax error the partial objects and arrays are dropped from the scratch
  /// stacks, so a later value starts clean.
  private mutating func attempt(depth: Int) -> Result<JSONValue, SyntaxError> {
    let start = pos
    let (members, items) = (memberStack.count, itemStack.count)
    do {
      return .success(try parseValue(depth: depth))
    } catch {
      _ = memberStack.pop(from: members)
      _ = itemStack.pop(from: items)
      return .failure(error as? SyntaxError ?? SyntaxError(offset: start, reason: "\(error)"))
    }
  }

  /// The next record of the page after `offset` that reads whole and is followed by `,` or `]`, and how
  /// many record openings before it did not read.
  private mutating func nextRecord(after offset: Int, before limit: Int, signature: [UInt8]) -> (Int, Int)? {
    var skipped = 0
    var candidate = offset + 1
    while candidate < limit {
      defer { candidate += 1 }
      guard opensRecord(at: candidate, signature: signature) else { continue }
      pos = candidate
      if case .success = attempt(depth: 1) {
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ",") || bytes[pos] == UInt8(ascii: "]") {
          return (candidate, skipped)
        }
      }
      skipped += 1
    }
    return nil
  }

  /// Record openings strictly between `offset` and `limit`; 0 without a signature.
  private func recordStarts(after offset: Int, before limit: Int, signature: [UInt8]?) -> Int {
    guard let signature else { return 0 }
    var count = 0
    var index = offset + 1
    while index < limit {
      if opensRecord(at: index, signature: signature) { count += 1 }
      index += 1
    }
    return count
  }

  /// `{` after a comma, then the signature key: how the records of one export open.
  private func opensRecord(at index: Int, signature: [UInt8]) -> Bool {
    guard bytes[index] == UInt8(ascii: "{") else { return false }
    var before = index - 1
    while before >= 0, isSpace(bytes[before]) { before -= 1 }
    guard before >= 0, bytes[before] == UInt8(ascii: ",") else { return false }
    var after = index + 1
    while after < bytes.count, isSpace(bytes[after]) { after += 1 }
    guard after + signature.count <= bytes.count else { return false }
    for (offset, byte) in signature.enumerated() where bytes[after + offset] != byte { return false }
    return true
  }

  /// The quoted first key of the object at `start`, quotes included; nil for an empty object or an
  /// escaped key.
  private func firstKey(ofObjectAt start: Int) -> [UInt8]? {
    var index = start + 1
    while index < bytes.count, isSpace(bytes[index]) { index += 1 }
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
    var end = index + 1
    while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
      if bytes[end] == UInt8(ascii: "\\") { return nil }
      end += 1
    }
    guard end < bytes.count else { return nil }
    return Array(bytes[index...end])
  }

  /// The next `{` or `[` after `offset` that starts a line, or a `[` right after a `]` (pages written
  /// back to back).
  private func nextTopLevel(after offset: Int) -> Int? {
    var index = max(offset + 1, 1)
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
        let previous = bytes[index - 1]
        if previous == 0x0A || (byte == UInt8(ascii: "[") && previous == UInt8(ascii: "]")) { return index }
      }
      index += 1
    }
    return nil
  }

  private func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }
}
