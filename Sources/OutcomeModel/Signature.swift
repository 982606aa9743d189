import Foundation

/// An author or committer exactly as recorded in the commit object (no mailmap applied).
public struct Signature: Hashable, Sendable, Codable {
  public var name: String
  public var email: String
  /// Seconds since the Unix epoch, as stored in the commit.
  public var time: Int64
  /// The recorded UTC offset in minutes (e.g. +0200 is 120).
  public var offsetMinutes: Int

  public init(name: String, email: String, time: Int64, offsetMinutes: Int) {
    self.name = name
    self.email = email
    self.time = time
    self.offsetMinutes = offsetMinutes
  }

  public var date: Date { Date(timeIntervalSince1970: TimeInterval(time)) }
}
