import Foundation

/// Hands results from worker threads to one consumer in index order, with bounded look-ahead.
///
/// Workers claim blocks of indices in increasing order and produce each block in order, so the index the
/// consumer waits for is always owned by a worker that is not blocked on the window (blocks are no
/// larger than the window): the hand-off cannot deadlock.
final class OrderedHandoff<Value: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var slots: [Int: Result<Value, any Error>] = [:]
  private var nextToTake = 0
  private var cancelled = false
  private var nextToClaim = 0
  private let window: Int

  init(window: Int) {
    self.window = max(1, window)
  }

  /// The first index of the next unclaimed block of `size` below `count`; nil when none is left or the
  /// run is cancelled.
  func claim(_ size: Int, of count: Int) -> Int? {
    condition.lock()
    defer { condition.unlock() }
    guard !cancelled, nextToClaim < count else { return nil }
    defer { nextToClaim += size }
    return nextToClaim
  }

  /// Blocks while `index` is too far ahead. Returns false once the run is cancelled.
  func put(_ index: Int, _ result: Result<Value, any Error>) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while index >= nextToTake + window && !cancelled {
      condition.wait()
    }
    guard !cancelled else { return false }
    slots[index] = result
    condition.broadcast()
    return true
  }

  /// Waits for the next index in order.
  func take() -> Result<Value, any Error> {
    condition.lock()
    defer { condition.unlock() }
    while slots[nextToTake] == nil {
      condition.wait()
    }
    let result = slots.removeValue(forKey: nextToTake)!
    nextToTake += 1
    condition.broadcast()
    return result
  }

  var isCancelled: Bool {
    condition.lock()
    defer { condition.unlock() }
    return cancelled
  }

  func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }
}

/// Counts finished threads so the caller can wait for all of them before returning.
final class ThreadLatch: @unchecked Sendable {
  private let condition = NSCondition()
  private var remaining: Int

  init(count: Int) {
    remaining = count
  }

  func done() {
    condition.lock()
    remaining -= 1
    condition.broadcast()
    condition.unlock()
  }

  func wait() {
    condition.lock()
    while remaining > 0 { condition.wait() }
    condition.unlock()
  }
}
