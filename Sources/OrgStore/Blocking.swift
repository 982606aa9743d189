import Dispatch
import Foundation

/// Runs async client code to completion from synchronous callers (the command line and its worker
/// threads). Never call it from inside a Swift concurrency task: it blocks the calling thread.
enum Blocking {
  private final class Box<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
  }

  static func run<T>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = Box<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
      do {
        box.result = .success(try await body())
      } catch {
        box.result = .failure(error)
      }
      done.signal()
    }
    done.wait()
    return try box.result!.get()
  }
}
