/// A SplitMix64 generator: tiny, fast, and the same sequence on every platform for a given seed.
///
/// Property tests and random histories use it instead of `SystemRandomNumberGenerator` so a failing
/// seed can be replayed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) {
    state = seed
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// True with probability `p`.
  public mutating func chance(_ p: Double) -> Bool {
    Double(next() >> 11) / Double(1 << 53) < p
  }

  /// A uniform integer in `range`, independent of the standard library's sampling algorithm.
  public mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }

  /// A uniformly chosen element.
  public mutating func pick<T>(_ elements: [T]) -> T {
    elements[int(in: 0...(elements.count - 1))]
  }
}
