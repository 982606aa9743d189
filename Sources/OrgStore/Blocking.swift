import Dispatch
import Foundation
import PostgresNIO

/// Runs async client code to completion from synchronous callers (the command line and its worker
/// threads). Never call it from inside a Swift concurrency task: it blocks the calling thread.
enum Blocking {
  private final class Box<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Result<T, any Error>?

    /// Keeps the first result only.
    func offer(_ result: Result<T, any Error>) -> Bool {
      lock.lock()
      defer { lock.unlock() }
      guard stored == nil else { return false }
      stored = result
      return true
    }

    var result: Result<T, any Error>? {
      lock.lock()
      defer { lock.unlock() }
      return stored
    }
  }

  /// Runs `body`; when `closed` completes first (the connection went away) and `body` has not finished
  /// a moment later, gives up with `lost` instead of waiting on a request that can no longer answer.
  static func run<T>(
    abandonWhen closed: EventLoopFuture<Void>? = nil, lost: (@Sendable () -> any Error)? = nil,
    _ body: @escaping @Sendable () async throws -> T
  ) throws -> T {
    let box = Box<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
      let result: Result<T, any Error>
      do {
        result = .success(try await body())
      } catch {
        result = .failure(error)
      }
      if box.offer(result) { done.signal() }
    }
    if let closed, let lost {
      closed.whenComplete { _ in
        // Grace for the request's own error, which names the cause better.
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) {
          if box.offer(.failure(lost())) { done.signal() }
        }
      }
    }
    done.wait()
    return try box.result!.get()
  }
}
