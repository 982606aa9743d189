import Attribution
import Foundation
import OutcomeModel
import TestSupport
import XCTest

/// Reports the per-commit cost of attribution; no timing assertion (machines differ). Mining costs about
/// 1 ms per change, so attribution must stay well under 100 µs per change to add less than 10%.
final class BenchmarkTests: XCTestCase {
  func testAttributionCostPerCommit() {
    var generator = AIMarkerGenerator(seed: 1)
    let changes = generator.commits(20_000).enumerated().map { index, marked in
      Fixture.change(
        marked.commitInfo(
          id: CommitID(trusted: Fixture.hexID("bench \(index)")),
          parents: [CommitID(trusted: Fixture.hexID("q\(index)"))]))
    }
    let attributor = Attributor(catalogue: Fixture.catalogue)
    let start = Date()
    var marked = 0
    for change in changes where attributor.attribute(change).cohort != .unmarked {
      marked += 1
    }
    let perCommit = Date().timeIntervalSince(start) / Double(changes.count) * 1e6
    print(
      String(
        format: "attribution: %.1f µs per commit over %d commits (%d marked)", perCommit, changes.count,
        marked))
    XCTAssertGreaterThan(marked, 0)
  }
}
