import XCTest

@testable import Report

final class StatisticsTests: XCTestCase {
  /// Newcombe (1998), Statistics in Medicine 17:857, Table I, method 3 (Wilson score).
  func testWilsonMatchesPublishedValues() throws {
    let cases: [(Int, Int, Double, Double)] = [
      (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718),
    ]
    for (s, n, low, high) in cases {
      let e = try XCTUnwrap(Wilson.interval(successes: s, trials: n))
      XCTAssertEqual(e.low!, low, accuracy: 0.00005, "\(s)/\(n)")
      XCTAssertEqual(e.high!, high, accuracy: 0.00005, "\(s)/\(n)")
      XCTAssertEqual(e.value, Double(s) / Double(n), accuracy: 1e-12)
    }
    XCTAssertNil(Wilson.interval(successes: 0, trials: 0))
  }

  /// Newcombe (1998), Statistics in Medicine 17:873, Table II, method 10: 56/70 − 48/80.
  func testNewcombeDifferenceMatchesPublishedValue() throws {
    let d = try XCTUnwrap(Wilson.difference((56, 70), (48, 80)))
    XCTAssertEqual(d.value, 0.2, accuracy: 1e-12)
    XCTAssertEqual(d.low!, 0.0524, accuracy: 0.00005)
    XCTAssertEqual(d.high!, 0.3339, accuracy: 0.00005)
    XCTAssertFalse(d.spansZero)
    let same = try XCTUnwrap(Wilson.difference((10, 50), (10, 50)))
    XCTAssertTrue(same.spansZero)
  }

  func testQuantileIsType7() {
    XCTAssertEqual(Quantile.sorted([1, 2, 3, 4], 0.5), 2.5)
    XCTAssertEqual(Quantile.sorted([1, 2, 3, 4], 0.75), 3.25)
    XCTAssertEqual(Quantile.sorted([7], 0.75), 7)
    XCTAssertNil(Quantile.sorted([], 0.5))
  }

  /// Hand-computed: 10 lines; 2 die on day 5; 3 censored on day 8; 1 dies on day 10 (5 at risk);
  /// a death and a censoring on the same day count the death first.
  func testKaplanMeierWithCensoring() {
    let data = [
      KaplanMeier.Lines(owned: 4, deaths: [(5, 2)], observedDays: 30),
      KaplanMeier.Lines(owned: 3, deaths: [], observedDays: 8),
      KaplanMeier.Lines(owned: 3, deaths: [(10, 1)], observedDays: 10),
    ]
    let curve = KaplanMeier.curve(data, horizon: 40)
    XCTAssertEqual(curve.survival[4], 1)
    XCTAssertEqual(curve.survival[5], 0.8, accuracy: 1e-12)
    XCTAssertEqual(curve.survival[9], 0.8, accuracy: 1e-12)
    // At day 10: 10 − 2 − 3 = 5 at risk, 1 dies → 0.8 × 4/5.
    XCTAssertEqual(curve.atRisk[10], 5)
    XCTAssertEqual(curve.survival[10], 0.64, accuracy: 1e-12)
    // The 2 lines censored on day 10 and the 2 on day 30 leave nobody at risk after 30; S stays.
    XCTAssertEqual(curve.survival[40], 0.64, accuracy: 1e-12)
    // Naive "alive ÷ owned" would say 7/10 and treat censored lines as survivors.
    XCTAssertNotEqual(curve.survival[40], 0.7)
  }

  func testKaplanMeierBootstrapIsSeededAndBracketsTheEstimate() {
    let data = (0..<40).map { i in
      KaplanMeier.Lines(owned: 10, deaths: i % 3 == 0 ? [(i % 20, 4)] : [], observedDays: 30 + i)
    }
    let a = KaplanMeier.bootstrap(data, horizon: 30, resamples: 300, seed: 1)
    let b = KaplanMeier.bootstrap(data, horizon: 30, resamples: 300, seed: 1)
    let c = KaplanMeier.bootstrap(data, horizon: 30, resamples: 300, seed: 2)
    XCTAssertEqual(a, b)
    XCTAssertNotEqual(a, c)
    let point = KaplanMeier.curve(data, horizon: 30).survival[30]
    let band = a.map { $0[30] }.sorted()
    XCTAssertLessThan(Quantile.sorted(band, 0.025)!, point)
    XCTAssertGreaterThan(Quantile.sorted(band, 0.975)!, point)
  }

  /// The O(n) counting resampler must agree with sorting each resample, draw for draw.
  func testBootstrapMedianMatchesSortingReferenceWithFixedSeed() throws {
    let values: [Double] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4]
    let bootstrap = Bootstrap(resamples: 500, seed: 99)
    for q in [0.5, 0.75] {
      let fast = try XCTUnwrap(bootstrap.quantile(values, q, label: "x"))
      var rng = SplitMix64(seed: SplitMix64.seed(99, "x"))
      let sorted = values.sorted()
      let reference = (0..<500).map { _ in
        Quantile.sorted((0..<values.count).map { _ in values[rng.index(below: values.count)] }.sorted(), q)!
      }
      XCTAssertEqual(fast.replicates, reference)
      XCTAssertEqual(fast.value, Quantile.sorted(sorted, q))
    }
    // Fixed seed, fixed answer: these numbers must not move between runs or platforms.
    let median = try XCTUnwrap(bootstrap.quantile(values, 0.5, label: "x")).estimate
    XCTAssertEqual(median.value, 4.5)
    let again = try XCTUnwrap(Bootstrap(resamples: 500, seed: 99).quantile(values, 0.5, label: "x")).estimate
    XCTAssertEqual(median, again)
    XCTAssertLessThanOrEqual(median.low!, 4.5)
    XCTAssertGreaterThanOrEqual(median.high!, 4.5)
    let constant = try XCTUnwrap(bootstrap.quantile([2, 2, 2, 2], 0.5, label: "c")).estimate
    XCTAssertEqual(constant, Estimate(value: 2, low: 2, high: 2))
  }

  func testRatioBootstrapAndDifference() throws {
    let b = Bootstrap(resamples: 1000, seed: 5)
    let same = (0..<50).map { _ in (numerator: 1.0, denominator: 10.0) }
    let r = try XCTUnwrap(b.ratio(same, label: "a"))
    XCTAssertEqual(r.estimate, Estimate(value: 0.1, low: 0.1, high: 0.1))
    XCTAssertNil(b.ratio([(numerator: 1, denominator: 0)], label: "z"))
    let mixed = (0..<50).map { i in (numerator: Double(i % 4), denominator: 10.0) }
    let m = try XCTUnwrap(b.ratio(mixed, label: "m"))
    let other = try XCTUnwrap(b.ratio(mixed, label: "n"))
    XCTAssertTrue(m.minus(other).spansZero)
    XCTAssertFalse(m.minus(r).spansZero)
  }
}
