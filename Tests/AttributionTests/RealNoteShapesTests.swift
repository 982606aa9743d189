import Attribution
import GitHistory
import OutcomeModel
import TestSupport
import XCTest

/// Note shapes as git-ai really writes them. Every fixture is an excerpt of a note on the public
/// repository git-ai-project/git-ai (`git notes --ref=ai show <commit>`, or the blob at
/// `refs/ai/authorship/<commit>`), cut to a few lines, with the `messages` and `messages_url` fields of
/// prompt records dropped.
final class RealNoteShapesTests: XCTestCase {
  /// On 00309900d7: 7-hex prompt keys and the `human` key (the shape the issue found rejected).
  static let shortKeys = """
    docs/reference.mdx
      e61c0a4 43-48,52,57
    tests/stats.rs
      e61c0a4 67,131-148,150,152-193,195,197-207
      human 68,151,196
    ---
    {
      "schema_version": "authorship/3.0.0",
      "git_ai_version": "development:1.0.22",
      "base_commit_sha": "00309900d71f8da788cde3006b058627ec0841a7",
      "prompts": {
        "e61c0a4": {
          "agent_id": {"tool": "cursor", "id": "d13537e7-a8cd-49ba-82f3-3b4c2eeb0f71", "model": "gpt-5.1"},
          "human_author": "Sasha Varlamov <sasha@sashavarlamov.com>"
        }
      }
    }
    """

  /// On 09088697791a: UUID prompt keys.
  static let uuidKeys = """
    src/authorship/rebase_authorship.rs
      638f41ac-1dd9-49eb-b090-a4abfe235a97 314,321-322,326
      9cd72fd0-7cb9-4641-9c6e-289b1dbf2325 84
    ---
    {"schema_version": "authorship/3.0.0", "base_commit_sha": "09088697791a2c634764da49cbdfcde9c1b4d854",
     "prompts": {
      "638f41ac-1dd9-49eb-b090-a4abfe235a97": {"agent_id": {"tool": "cursor", "id": "638f41ac-1dd9-49eb-b090-a4abfe235a97", "model": "gpt-5-codex"}, "human_author": "Aidan Cunniffe <acunniffe@gmail.com>", "total_additions": 6317, "total_deletions": 31, "accepted_lines": 4, "overriden_lines": 15},
      "9cd72fd0-7cb9-4641-9c6e-289b1dbf2325": {"agent_id": {"tool": "cursor", "id": "9cd72fd0-7cb9-4641-9c6e-289b1dbf2325", "model": "gpt-5-codex"}, "human_author": "Aidan Cunniffe <acunniffe@gmail.com>"}}}
    """

  /// On 02be748fc4: a session key beside `ai_agent`, a key no metadata record resolves.
  static let sessionAndUnresolved = """
    agent-support/vscode/package-lock.json
      ai_agent 3,9
    agent-support/vscode/package.json
      s_be3d6789a4739f::t_a1f7a658162ab1 5
    ---
    {"schema_version": "authorship/3.0.0", "git_ai_version": "development:1.5.1", "base_commit_sha": "02be748fc4aa5daad5b7a292574ebb2384a8dcd6", "prompts": {}, "sessions": {"s_be3d6789a4739f": {"agent_id": {"tool": "claude", "id": "518eacf9-30f9-4849-b452-42cf98d706e5", "model": "claude-opus-4-6"}, "human_author": "Sasha Varlamov <sasha@sashavarlamov.com>"}}}
    """

  /// On 017e8e2844: a known person's lines only.
  static let humanOnly = """
    src/commands/activity.rs
      h_5e32efc4aad69a 39
    ---
    {"schema_version": "authorship/3.0.0", "git_ai_version": "development:1.5.1", "base_commit_sha": "017e8e28444c7c9635463f948c0f7cd9cd7f441a", "prompts": {}, "humans": {"h_5e32efc4aad69a": {"author": "Lincoln de Sousa <lincoln@clarete.li>"}}}
    """

  /// At refs/ai/authorship/19dc0daafa: metadata only.
  static let metadataOnly = """
    ---
    {
      "schema_version": "authorship/3.0.0",
      "base_commit_sha": "990f3668a013b124f96f8d1a0b0df323482495e7",
      "prompts": {}
    }
    """

  /// At refs/ai/authorship/03c0927509 (one file), with the authors of a second blob's file: the old
  /// JSON layout, a person beside tools named by display name, single lines and `[from, to]` pairs.
  static let oldJSON = """
    {"files":{".github/workflows/pr-comment.yml":{"file":".github/workflows/pr-comment.yml","authors":[{"author":"Claude","lines":[22],"agent_metadata":null}]},
     ".github/workflows/release.yml":{"file":".github/workflows/release.yml","authors":[{"author":"Aidan Cunniffe","lines":[39,[8,34]],"agent_metadata":null},{"author":"o3","lines":[[40,41]],"agent_metadata":null}]}},
     "schema_version":"authorship/0.0.1"}
    """

  func testShortPromptKeysAndHumanKey() throws {
    let lines = try GitAINote.parse(Self.shortKeys).attribution
    XCTAssertEqual(lines.aiLines(in: "docs/reference.mdx"), [43...48, 52...52, 57...57])
    XCTAssertEqual(lines.aiLinesByTool, ["cursor": 8 + 1 + 18 + 1 + 42 + 1 + 11])
    XCTAssertEqual(lines.aiModels, ["gpt-5.1"])
    XCTAssertEqual(
      lines.files["tests/stats.rs"]?.filter { $0.contributor == .human(nil) }.map(\.lines),
      [68...68, 151...151, 196...196])
    XCTAssertFalse(lines.aiLines(in: "tests/stats.rs").contains { $0.contains(68) })
  }

  func testUUIDPromptKeys() throws {
    let lines = try GitAINote.parse(Self.uuidKeys).attribution
    XCTAssertEqual(lines.aiLinesByTool, ["cursor": 5])
    XCTAssertEqual(lines.aiModels, ["gpt-5-codex"])
  }

  func testSessionKeysAndUnresolvedKeysStayAI() throws {
    let lines = try GitAINote.parse(Self.sessionAndUnresolved).attribution
    XCTAssertEqual(lines.aiLinesByTool, ["claude": 1, "unnamed": 2])
    XCTAssertEqual(lines.aiLineCount, 3)
    func file(_ path: String, _ newStart: Int, _ count: Int) -> FileDiff {
      FileDiff(
        oldPath: path, newPath: path, kind: .modified, linesAdded: count,
        hunks: [Hunk(oldStart: newStart, oldCount: 0, newStart: newStart, newCount: count)])
    }
    let change = Fixture.change(
      Fixture.commit(message: "Bump the extension\n"),
      files: [
        file("agent-support/vscode/package-lock.json", 1, 10),
        file("agent-support/vscode/package.json", 5, 1),
      ])
    let result = Fixture.attributor.attribute(change, notes: [change.id: lines])
    XCTAssertEqual(result.aiLinesAdded, 3)
    XCTAssertEqual(result.tools, ["claude-code", "unnamed"])
    XCTAssertEqual(result.cohort, .assisted)
  }

  func testHumanOnlyAndMetadataOnlyNotesAttributeNoAILines() throws {
    let human = try GitAINote.parse(Self.humanOnly).attribution
    XCTAssertEqual(human.aiLineCount, 0)
    XCTAssertEqual(
      human.files["src/commands/activity.rs"],
      [
        AttributedRange(lines: 39...39, contributor: .human("Lincoln de Sousa <lincoln@clarete.li>"))
      ])
    XCTAssertTrue(try GitAINote.parse(Self.metadataOnly).attribution.isEmpty)
  }

  func testOldAuthorshipJSON() throws {
    let lines = try GitAINote.parseAuthorshipBlob(Self.oldJSON, isTool: Fixture.attributor.isToolName)
    XCTAssertEqual(lines.source, "git-ai authorship/0.0.1")
    XCTAssertEqual(lines.aiLines(in: ".github/workflows/pr-comment.yml"), [22...22])
    XCTAssertEqual(lines.aiLines(in: ".github/workflows/release.yml"), [40...41])
    XCTAssertEqual(lines.aiLinesByTool, ["Claude": 1, "unnamed": 2])
    XCTAssertEqual(
      lines.files[".github/workflows/release.yml"]?.first?.contributor, .human("Aidan Cunniffe"))
    // A blob in the note layout reads as a note.
    XCTAssertEqual(
      try GitAINote.parseAuthorshipBlob(Self.shortKeys, isTool: { _ in false }).aiLineCount, 82)
    XCTAssertThrowsError(
      try GitAINote.parseAuthorshipBlob(
        "{\"files\":{\"a\":{\"authors\":[{\"author\":\"Claude\",\"lines\":[0]}]}}}", isTool: { _ in true })
    ) {
      XCTAssertEqual(String(describing: $0), "files.a: bad line entry 0")
    }
  }

  func testSummaryCountsEveryOutcome() {
    var summary = NoteSummary()
    let commit = CommitID(trusted: "0123456789abcdef0123456789abcdef01234567")
    summary.record(GitAINote.parse(Self.shortKeys, on: commit).map(\.attribution))
    summary.record(GitAINote.parse(Self.metadataOnly, on: commit).map(\.attribution))
    summary.record(GitAINote.parse("a.swift\n  x 0\n---\n{}", on: commit).map(\.attribution))
    XCTAssertEqual(summary.read, 2)
    XCTAssertEqual(summary.withLines, 1)
    XCTAssertEqual(summary.metadataOnly, 1)
    XCTAssertEqual(
      summary.line,
      "git-ai notes: 2 read (1 with lines, 1 metadata only), 1 skipped; ignoring the git-ai note on 0123456789: line 2: bad line range '0'"
    )
    XCTAssertNil(NoteSummary().line)
  }

  /// Remote copies under refs/notes/ai-remote/* and the refs/ai/authorship/<sha> blobs are found.
  func testReadsRemoteNotesAndAuthorshipRefs() throws {
    let repo = try FixtureRepo()
    try repo.write("a.txt", "a\n")
    let first = try repo.commit("one", day: 400)
    try repo.write("b.txt", "b\n")
    let second = try repo.commit("two", day: 401)
    try repo.addNote(Self.humanOnly, to: first, ref: "refs/notes/ai-remote/origin")
    let blob = try repo.git(["hash-object", "-w", "--stdin"], stdin: Self.oldJSON)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    try repo.git(["update-ref", "refs/ai/authorship/\(second)", blob])
    try repo.git(["update-ref", "refs/ai/authorship/not-a-sha", blob])
    let repository = try Repository(discovering: repo.url.path)
    XCTAssertEqual(repository.remoteAINoteReferences(), ["refs/notes/ai-remote/origin"])
    XCTAssertEqual(
      try repository.notes(ref: "refs/notes/ai-remote/origin")[CommitID(hex: first)!], Self.humanOnly + "\n")
    XCTAssertEqual(repository.authorshipBlobs(), [CommitID(hex: second)!: Self.oldJSON])
  }
}
