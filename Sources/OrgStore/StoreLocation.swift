import Foundation

/// Where the shared facts live: a PostgreSQL server or one SQLite file.
///
/// `postgres://user:password@host:5432/db?sslmode=require` (or `postgresql://`) names a server; anything
/// without a scheme is a SQLite file path. Descriptions never contain the password.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
  case postgres(PostgresURL)
  case sqlite(path: String)

  public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(OrgStoreError)
  {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { throw .badLocation(shown: "''", reason: "empty database location") }
    if let schemeEnd = trimmed.range(of: "://") {
      let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
      guard scheme == "postgres" || scheme == "postgresql" else {
        throw .badLocation(
          shown: String(trimmed.prefix { $0 != ":" }) + "://…",
          reason: "unsupported scheme '\(scheme)' (use postgres://… or a SQLite file path)")
      }
      self = .postgres(try PostgresURL(parsing: trimmed, environment: environment))
    } else {
      self = .sqlite(path: trimmed)
    }
  }

  public var isPostgres: Bool {
    if case .postgres = self { return true }
    return false
  }

  /// `postgres://user@host:port/db` or the file path: safe for logs and error messages.
  public var description: String {
    switch self {
    case .postgres(let url): url.redacted
    case .sqlite(let path): path
    }
  }
}

/// A parsed PostgreSQL connection URL, with libpq's `sslmode` names.
public struct PostgresURL: Sendable, Hashable {
  /// libpq's modes. `require` encrypts without checking the certificate (as libpq does when no root
  /// certificate is configured); `verify-ca` checks the chain; `verify-full` also checks the host name.
  public enum SSLMode: String, Sendable, Hashable, CaseIterable {
    case disable, allow, prefer, require
    case verifyCA = "verify-ca"
    case verifyFull = "verify-full"
  }

  public var host: String
  public var port: Int
  public var user: String
  public var password: String?
  public var database: String
  public var sslMode: SSLMode
  /// A PEM file of trusted roots for `verify-ca` / `verify-full` (libpq's `sslrootcert`).
  public var sslRootCert: String?
  public var connectTimeout: Int

  static let knownParameters: Set<String> = ["sslmode", "sslrootcert", "connect_timeout", "application_name"]

  init(parsing text: String, environment: [String: String]) throws(OrgStoreError) {
    guard let components = URLComponents(string: text) else {
      throw .badLocation(shown: "postgres://…", reason: "not a valid URL")
    }
    let shownHost = components.host ?? ""
    func bad(_ reason: String) -> OrgStoreError {
      .badLocation(shown: "postgres://\(shownHost)\(components.path)", reason: reason)
    }
    guard let host = components.host, !host.isEmpty else { throw bad("the URL names no host") }
    self.host = host
    port = components.port ?? Int(environment["PGPORT"] ?? "") ?? 5432
    user =
      components.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? environment["USER"]
      ?? "postgres"
    password = components.password ?? environment["PGPASSWORD"]
    let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
    database = path.isEmpty ? (environment["PGDATABASE"] ?? user) : path
    var mode = SSLMode(rawValue: environment["PGSSLMODE"] ?? "prefer") ?? .prefer
    var rootCert: String?
    var timeout = 10
    for item in components.queryItems ?? [] {
      guard Self.knownParameters.contains(item.name) else {
        throw bad(
          "unknown parameter '\(item.name)' (known: \(Self.knownParameters.sorted().joined(separator: ", ")))"
        )
      }
      let value = item.value ?? ""
      switch item.name {
      case "sslmode":
        guard let parsed = SSLMode(rawValue: value) else {
          throw bad(
            "sslmode '\(value)': expected \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        mode = parsed
      case "sslrootcert": rootCert = value
      case "connect_timeout":
        guard let seconds = Int(value), seconds > 0 else {
          throw bad("connect_timeout '\(value)': expected seconds")
        }
        timeout = seconds
      default: break
      }
    }
    sslMode = mode
    sslRootCert = rootCert
    connectTimeout = timeout
  }

  /// The URL without its password.
  public var redacted: String {
    let shownHost = host.contains(":") ? "[\(host)]" : host
    return "postgres://\(user)@\(shownHost):\(port)/\(database)"
  }
}
