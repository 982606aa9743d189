import Attribution
import GitHistory
import OutcomeModel
import TestSupport
import XCTest

/// Entire CLI: the `Entire-Checkpoint:` trailer alone is strong evidence; with the checkpoint branch
/// present, the agent, model and line split come from the checkpoint.
final class EntireCheckpointTests: XCTestCase {
  /// A session `metadata.json` with the fields of Entire's committed checkpoints.
  static let session = """
    {"checkpoint_id":"3f9a0c7d12e4","session_id":"2026-05-12-0b3e8c1a","strategy":"manual-commit",
     "created_at":"2026-05-12T10:02:11Z","agent":"Claude Code","model":"claude-opus-4-6",
     "files_touched":["src/retry.swift"],
     "initial_attribution":{"calculated_at":"2026-05-12T10:02:11Z","agent_lines":30,"human_added":5,
       "human_modified":1,"human_removed":0,"total_committed":35,"agent_percentage":85.7}}
    """

  func testCheckpointBranchGivesAgentModelAndLines() throws {
    let repo = try FixtureRepo()
    try repo.write("README", "x\n")
    try repo.commit("Start", day: 500)
    try repo.checkoutOrphan("entire/checkpoints/v1")
    try repo.write("3f/9a0c7d12e4/metadata.json", "{\"checkpoint_id\":\"3f9a0c7d12e4\",\"sessions\":[]}\n")
    try repo.write("3f/9a0c7d12e4/0/metadata.json", Self.session)
    try repo.write("3f/9a0c7d12e4/0/full.jsonl", "{}\n")
    try repo.write("aa/000000000b/0/metadata.json", "not json")
    try repo.commit("Checkpoints", day: 500)
    let repository = try Repository(discovering: repo.url.path)
    let sessions = repository.entireCheckpointSessions()
    XCTAssertEqual(sessions.keys.sorted(), ["3f9a0c7d12e4", "aa000000000b"])
    XCTAssertEqual(sessions["3f9a0c7d12e4"], [Self.session])

    var attributor = Fixture.attributor
    attributor.checkpoints = sessions.compactMapValues(EntireCheckpoint.parse(sessions:))
    XCTAssertEqual(attributor.checkpoints.keys.sorted(), ["3f9a0c7d12e4"], "unreadable JSON is left out")
    let change = Fixture.change(
      Fixture.commit(message: "Add retries\n\nEntire-Checkpoint: 3f9a0c7d12e4\n", date: "2026-05-12"),
      linesAdded: 40)
    let result = attributor.attribute(change)
    XCTAssertEqual(result.cohort, .assisted)
    XCTAssertEqual(result.tools, ["claude-code", "entire"])
    XCTAssertEqual(result.models, ["claude-opus-4-6"])
    XCTAssertEqual(result.aiLinesAdded, 30)
    XCTAssertTrue(result.notesUsed)
    XCTAssertTrue(
      result.evidence.contains { $0.detail.contains("30 agent line(s), 5 human") }, "\(result.evidence)")

    // Without the branch the trailer alone still counts, for all added lines.
    let alone = Fixture.attributor.attribute(change)
    XCTAssertEqual(alone.cohort, .assisted)
    XCTAssertEqual(alone.tools, ["entire"])
    XCTAssertEqual(alone.aiLinesAdded, 40)
  }
}
