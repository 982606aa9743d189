/// Why a fixture could not be built; the description carries enough to reproduce the failure by hand.
public enum FixtureError: Error, Sendable, CustomStringConvertible {
  /// A process exited non-zero (or died from a signal).
  case commandFailed(command: [String], status: Int32, stderr: String, stdout: String)
  /// A process could not be started at all.
  case launchFailed(executable: String, reason: String)
  /// A date offset was not of the form `+HHMM` / `-HHMM`.
  case badOffset(String)
  /// `deleteObject` found no loose file for the object (it is packed or does not exist).
  case objectNotLoose(sha: String, path: String)
  /// The built `outcomes` executable was not found in any of the searched folders.
  case binaryNotFound(searched: [String])
  /// A file-system step of the fixture failed.
  case fileSystem(path: String, reason: String)
  /// A command's output did not have the expected shape.
  case unexpectedOutput(command: String, detail: String)
  /// A merge stopped without conflicts to resolve, or with conflicts and no resolver.
  case mergeFailed(revs: [String], stderr: String)

  public var description: String {
    switch self {
    case .commandFailed(let command, let status, let stderr, let stdout):
      let output = [stderr, stdout].filter { !$0.isEmpty }.joined(separator: "\n--- stdout:\n")
      return "`\(command.joined(separator: " "))` exited with status \(status): \(output)"
    case .launchFailed(let executable, let reason):
      return "could not launch \(executable): \(reason)"
    case .badOffset(let offset):
      return "bad UTC offset \"\(offset)\"; expected +HHMM or -HHMM"
    case .objectNotLoose(let sha, let path):
      return "object \(sha) is not a loose object (no file at \(path)); was it packed by gc or a clone?"
    case .binaryNotFound(let searched):
      return "the `outcomes` executable was not found; build it first (swift build). Searched: "
        + searched.joined(separator: ", ")
    case .fileSystem(let path, let reason):
      return "\(path): \(reason)"
    case .unexpectedOutput(let command, let detail):
      return "unexpected output from `\(command)`: \(detail)"
    case .mergeFailed(let revs, let stderr):
      return "merge of \(revs.joined(separator: " ")) failed: \(stderr)"
    }
  }
}
