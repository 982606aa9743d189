import Foundation
import Yams

/// A catalogue file that cannot be used, with the file and (when known) the line to fix.
///
/// Its description is one line, `FILE:LINE: message`, fit for the command line's error output.
public struct CatalogueError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  /// 1-based; nil when the problem is not tied to a line (an unreadable file).
  public var line: Int?
  public var message: String

  public init(file: String, line: Int?, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String {
    if let line { "\(file):\(line): \(message)" } else { "\(file): \(message)" }
  }

  /// Keeps what Yams knows about the position and drops its multi-line snippet.
  init(yamlError error: any Error, file: String) {
    guard let yaml = error as? YamlError else {
      self.init(file: file, line: nil, message: "invalid YAML: \(Self.oneLine(String(describing: error)))")
      return
    }
    switch yaml {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      // The problem's line is where the parser gave up; the context's line is where the construct began.
      let context = context.map { context in
        Self.oneLine(context.text) + (context.mark.line == mark.line ? "" : " from line \(context.mark.line)")
          + ": "
      }
      self.init(file: file, line: mark.line, message: "invalid YAML: \(context ?? "")\(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      self.init(
        file: file, line: context.mark.line,
        message: "duplicate key \(duplicates.joined(separator: ", "))")
    case .reader(let problem, _, _, _):
      self.init(file: file, line: nil, message: "invalid YAML: \(Self.oneLine(problem))")
    default:
      self.init(file: file, line: nil, message: "invalid YAML: \(Self.oneLine(String(describing: yaml)))")
    }
  }

  private static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }.joined(separator: " ")
  }
}
