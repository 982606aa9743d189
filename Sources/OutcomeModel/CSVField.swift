/// One CSV field as every table the tool writes quotes it.
public enum CSVField {
  /// RFC 4180 quoting; a leading formula character is prefixed so spreadsheets show text, not formulas.
  public static func escape(_ field: String) -> String {
    var value = field
    if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
