import Attribution
import Foundation
import OutcomeModel
import TestSupport
import XCTest

/// Attribution against generated commits whose markers are known: every cohort must be right.
final class GroundTruthTests: XCTestCase {
  func testPrecisionAndRecallOfCohortsOver5000GeneratedCommits() {
    var generator = AIMarkerGenerator(seed: 20_260_302)
    var truePositive = 0
    var falsePositive = 0
    var falseNegative = 0
    var wrong: [String] = []
    for (index, marked) in generator.commits(5_000).enumerated() {
      let id = CommitID(trusted: Fixture.hexID("ground truth \(index)"))
      let change = Fixture.change(
        marked.commitInfo(id: id, parents: [CommitID(trusted: Fixture.hexID("p\(index)"))]))
      let result = Fixture.attributor.attribute(change)
      let expectedAI = marked.expectedCohort.isAI
      let foundAI = result.cohort.isAI
      if expectedAI && foundAI && result.cohort == marked.expectedCohort
        && result.tools == marked.expectedTools
      {
        truePositive += 1
      } else if foundAI
        && (!expectedAI || result.cohort != marked.expectedCohort || result.tools != marked.expectedTools)
      {
        falsePositive += 1
      }
      if expectedAI
        && (!foundAI || result.cohort != marked.expectedCohort || result.tools != marked.expectedTools)
      {
        falseNegative += 1
      }
      if result.cohort != marked.expectedCohort || result.tools != marked.expectedTools, wrong.count < 5 {
        wrong.append("\(marked.scenario): \(result.cohort) \(result.tools) \(result.evidence)")
      }
    }
    let precision = Double(truePositive) / Double(max(1, truePositive + falsePositive))
    let recall = Double(truePositive) / Double(max(1, truePositive + falseNegative))
    XCTAssertGreaterThan(truePositive, 2_000)
    XCTAssertEqual(precision, 1, "\(wrong)")
    XCTAssertEqual(recall, 1, "\(wrong)")
  }

  func testEveryScenarioIsDrawn() {
    var generator = AIMarkerGenerator(seed: 7)
    let drawn = Set(generator.commits(2_000).map(\.scenario))
    XCTAssertEqual(drawn, Set(AIMarkerGenerator.scenarios))
  }

  func testGeneratorIsReproducible() {
    var first = AIMarkerGenerator(seed: 42)
    var second = AIMarkerGenerator(seed: 42)
    XCTAssertEqual(first.commits(50), second.commits(50))
  }
}
