/// Problems with the user's input that stop a run, each worded as one line for the terminal.
public enum HistoryError: Error, CustomStringConvertible, Sendable {
  case notARepository(path: String)
  case unknownBranch(name: String, path: String)
  case noDefaultBranch(tried: [String], path: String)
  case emptyRepository(path: String)
  case shallowClone(path: String)
  case unknownRevision(String)
  case git(GitError)

  public var description: String {
    switch self {
    case .notARepository(let path):
      return "\(path): not a git repository (or any parent folder); pass --repo PATH"
    case .unknownBranch(let name, let path):
      return "\(path): no branch or revision named '\(name)'"
    case .noDefaultBranch(let tried, let path):
      return "\(path): no default branch found (tried \(tried.joined(separator: ", "))); pass --branch NAME"
    case .emptyRepository(let path):
      return "\(path): the repository has no commits yet"
    case .shallowClone(let path):
      return
        "\(path): shallow clone, history is incomplete; fetch it all (git fetch --unshallow, or fetch-depth: 0 in actions/checkout) or pass --allow-shallow to mine what exists"
    case .unknownRevision(let rev):
      return "unknown revision '\(rev)'"
    case .git(let error):
      return error.description
    }
  }
}
