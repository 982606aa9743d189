import Foundation

/// Buffered output to stdout or to a file that appears only when complete (temp file, then rename).
///
/// An interrupted run leaves either the previous file or none, never a half-written one.
public final class OutputSink {
  private let handle: FileHandle
  private let temporary: URL?
  private let destination: URL?
  private var buffer = Data()
  private var finished = false

  /// Writes to `path`, or stdout when nil or `-`.
  public init(path: String?) throws {
    guard let path, path != "-" else {
      handle = FileHandle.standardOutput
      temporary = nil
      destination = nil
      return
    }
    // A device or pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written in place: renaming a file over it
    // would replace the device itself.
    var status = stat()
    if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG, status.st_mode & S_IFMT != S_IFDIR {
      guard let file = FileHandle(forWritingAtPath: path) else {
        throw PipelineError.cannotWrite(path: path, reason: "cannot open for writing")
      }
      handle = file
      temporary = nil
      destination = nil
      return
    }
    let target = URL(fileURLWithPath: path)
    let folder = target.deletingLastPathComponent()
    let scratch = folder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp")
    guard FileManager.default.createFile(atPath: scratch.path, contents: nil),
      let file = try? FileHandle(forWritingTo: scratch)
    else {
      throw PipelineError.cannotWrite(path: path, reason: "cannot create a file in \(folder.path)")
    }
    handle = file
    temporary = scratch
    destination = target
  }

  deinit {
    if !finished, let temporary {
      try? handle.close()
      try? FileManager.default.removeItem(at: temporary)
    }
  }

  public func write(_ text: String) throws {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { try flush() }
  }

  public func write(_ data: Data) throws {
    buffer.append(data)
    if buffer.count >= 1 << 16 { try flush() }
  }

  private func flush() throws {
    guard !buffer.isEmpty else { return }
    do {
      try handle.write(contentsOf: buffer)
    } catch {
      throw PipelineError.cannotWrite(path: destination?.path ?? "stdout", reason: error.localizedDescription)
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes and, for a file, moves it into place.
  public func finish() throws {
    try flush()
    finished = true
    guard let temporary, let destination else { return }
    try handle.synchronize()
    try handle.close()
    if rename(temporary.path, destination.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw PipelineError.cannotWrite(path: destination.path, reason: reason)
    }
  }
}
