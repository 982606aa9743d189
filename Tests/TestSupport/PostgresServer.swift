import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A throwaway PostgreSQL cluster for tests: `initdb` into a temporary folder, `pg_ctl` on a free
/// loopback port, password authentication, removed by `remove()`.
///
/// Tests that need any server call `PostgresServer.shared()`: `$OUTCOMES_TEST_DATABASE_URL` (what `.ci/run`
/// exports) when set, else one cluster this process starts and removes at exit. When neither works it
/// throws a reason, so PostgreSQL tests fail saying why instead of passing silently.
public final class PostgresServer: @unchecked Sendable {
  public let folder: URL
  public let port: Int
  public let user = "outcomes"
  public let password: String
  let bin: URL

  /// `postgres://outcomes:…@127.0.0.1:PORT/DATABASE`.
  public func url(database: String = "postgres", password: String? = nil) -> String {
    "postgres://\(user):\(password ?? self.password)@127.0.0.1:\(port)/\(database)"
  }

  /// The certificate a TLS server presents (self-signed for 127.0.0.1), to pass as `sslrootcert`.
  public var certificate: String { folder.appendingPathComponent("server.crt").path }
  private(set) var tls = false

  /// Starts a new cluster. As root, the server runs as the `postgres` system user (initdb refuses root).
  /// With `tls`, it also accepts TLS with a fresh self-signed certificate for 127.0.0.1.
  public static func start(tls: Bool = false) throws -> PostgresServer {
    let bin = try binFolder()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "outcomes-pg-\(UUID().uuidString.prefix(8))", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let server = PostgresServer(
      folder: folder, port: try freePort(),
      password: UUID().uuidString.replacingOccurrences(of: "-", with: ""),
      bin: bin)
    do {
      try Data((server.password + "\n").utf8).write(to: folder.appendingPathComponent("pwfile"))
      if tls {
        server.tls = true
        let made = try runProcess(
          URL(fileURLWithPath: "/usr/bin/openssl"),
          [
            "req", "-new", "-x509", "-days", "2", "-nodes", "-newkey", "rsa:2048", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
            folder.appendingPathComponent("server.key").path,
            "-out", server.certificate,
          ])
        guard made.succeeded else { throw PostgresServerError(reason: "openssl failed: \(made.stderr)") }
        chmod(folder.appendingPathComponent("server.key").path, 0o600)
      }
      if getuid() == 0 {
        guard getpwnam("postgres") != nil else {
          throw PostgresServerError(
            reason:
              "running as root and there is no `postgres` user to run the server as (install Debian's postgresql package)"
          )
        }
        _ = try runProcess(URL(fileURLWithPath: "/bin/chown"), ["-R", "postgres", folder.path])
      }
      try server.run(
        "initdb",
        [
          "-D", server.dataPath, "-U", server.user, "--pwfile", folder.appendingPathComponent("pwfile").path,
          "-A", "scram-sha-256", "--no-sync", "-E", "UTF8", "--locale", "C",
        ])
      try server.startServer()
    } catch {
      server.remove()
      throw error
    }
    return server
  }

  init(folder: URL, port: Int, password: String, bin: URL) {
    self.folder = folder
    self.port = port
    self.password = password
    self.bin = bin
  }

  var dataPath: String { folder.appendingPathComponent("data").path }

  /// Starts (or restarts) the server on its port.
  public func startServer() throws {
    try run(
      "pg_ctl",
      [
        "-D", dataPath, "-l", folder.appendingPathComponent("server.log").path, "-w", "-t", "60",
        "-o",
        "-c listen_addresses=127.0.0.1 -p \(port) -k \(folder.path) -c fsync=off -c full_page_writes=off"
          + tlsOptions,
        "start",
      ])
  }

  private var tlsOptions: String {
    guard tls else { return "" }
    let key = folder.appendingPathComponent("server.key").path
    return " -c ssl=on -c ssl_cert_file=\(certificate) -c ssl_key_file=\(key)"
  }

  /// Stops the server at once (`-m fast`: open sessions are terminated, open transactions rolled back).
  public func stopServer() throws {
    try run("pg_ctl", ["-D", dataPath, "-w", "-m", "fast", "stop"])
  }

  /// Stops the server if it runs and deletes the folder.
  public func remove() {
    if FileManager.default.fileExists(atPath: dataPath + "/postmaster.pid") { try? stopServer() }
    try? FileManager.default.removeItem(at: folder)
  }

  /// Runs SQL through `psql` and returns its unaligned output.
  @discardableResult
  public func psql(_ sql: String, database: String = "postgres") throws -> String {
    try Self.psql(url: url(database: database), sql)
  }

  /// Runs SQL against any URL (`postgres://user:password@host:port/db`) through `psql`.
  @discardableResult
  public static func psql(url: String, _ sql: String) throws -> String {
    let result = try runProcess(
      try binFolder().appendingPathComponent("psql"),
      ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql])
    guard result.succeeded else {
      throw PostgresServerError(reason: "psql failed (\(result.status)): \(result.stderr)")
    }
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// A fresh, empty database on the shared server, and its URL.
  public static func freshDatabase(prefix: String = "t") throws -> String {
    let admin = try shared()
    let name =
      "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased())"
    try psql(url: admin, "CREATE DATABASE \(name)")
    guard var components = URLComponents(string: admin) else {
      throw PostgresServerError(reason: "OUTCOMES_TEST_DATABASE_URL is not a URL")
    }
    components.path = "/" + name
    return components.string!
  }

  /// Runs a server tool with its output in a file, not a pipe: the server that `pg_ctl start` leaves
  /// running inherits the tool's descriptors, and a pipe would then never reach end-of-file.
  private func run(_ tool: String, _ args: [String]) throws {
    let executable = bin.appendingPathComponent(tool)
    let output = folder.appendingPathComponent("\(tool).out")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    let handle = try FileHandle(forWritingTo: output)
    defer { try? handle.close() }
    let process = Process()
    // Foundation watches its child through an inherited descriptor; the server must not keep it open,
    // or the tool's exit is never noticed. bash (dash cannot name descriptors above 9) closes every one above 2 first.
    let closeAndRun =
      #"for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done; exec "$@""#
    let command =
      (getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []) + [executable.path] + args
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", closeAndRun, "bash"] + command
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = handle
    process.standardError = handle
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    exited.wait()
    guard process.terminationStatus == 0 else {
      let said = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
      let log = (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
      throw PostgresServerError(
        reason: "\(tool) failed (\(process.terminationStatus)): \(said) \(log.suffix(600))")
    }
  }

  // MARK: - The shared server

  private static let sharedLock = NSLock()
  nonisolated(unsafe) private static var sharedResult: Result<String, PostgresServerError>?
  nonisolated(unsafe) private static var sharedServer: PostgresServer?

  /// The admin URL of the server every PostgreSQL test uses.
  public static func shared() throws -> String {
    sharedLock.lock()
    defer { sharedLock.unlock() }
    if let sharedResult { return try sharedResult.get() }
    if let url = ProcessInfo.processInfo.environment["OUTCOMES_TEST_DATABASE_URL"], !url.isEmpty {
      do {
        _ = try psql(url: url, "SELECT 1")
        sharedResult = .success(url)
      } catch {
        sharedResult = .failure(
          PostgresServerError(
            reason: "OUTCOMES_TEST_DATABASE_URL is set but the server does not answer: \(error)"))
      }
      return try sharedResult!.get()
    }
    do {
      let server = try start()
      sharedServer = server
      atexit { PostgresServer.sharedServer?.remove() }
      sharedResult = .success(server.url())
    } catch {
      sharedResult = .failure(
        PostgresServerError(
          reason:
            "no PostgreSQL server for the tests: OUTCOMES_TEST_DATABASE_URL is unset and starting a local cluster failed (\(error)); run .ci/run, or install Debian's postgresql package"
        ))
    }
    return try sharedResult!.get()
  }

  /// Debian keeps each major version's tools in /usr/lib/postgresql/N/bin; otherwise initdb on PATH.
  static func binFolder() throws -> URL {
    let environment = ProcessInfo.processInfo.environment
    if let given = environment["OUTCOMES_TEST_PG_BIN"], !given.isEmpty { return URL(fileURLWithPath: given) }
    let root = "/usr/lib/postgresql"
    let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init)
      .sorted()
    for version in versions.reversed() {
      let folder = URL(fileURLWithPath: "\(root)/\(version)/bin")
      if FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("initdb").path) {
        return folder
      }
    }
    for path in (environment["PATH"] ?? "").split(separator: ":") {
      let folder = URL(fileURLWithPath: String(path))
      if FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("initdb").path) {
        return folder
      }
    }
    throw PostgresServerError(reason: "initdb not found in /usr/lib/postgresql/*/bin or on PATH")
  }

  /// A loopback port nothing listens on right now (the kernel's pick for port 0).
  public static func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw PostgresServerError(reason: "socket() failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
      }
    }
    guard bound else { throw PostgresServerError(reason: "no free loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}

/// Why no PostgreSQL server is available to a test.
public struct PostgresServerError: Error, CustomStringConvertible, Sendable {
  public var reason: String
  public var description: String { reason }
}
