import Foundation
import PostgresNIO

/// Turns PostgresNIO's errors into `OrgStoreError` lines. PostgresNIO's own descriptions are opaque on
/// purpose (they could carry query data), so the server's message and SQLSTATE are read from the fields.
enum PostgresErrors {
  /// The COMMIT itself failed: whether it took effect may be unknown.
  struct CommitFailed: Error {
    var underlying: any Error
  }

  static func map(_ error: any Error, location: String, user: String, during: String) -> any Error {
    if error is OrgStoreError { return error }
    if let commit = error as? CommitFailed {
      let mapped = map(commit.underlying, location: location, user: user, during: during + " (committing)")
      if case OrgStoreError.connectionLost = mapped {
        return OrgStoreError.server(
          location: location, during: during,
          message:
            "connection lost while committing; the change may or may not have landed, run it again (publishing is idempotent)"
        )
      }
      return mapped
    }
    guard let error = error as? PSQLError else {
      return OrgStoreError.server(location: location, during: during, message: oneLine("\(error)"))
    }
    switch error.code {
    case .server:
      let state = error.serverInfo?[.sqlState] ?? ""
      let message = error.serverInfo?[.message] ?? "server error"
      if state == "28P01" || state == "28000" && message.contains("password") {
        return OrgStoreError.authenticationFailed(location: location, user: user)
      }
      if ["57P01", "57P02", "57P03"].contains(state) || state.hasPrefix("08") {
        return OrgStoreError.connectionLost(location: location, during: during)
      }
      return OrgStoreError.server(
        location: location, during: during, message: "\(oneLine(message)) (SQLSTATE \(state))")
    case .connectionError:
      return OrgStoreError.unreachable(location: location, reason: reason(error.underlying))
    case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
      if during == "connecting" {
        return OrgStoreError.unreachable(location: location, reason: "the server closed the connection")
      }
      return OrgStoreError.connectionLost(location: location, during: during)
    case .sslUnsupported:
      return OrgStoreError.unreachable(
        location: location, reason: "the server does not offer TLS, which sslmode requires")
    case .failedToAddSSLHandler:
      return OrgStoreError.unreachable(
        location: location, reason: "TLS handshake failed: \(reason(error.underlying))")
    case .authMechanismRequiresPassword:
      return OrgStoreError.authenticationFailed(location: location, user: user)
    default:
      return OrgStoreError.server(
        location: location, during: during,
        message: "\(error.code)\(error.underlying.map { ": \(reason($0))" } ?? "")")
    }
  }

  private static func reason(_ error: (any Error)?) -> String {
    guard let error else { return "unknown reason" }
    let text = oneLine(String(describing: error))
    if text.contains("CERTIFICATE_VERIFY_FAILED") {
      return
        "TLS: the server's certificate could not be verified; name its CA with sslrootcert=FILE, or use sslmode=require to encrypt without verifying"
    }
    if text.contains("handshakeFailed") || text.contains("BoringSSL") { return "TLS handshake failed" }
    if text.contains("connectTimeout") || text.contains("timeout") { return "timed out" }
    if text.contains("Connection refused") || text.contains("ECONNREFUSED") || text.contains("errno: 111") {
      return "connection refused"
    }
    if text.contains("Network is unreachable") || text.contains("errno: 101") { return "network unreachable" }
    if text.contains("No route to host") || text.contains("errno: 113") { return "no route to host" }
    if text.contains("resolve") || text.contains("getaddrinfo") || text.contains("EAI") {
      return "host name not found"
    }
    return text
  }

  private static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ")
  }
}
