import TestSupport
import XCTest

@testable import Ledger

/// Chunked line runs against the obvious model: one array element per line.
final class FileLinesTests: XCTestCase {
  /// One element per line: what `FileLines` must always equal when expanded.
  private func expand(_ lines: FileLines) -> [LineRun] {
    lines.runs.flatMap { run in
      repeatElement(
        LineRun(origin: run.origin, landing: run.landing, count: 1, ai: run.ai), count: Int(run.count))
    }
  }

  private func randomRuns(_ random: inout SeededRandom, lines: Int) -> [LineRun] {
    var runs: [LineRun] = []
    var left = lines
    while left > 0 {
      let count = min(left, random.int(in: 1...6))
      // Few distinct kinds, so neighbours often share one and must merge.
      runs.append(
        LineRun(
          origin: UInt32(random.int(in: 0...3)), landing: UInt32(random.int(in: 0...1)), count: UInt32(count),
          ai: random.chance(0.3)))
      left -= count
    }
    return runs
  }

  func testRandomEditsMatchALineArray() {
    for seed in UInt64(1)...40 {
      var random = SeededRandom(seed: seed)
      var model = randomRuns(&random, lines: random.int(in: 0...400)).flatMap { run in
        repeatElement(
          LineRun(origin: run.origin, landing: run.landing, count: 1, ai: run.ai), count: Int(run.count))
      }
      var lines = FileLines(runs: model)
      XCTAssertEqual(expand(lines), model, "seed \(seed): initial")
      var history: [(FileLines, [LineRun])] = []
      for step in 0..<300 {
        let at = random.int(in: 0...model.count)
        let removing = random.int(in: 0...min(12, model.count - at))
        let inserted = randomRuns(&random, lines: random.chance(0.2) ? 0 : random.int(in: 0...10))
        let before = lines
        var removed: [LineRun] = []
        lines.replace(at: at, removing: removing, with: inserted) { removed.append($0) }
        let expectedRemoved = Array(model[at..<(at + removing)])
        let insertedLines = inserted.flatMap { run in
          repeatElement(
            LineRun(origin: run.origin, landing: run.landing, count: 1, ai: run.ai), count: Int(run.count))
        }
        model.replaceSubrange(at..<(at + removing), with: insertedLines)
        XCTAssertEqual(
          removed.flatMap { run in
            repeatElement(
              LineRun(origin: run.origin, landing: run.landing, count: 1, ai: run.ai), count: Int(run.count))
          }, expectedRemoved, "seed \(seed) step \(step): removed lines")
        XCTAssertEqual(expand(lines), model, "seed \(seed) step \(step): lines after the edit")
        XCTAssertEqual(lines.lineCount, model.count, "seed \(seed) step \(step): line count")
        XCTAssertTrue(lines.chunks.allSatisfy { !$0.runs.isEmpty && $0.runs.count <= FileLines.chunkLimit })
        if !model.isEmpty {
          let probe = random.int(in: 0...(model.count - 1))
          let found = lines.run(at: probe)
          XCTAssertEqual(
            found.map { LineRun(origin: $0.origin, landing: $0.landing, count: 1, ai: $0.ai) }, model[probe],
            "seed \(seed) step \(step): run at \(probe)")
        }
        XCTAssertNil(lines.run(at: model.count))
        if step % 50 == 0 { history.append((before, expand(before))) }
      }
      // Earlier states share chunks with later ones; editing the later ones never changed them.
      for (state, expected) in history {
        XCTAssertEqual(expand(state), expected, "seed \(seed): an earlier state changed")
      }
    }
  }

  func testMergedRunsAreCanonical() {
    var random = SeededRandom(seed: 7)
    let runs = randomRuns(&random, lines: 2_000)
    var lines = FileLines(runs: runs)
    var expected: [LineRun] = []
    for run in runs { expected.appendMerging(run) }
    XCTAssertEqual(lines.mergedRuns, expected)
    XCTAssertGreaterThan(lines.chunks.count, 1, "enough runs to need several chunks")
    // Cutting a run in two and putting it back gives the same canonical runs.
    let middle = lines.lineCount / 2
    var taken: [LineRun] = []
    lines.replace(at: middle, removing: 3, with: []) { taken.append($0) }
    lines.replace(at: middle, removing: 0, with: taken) { _ in XCTFail("nothing is removed") }
    XCTAssertEqual(lines.mergedRuns, expected)
  }

  func testSharedChunksSurviveAnEdit() {
    var random = SeededRandom(seed: 11)
    let original = FileLines(runs: randomRuns(&random, lines: 3_000))
    var edited = original
    edited.replace(at: 1_500, removing: 2, with: [LineRun(origin: 9, landing: 9, count: 3, ai: true)]) { _ in
    }
    let shared = edited.chunks.filter { chunk in original.chunks.contains { $0 === chunk } }
    // Only the chunk holding the edit is new.
    XCTAssertGreaterThanOrEqual(shared.count, original.chunks.count - 2)
    XCTAssertEqual(edited.lineCount, original.lineCount + 1)
  }

  func testFileTableCopiesOnlyWhatChanges() {
    let numbers = PathNumbers()
    var table = FileTable(numbers: numbers)
    for index in 0..<300 {
      table["f\(index)"] = FileLines(runs: [LineRun(origin: 1, landing: 1, count: 5, ai: false)])
    }
    var child = table
    child["f7"] = FileLines(runs: [LineRun(origin: 2, landing: 2, count: 1, ai: true)])
    child.removeValue(forKey: "f8")
    child["new"] = FileLines()
    XCTAssertEqual(table["f7"]?.lineCount, 5)
    XCTAssertEqual(table["f8"]?.lineCount, 5)
    XCTAssertNil(table["new"])
    XCTAssertEqual(child["f7"]?.lineCount, 1)
    XCTAssertNil(child["f8"])
    XCTAssertEqual(child["new"]?.lineCount, 0)
    XCTAssertEqual(table.dictionary.count, 300)
    XCTAssertEqual(child.dictionary.count, 300)
    XCTAssertNil(child["never-seen"])
  }
}
