import GitHistory
import Ledger
import OutcomeModel
import TestSupport
import XCTest

/// Copy-pasted lines from a real repository: the miner's hunks of every mainline change into the ledger.
final class CopiedLinesTests: XCTestCase {
  func testCopiedLinesOfEachMainlineChange() throws {
    let repo = try FixtureRepo()
    try buildPastes(in: repo)
    let (_, commits) = try mine(repo)
    let ledger = LineLedger(configuration: LedgerConfiguration(paths: .standard, copies: true))
    for commit in commits { ledger.apply(commit, facts: CommitFacts(person: 0, isAI: false)) }
    XCTAssertEqual(commits.filter { $0.mainlineIndex != nil }.count, 5)
    XCTAssertEqual(ledger.changes.map(\.linesCopied), [0, 24, 0, 0, 7])
  }

  /// A ledger resumed from its cached snapshot at any commit counts the same copies as one that read all.
  func testResumedLedgerCountsTheSameCopies() throws {
    let repo = try FixtureRepo()
    try buildPastes(in: repo)
    let (graph, commits) = try mine(repo)
    let configuration = LedgerConfiguration(paths: .standard, undoDepth: 10, copies: true)
    let facts = CommitFacts(person: 0, isAI: false)
    let full = LineLedger(configuration: configuration)
    for commit in commits { full.apply(commit, facts: facts) }
    XCTAssertGreaterThan(full.changes[3].linesMoved, 0, "the moved block keeps its origin")
    // A cache resumes after a mainline change (branch commits' states are not kept).
    for split in 1..<commits.count where commits[split - 1].mainlineIndex != nil {
      let first = LineLedger(configuration: configuration)
      for commit in commits[..<split] { first.apply(commit, facts: facts) }
      let bytes = first.snapshot().encoded()
      let resumed = try LineLedger(
        configuration: configuration, resuming: try LineLedger.Snapshot(decoding: bytes),
        needed: graph.statesNeeded(from: split), mainlineIndex: graph.mainlineIndex(at:))
      for commit in commits[split...] { resumed.apply(commit, facts: facts) }
      XCTAssertEqual(resumed.changes.map(\.linesCopied), [0, 24, 0, 0, 7], "resumed at commit \(split)")
      XCTAssertEqual(resumed.changes, full.changes, "resumed at commit \(split)")
    }
    // A snapshot written without copies cannot resume a run that counts them.
    let plain = LineLedger(configuration: LedgerConfiguration(paths: .standard, undoDepth: 10))
    for commit in commits[..<3] { plain.apply(commit, facts: facts) }
    XCTAssertThrowsError(
      try LineLedger(
        configuration: configuration, resuming: try LineLedger.Snapshot(decoding: plain.snapshot().encoded()),
        needed: graph.statesNeeded(from: 3), mainlineIndex: graph.mainlineIndex(at:)))
  }

  /// Mainline changes whose copied lines are known by construction: 0, 24, 0, 0 and 7.
  private func buildPastes(in repo: FixtureRepo) throws {
    let function = (1...12).map { "    total += weight(\($0)) * item[\($0)];" }
    let source = ["int score(int *item) {", "    int total = 0;"] + function + ["    return total;", "}"]
    try repo.write("src/score.c", text(source))
    try repo.write("vendor/lib.c", text((1...8).map { "lib_call(\($0));" }))
    let helper = (1...9).map { "    check(flag_\($0), \($0));" }
    try repo.write("src/helper.c", text(["void helper(void) {"] + helper + ["}"]))
    try repo.commit("Add score", day: 1)

    // 0 + 1: the function body pasted twice (once reindented, with a blank line inside).
    try repo.write("src/a.c", text(["void a(void) {", "  long total = 0;"] + function + ["}"]))
    var reindented = function.map { "\t\t" + $0.trimmingCharacters(in: .whitespaces) }
    reindented.insert("", at: 6)
    try repo.write("src/b.c", text(["void b(void) {"] + reindented + ["}"]))
    try repo.commit("Paste twice", author: .bob, day: 2)

    // 2: a block of four lines is too short, and so is a vendored source that is not followed.
    try repo.write("src/c.c", text(["void c(void) {"] + function[0..<4] + ["}"]))
    try repo.write("src/d.c", text((1...8).map { "lib_call(\($0));" }))
    try repo.commit("Short paste", day: 3)

    // 3: moving a block leaves no source behind.
    try repo.write("src/helper.c", text(["void helper(void) {", "}"]))
    try repo.write("src/e.c", text(["void e(void) {"] + helper + ["}"]))
    try repo.commit("Move block", day: 4)

    // 4: a branch pastes the block into a file that exists, merged with a merge commit.
    try repo.checkoutNewBranch("topic")
    let readme = (1...6).map { "note \($0)" }
    try repo.write("src/notes.txt", text(readme))
    try repo.commit("Notes", author: .bob, day: 5)
    try repo.write("src/notes.txt", text(readme[0..<3] + function[2..<9] + readme[3...]))
    try repo.commit("Paste into notes", author: .bob, day: 6)
    try repo.checkout("main")
    try repo.merge("topic", day: 7)
  }

  private func mine(_ repo: FixtureRepo) throws -> (GraphPlan, [CommitDiffs]) {
    let mined = try minePass(repo)
    return (mined.graph, mined.commits)
  }

  func testCopiesAreZeroWhenNotAskedFor() throws {
    let repo = try FixtureRepo()
    let block = (1...10).map { "step(\($0));" }
    try repo.write("a.c", text(block))
    try repo.commit("A", day: 1)
    try repo.write("b.c", text(block))
    try repo.commit("B", day: 2)
    let repository = try Repository(discovering: repo.url.path)
    let graph = GraphPlan(try repository.mainlinePlan(for: repository.mainlineBranch(named: nil)))
    var options = MiningOptions()
    options.detail = .positions
    options.mainlineHunks = true
    var copied: [[Int]] = []
    for copies in [false, true] {
      let ledger = LineLedger(configuration: LedgerConfiguration(paths: .everything, copies: copies))
      _ = try HistoryMiner(repository: repository, options: options).mine(graph) { commit in
        ledger.apply(commit, facts: CommitFacts(person: 0, isAI: false))
      }
      copied.append(ledger.changes.map(\.linesCopied))
    }
    XCTAssertEqual(copied, [[0, 0], [0, 10]])
  }

  private func text(_ lines: some Sequence<String>) -> String {
    lines.joined(separator: "\n") + "\n"
  }
}
