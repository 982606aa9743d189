/// RFC 4180 CSV: quoted cells with commas, quotes and newlines inside, CRLF or LF rows, a leading BOM.
struct CSVTable {
  var header: [String]
  /// Each row with the 1-based line it starts on.
  var rows: [(line: Int, cells: [String])]

  struct SyntaxError: Error {
    var line: Int
    var column: Int
    var reason: String
  }

  static func parse(_ bytes: [UInt8]) throws -> CSVTable {
    var rows: [(Int, [String])] = []
    var cells: [String] = []
    var cell: [UInt8] = []
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var line = 1
    var rowLine = 1
    var lineStart = i
    var inQuotes = false
    var quoteLine = 1
    var quoteColumn = 1
    func endRow() {
      cells.append(String(decoding: cell, as: UTF8.self))
      cell.removeAll(keepingCapacity: true)
      if !(cells.count == 1 && cells[0].isEmpty) { rows.append((rowLine, cells)) }
      cells = []
    }
    while i < bytes.count {
      let b = bytes[i]
      if inQuotes {
        if b == UInt8(ascii: "\"") {
          if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
            cell.append(b)
            i += 2
            continue
          }
          inQuotes = false
        } else {
          if b == 0x0A {
            line += 1
            lineStart = i + 1
          }
          cell.append(b)
        }
        i += 1
        continue
      }
      switch b {
      case UInt8(ascii: "\""):
        inQuotes = true
        quoteLine = line
        quoteColumn = i - lineStart + 1
      case UInt8(ascii: ","):
        cells.append(String(decoding: cell, as: UTF8.self))
        cell.removeAll(keepingCapacity: true)
      case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
        break
      case 0x0A:
        endRow()
        line += 1
        lineStart = i + 1
        rowLine = line
      default:
        cell.append(b)
      }
      i += 1
    }
    if inQuotes {
      throw SyntaxError(
        line: quoteLine, column: quoteColumn, reason: "unterminated quoted cell (truncated CSV?)")
    }
    if !cell.isEmpty || !cells.isEmpty { endRow() }
    guard let first = rows.first else { return CSVTable(header: [], rows: []) }
    return CSVTable(header: first.1, rows: Array(rows.dropFirst()))
  }
}
