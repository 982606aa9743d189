/// Input and environment problems found by the pipeline, each one line for the terminal (exit code 1).
public enum PipelineError: Error, CustomStringConvertible, Sendable {
  case cannotWrite(path: String, reason: String)
  case unreadable(path: String, reason: String)
  /// A message that already names the file and place (a bad signature catalogue).
  case badInput(String)
  case badDate(option: String, value: String)
  case badValue(option: String, value: String, expected: String)

  public var description: String {
    switch self {
    case .cannotWrite(let path, let reason):
      return "\(path): cannot write (\(reason))"
    case .unreadable(let path, let reason):
      return "\(path): cannot read (\(reason))"
    case .badInput(let message):
      return message
    case .badDate(let option, let value):
      return "\(option) '\(value)': expected a date like 2026-07-01 or 2026-07-01T09:30:00Z"
    case .badValue(let option, let value, let expected):
      return "\(option) '\(value)': expected \(expected)"
    }
  }
}
