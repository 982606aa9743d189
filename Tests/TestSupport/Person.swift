import OutcomeModel

/// A fixture identity used as author, committer or tagger.
public struct Person: Sendable, Hashable {
  public var name: String
  public var email: String

  public init(name: String, email: String) {
    self.name = name
    self.email = email
  }

  public static let alice = Person(name: "Alice Archer", email: "alice@example.com")
  public static let bob = Person(name: "Bob Baker", email: "bob@example.org")
  public static let carol = Person(name: "Carol Chen", email: "carol@example.net")
  public static let dave = Person(name: "Dave Dunn", email: "dave@users.noreply.example.com")

  /// The four stock people, in a fixed order so seeded choices stay reproducible.
  public static let all: [Person] = [.alice, .bob, .carol, .dave]

  /// The signature git records for this person at a frozen fixture date.
  public func signature(day: Int, seconds: Int = 0, offset: String = "+0000") throws -> Signature {
    let date = try FixtureDate(day: day, seconds: seconds, offset: offset)
    return Signature(name: name, email: email, time: date.epoch, offsetMinutes: date.offsetMinutes)
  }
}
