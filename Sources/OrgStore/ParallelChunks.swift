import Dispatch
import Foundation

/// Maps a collection in chunks on every core, keeping order. JSON coding of tens of thousands of rows
/// is most of a publish's client time, and each chunk gets its own coder.
public enum ParallelChunks {
  public static let chunkSize = 512

  /// `transform(chunkIndices)` for each chunk of `0..<count`, results concatenated in order. The first
  /// error by position wins, so failures are reported the same way on every run.
  public static func map<T: Sendable>(count: Int, _ transform: @Sendable (Range<Int>) throws -> [T]) throws
    -> [T]
  {
    let chunks = (count + chunkSize - 1) / chunkSize
    guard chunks > 1 else { return try transform(0..<count) }
    let slots = Slots<Result<[T], any Error>>(count: chunks)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      let range = (chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize)
      slots.set(chunk, Result { try transform(range) })
    }
    var result: [T] = []
    result.reserveCapacity(count)
    for slot in slots.values { result.append(contentsOf: try slot.get()) }
    return result
  }

  private final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value?]

    init(count: Int) { stored = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
      lock.lock()
      stored[index] = value
      lock.unlock()
    }

    var values: [Value] {
      lock.lock()
      defer { lock.unlock() }
      return stored.map { $0! }
    }
  }
}
