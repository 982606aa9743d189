/// What can go wrong with the shared store, each as one line that names the database without its password.
public enum OrgStoreError: Error, Sendable, CustomStringConvertible {
  case badLocation(shown: String, reason: String)
  /// The server could not be reached (refused, no route, timeout, name not found).
  case unreachable(location: String, reason: String)
  case authenticationFailed(location: String, user: String)
  /// The database's schema was written by a newer `outcomes`.
  case schemaTooNew(location: String, found: Int, known: Int)
  /// The connection broke during a publish; the transaction was rolled back by the server.
  case connectionLost(location: String, during: String)
  /// A server-side error with its SQLSTATE.
  case server(location: String, during: String, message: String)
  case sqlite(location: String, during: String, message: String)
  /// A row that would put a person's address into the shared store.
  case notPseudonymous(repository: String, what: String)
  case badRow(repository: String, what: String)

  public var description: String {
    switch self {
    case .badLocation(let shown, let reason):
      return "\(shown): \(reason)"
    case .unreachable(let location, let reason):
      return "\(location): cannot connect (\(reason))"
    case .authenticationFailed(let location, let user):
      return "\(location): password authentication failed for user \"\(user)\" (check the URL or PGPASSWORD)"
    case .schemaTooNew(let location, let found, let known):
      return
        "\(location): the database schema is version \(found), newer than this outcomes understands (\(known)); upgrade outcomes"
    case .connectionLost(let location, let during):
      return
        "\(location): connection lost while \(during); the server rolled the transaction back, nothing was written, run it again"
    case .server(let location, let during, let message):
      return "\(location): \(during) failed: \(message)"
    case .sqlite(let location, let during, let message):
      return "\(location): \(during) failed: \(message)"
    case .notPseudonymous(let repository, let what):
      return
        "\(repository): \(what) is not a pseudonym (p_ + 16 hex digits); only pseudonymous rows may be published"
    case .badRow(let repository, let what):
      return "\(repository): \(what)"
    }
  }
}
