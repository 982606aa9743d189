import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a finished process left behind.
public struct ProcessResult: Sendable, Equatable {
  /// The exit status, or the signal number when `signaled` is true.
  public let status: Int32
  /// True when the process died from an uncaught signal rather than exiting.
  public let signaled: Bool
  public let stdoutData: Data
  public let stderrData: Data

  public init(status: Int32, signaled: Bool = false, stdoutData: Data, stderrData: Data) {
    self.status = status
    self.signaled = signaled
    self.stdoutData = stdoutData
    self.stderrData = stderrData
  }

  /// Standard output decoded as UTF-8 (invalid bytes replaced), untrimmed.
  public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
  /// Standard error decoded as UTF-8 (invalid bytes replaced), untrimmed.
  public var stderr: String { String(decoding: stderrData, as: UTF8.self) }
  /// True for a normal exit with status 0.
  public var succeeded: Bool { status == 0 && !signaled }
}

/// Runs an executable directly (no shell) and waits for it, capturing both output streams.
///
/// `env: nil` inherits this process's environment; pass a dictionary for a hermetic one.
public func runProcess(
  _ executable: URL, _ args: [String], env: [String: String]? = nil, cwd: URL? = nil,
  stdin: String? = nil
) throws -> ProcessResult {
  try runProcess(executable, args, env: env, cwd: cwd, stdinData: stdin.map { Data($0.utf8) })
}

/// Like `runProcess(_:_:env:cwd:stdin:)`, with raw bytes on standard input.
public func runProcess(
  _ executable: URL, _ args: [String], env: [String: String]? = nil, cwd: URL? = nil,
  stdinData: Data?
) throws -> ProcessResult {
  _ = ignoreBrokenPipes
  let process = Process()
  process.executableURL = executable
  process.arguments = args
  if let env { process.environment = env }
  if let cwd { process.currentDirectoryURL = cwd }
  let outPipe = Pipe()
  let errPipe = Pipe()
  process.standardOutput = outPipe
  process.standardError = errPipe
  let inPipe = stdinData.map { _ in Pipe() }
  process.standardInput = inPipe ?? FileHandle.nullDevice
  // corelibs-foundation's waitUntilExit polls the run loop every 50 ms, which dominated fixture
  // build times; the termination handler fires as soon as the child is reaped.
  let exited = DispatchSemaphore(value: 0)
  process.terminationHandler = { _ in exited.signal() }

  do {
    try process.run()
  } catch {
    throw FixtureError.launchFailed(executable: executable.path, reason: "\(error)")
  }

  // Each stream gets its own reader so a child that fills one pipe while we block on another
  // cannot deadlock; the same goes for a child that writes before it has read all its input.
  let group = DispatchGroup()
  let stderrBox = DataBox()
  group.enter()
  DispatchQueue.global().async {
    stderrBox.data = errPipe.fileHandleForReading.readDataToEndOfFile()
    group.leave()
  }
  if let inPipe, let stdinData {
    group.enter()
    DispatchQueue.global().async {
      // A child may exit without reading; with SIGPIPE ignored that is an error we can drop.
      try? inPipe.fileHandleForWriting.write(contentsOf: stdinData)
      try? inPipe.fileHandleForWriting.close()
      group.leave()
    }
  }
  let stdoutData = outPipe.fileHandleForReading.readDataToEndOfFile()
  group.wait()
  exited.wait()
  // corelibs Foundation keeps a pipe's descriptors open until the Pipe is freed, which Process delays;
  // a long test run leaked thousands and later launches failed with EBADF.
  try? outPipe.fileHandleForReading.close()
  try? errPipe.fileHandleForReading.close()

  return ProcessResult(
    status: process.terminationStatus,
    signaled: process.terminationReason == .uncaughtSignal,
    stdoutData: stdoutData,
    stderrData: stderrBox.data)
}

// Writing to a child that has already exited would otherwise kill the whole test process.
private let ignoreBrokenPipes: Void = {
  _ = signal(SIGPIPE, SIG_IGN)
}()

// Handed to one reader thread and read only after `group.wait()`, which orders the accesses.
private final class DataBox: @unchecked Sendable {
  var data = Data()
}
