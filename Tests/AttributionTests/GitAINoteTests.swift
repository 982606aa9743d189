import Attribution
import OutcomeModel
import XCTest

final class GitAINoteTests: XCTestCase {
  /// The example of ai-signals.md §5, verbatim apart from a real base sha.
  static let example = """
    Sources/Miner/Walker.swift
      s_4be81f09c2d713::t_0a6e5c92b7f4d1 1-38,52-60
      h_7c19e2ab40d5f3 39-51
    "docs/getting started.md"
      3f9a0c7d12e48b6a 12-14
    ---
    {"schema_version":"authorship/3.0.0","git_ai_version":"1.4.2",
     "base_commit_sha":"0123456789abcdef0123456789abcdef01234567",
     "prompts":{"3f9a0c7d12e48b6a":{"agent_id":{"tool":"claude","id":"c-812","model":"claude-sonnet-4-5"},
       "total_additions":3,"total_deletions":0,"accepted_lines":3,"overriden_lines":0}},
     "humans":{"h_7c19e2ab40d5f3":{"author":"Dana Example <dana@example.com>"}},
     "sessions":{"s_4be81f09c2d713":{"agent_id":{"tool":"codex","id":"9d2e…","model":"gpt-5"},
       "human_author":"dana@example.com"}}}
    """

  func testParsesTheSpecExample() throws {
    let note = try GitAINote.parse(Self.example)
    XCTAssertEqual(note.schemaVersion, "authorship/3.0.0")
    XCTAssertEqual(note.gitAIVersion, "1.4.2")
    XCTAssertEqual(note.baseCommit, "0123456789abcdef0123456789abcdef01234567")
    XCTAssertEqual(
      note.attestations,
      [
        GitAINote.FileAttestation(
          path: "Sources/Miner/Walker.swift",
          entries: [
            GitAINote.Entry(key: "s_4be81f09c2d713::t_0a6e5c92b7f4d1", lines: [1...38, 52...60]),
            GitAINote.Entry(key: "h_7c19e2ab40d5f3", lines: [39...51]),
          ]),
        GitAINote.FileAttestation(
          path: "docs/getting started.md",
          entries: [GitAINote.Entry(key: "3f9a0c7d12e48b6a", lines: [12...14])]),
      ])
    XCTAssertEqual(
      note.sessions["s_4be81f09c2d713"], GitAINote.Agent(tool: "codex", id: "9d2e…", model: "gpt-5"))
    XCTAssertEqual(note.prompts["3f9a0c7d12e48b6a"]?.tool, "claude")
    XCTAssertEqual(note.humans["h_7c19e2ab40d5f3"], "Dana Example <dana@example.com>")

    let lines = note.attribution
    XCTAssertEqual(lines.source, "git-ai authorship/3.0.0")
    XCTAssertEqual(lines.aiLines(in: "Sources/Miner/Walker.swift"), [1...38, 52...60])
    XCTAssertEqual(lines.aiLines(in: "docs/getting started.md"), [12...14])
    XCTAssertEqual(
      lines.files["Sources/Miner/Walker.swift"]?[2],
      AttributedRange(lines: 39...51, contributor: .human("Dana Example <dana@example.com>")))
    XCTAssertEqual(lines.aiLinesByTool, ["codex": 47, "claude": 3])
    XCTAssertEqual(lines.aiLineCount, 50)
  }

  func testNoteStartingWithSeparatorAttributesNothing() throws {
    let note = try GitAINote.parse(
      "---\n{\"schema_version\":\"authorship/3.0.0\",\"base_commit_sha\":\"\",\"prompts\":{}}\n")
    XCTAssertEqual(note.attestations, [])
    XCTAssertTrue(note.attribution.isEmpty)
  }

  func testLegacyKeysAndQuotedPathsWithEscapes() throws {
    let note = try GitAINote.parse(
      """
      "src/a \\"b\\".swift"
        00112233aabbccdd 1,3-4
        deadbeefdeadbeef 7
      ---
      {"schema_version":"authorship/3.0.0","prompts":{"00112233aabbccdd":{"agent_id":{"tool":"cursor","id":"x","model":"gpt-4.1"}}}}
      """)
    XCTAssertEqual(note.attestations.map(\.path), ["src/a \"b\".swift"])
    let lines = note.attribution
    // An unresolved key is still git-ai attesting AI lines, by a tool the note does not name.
    XCTAssertEqual(lines.aiLines(in: "src/a \"b\".swift"), [1...1, 3...4, 7...7])
    XCTAssertEqual(lines.files["src/a \"b\".swift"]?.last?.contributor, .ai(tool: "unnamed", model: nil))
  }

  func testMalformedNotesNameTheProblem() {
    let json = "{\"schema_version\":\"authorship/3.0.0\",\"prompts\":{}}"
    let cases: [(String, String)] = [
      ("a.swift\n  h_01 1-2\n", "no '---' line separating the attestation from the metadata"),
      ("a.swift\n  h_01 4-2\n---\n\(json)", "line 2: bad line range '4-2'"),
      ("a.swift\n  h_01 x\n---\n\(json)", "line 2: bad line range 'x'"),
      ("  h_01 1\n---\n\(json)", "line 1: an entry before any file path"),
      ("a.swift\n   h_01 1\n---\n\(json)", "line 2: entries are indented by exactly two spaces"),
      ("a.swift\n  zz\n---\n\(json)", "line 2: expected '<key> <ranges>', found 'zz'"),
      ("\"a.swift\n---\n\(json)", "line 1: a quoted path without its closing quote"),
      ("a.swift\n---\n{not json", "the metadata after '---' is not valid JSON"),
      ("---\n[1]", "the metadata after '---' is not a JSON object"),
      ("---\n{\"version\":1}", "the metadata has no schema_version"),
      (
        "---\n{\"schema_version\":\"whogitit/1\"}",
        "schema_version 'whogitit/1' is not a git-ai authorship note"
      ),
      ("---\n", "no JSON metadata after '---'"),
    ]
    for (text, message) in cases {
      XCTAssertThrowsError(try GitAINote.parse(text), message) { error in
        XCTAssertEqual(String(describing: error), message)
        XCTAssertFalse(String(describing: error).contains("\n"))
      }
    }
  }

  func testWarningNamesTheCommit() {
    let commit = CommitID(trusted: "0123456789abcdef0123456789abcdef01234567")
    switch GitAINote.parse("nonsense", on: commit) {
    case .success: XCTFail("parsed nonsense")
    case .failure(let warning):
      XCTAssertEqual(
        warning.description,
        "ignoring the git-ai note on 0123456789: no '---' line separating the attestation from the metadata")
    }
  }

  func testAgentTraceRecord() throws {
    let json = """
      {"version":"0.1.0","id":"3b0f6a52-8c1e-4f7a-9d2b-5e64c1a0f9d3",
       "timestamp":"2026-02-10T14:03:00Z",
       "vcs":{"type":"git","revision":"0123456789abcdef0123456789abcdef01234567"},
       "tool":{"name":"example-agent","version":"2.3.0"},
       "files":[{"path":"Sources/Miner/Blame.swift","conversations":[{
         "url":"https://agent.example.com/c/123",
         "contributor":{"type":"ai","model_id":"anthropic/claude-sonnet-4-5"},
         "ranges":[{"start_line":10,"end_line":42},
                   {"start_line":43,"end_line":44,"contributor":{"type":"human"}}],
         "related":[{"type":"issue","url":"https://tracker.example.com/ENG-42"}]}]}],
       "metadata":{}}
      """
    let record = try AgentTraceRecord.parse(Data(json.utf8))
    XCTAssertEqual(record.commit?.hex, "0123456789abcdef0123456789abcdef01234567")
    let lines = record.attribution
    XCTAssertEqual(lines.source, "agent-trace 0.1.0")
    XCTAssertEqual(
      lines.files["Sources/Miner/Blame.swift"],
      [
        AttributedRange(
          lines: 10...42, contributor: .ai(tool: "example-agent", model: "anthropic/claude-sonnet-4-5")),
        AttributedRange(lines: 43...44, contributor: .human(nil)),
      ])
    let byCommit = AgentTraceRecord.attributionsByCommit(
      try AgentTraceRecord.parseLines(json.replacingOccurrences(of: "\n", with: "") + "\n"))
    XCTAssertEqual(byCommit.values.first?.aiLineCount, 33)
  }

  func testAgentTraceErrorsNameTheLine() {
    XCTAssertThrowsError(try AgentTraceRecord.parseLines("\n{\"version\":\"0.1.0\"}\n")) { error in
      XCTAssertEqual(String(describing: error), "line 2: Agent Trace record: missing key 'id'")
    }
    XCTAssertThrowsError(try AgentTraceRecord.parseLines("{oops")) { error in
      XCTAssertEqual(String(describing: error), "line 1: not valid JSON")
    }
  }
}
