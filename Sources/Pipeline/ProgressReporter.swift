import Foundation
import OutcomeModel

/// The one self-overwriting progress line on stderr: for the pass, changes done, rate, ETA and the
/// current commit; for other counts (rows published, from several threads), done of total.
///
/// Only drawn when stderr is a terminal, so logs and CI output stay clean.
public final class ProgressReporter: @unchecked Sendable {
  private let label: String
  private let lock = NSLock()
  private var total = 0
  private var done = 0
  private var started = Date()
  private var lastDraw = Date.distantPast
  private var drawn = false

  /// Nil when progress should not be shown (quiet, or stderr is not a terminal).
  public static func forTerminal(label: String, quiet: Bool) -> ProgressReporter? {
    guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
    return ProgressReporter(label: label)
  }

  init(label: String) {
    self.label = label
  }

  func start(total: Int) {
    self.total = total
    started = Date()
  }

  func advance(current: CommitID) {
    done += 1
    let now = Date()
    guard now.timeIntervalSince(lastDraw) >= 0.2 || done == total else { return }
    lastDraw = now
    let elapsed = max(now.timeIntervalSince(started), 0.001)
    let rate = Double(done) / elapsed
    let remaining = rate > 0 ? Double(total - done) / rate : 0
    let line =
      "\(label) \(done)/\(total) changes · \(Int(rate))/s · ETA \(Self.duration(remaining)) · \(current.short)"
    StandardError.progress(line)
    drawn = true
  }

  /// `label: done/total unit`; safe to call from several threads.
  public func update(done: Int, total: Int, unit: String) {
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    guard now.timeIntervalSince(lastDraw) >= 0.2 || done == total else { return }
    lastDraw = now
    StandardError.progress("\(label): \(done)/\(total) \(unit)")
    drawn = true
  }

  public func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drawn { StandardError.progress(nil) }
  }

  static func duration(_ seconds: Double) -> String {
    let whole = Int(seconds.rounded())
    return whole >= 3600
      ? "\(whole / 3600)h\(String(format: "%02d", whole % 3600 / 60))m"
      : "\(whole / 60):\(String(format: "%02d", whole % 60))"
  }
}
