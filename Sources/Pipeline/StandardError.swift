import Foundation

/// Everything the tool writes to stderr goes through here: one-line notes and warnings prefixed
/// `outcomes:`, and the terminal's self-overwriting progress line.
public enum StandardError {
  /// `outcomes: <line>`.
  public static func note(_ line: String) { write("outcomes: \(line)\n") }

  /// `outcomes: warning: <line>`.
  public static func warning(_ line: String) { write("outcomes: warning: \(line)\n") }

  public static func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

  /// Redraws the progress line in place; nil clears it.
  static func progress(_ line: String?) { write("\r\u{1B}[K" + (line ?? "")) }
}
