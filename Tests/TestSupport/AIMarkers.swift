import OutcomeModel

/// SplitMix64: a small, fast generator whose sequence is fixed by its seed, for reproducible markers.
public struct MarkerRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) {
    state = seed
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }
}

/// A commit that carries a known AI marker, or a known trap that must not count, with the cohort and
/// tools attribution has to find: ground truth for precision and recall.
///
/// Only commit-level marks (identities and message) are generated, so a fixture builder can write them
/// into a real repository with `git commit` and compare what the miner and attribution report.
public struct MarkedCommit: Sendable, Hashable {
  /// What the commit exercises, e.g. `claude-trailer` or `trap-human-coauthor`.
  public var scenario: String
  public var author: Signature
  public var committer: Signature
  public var message: String
  public var expectedCohort: Cohort
  /// Catalogue ids, sorted.
  public var expectedTools: [String]

  /// The commit as the miner would report it; trailers are those of the message's final paragraph.
  public func commitInfo(id: CommitID, parents: [CommitID]) -> CommitInfo {
    CommitInfo(
      id: id, parents: parents, author: author, committer: committer, message: message,
      trailers: Self.finalTrailers(of: message))
  }

  /// The `Key: value` lines of the last paragraph when every line there is one, as git reads trailers.
  public static func finalTrailers(of message: String) -> [Trailer] {
    let paragraphs = message.split(separator: "\n\n", omittingEmptySubsequences: true)
    guard let last = paragraphs.last, paragraphs.count > 1 else { return [] }
    var trailers: [Trailer] = []
    for line in last.split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":"), !line[..<colon].contains(" "), !line[..<colon].isEmpty
      else {
        return []
      }
      let value = line[line.index(after: colon)...].drop { $0 == " " }
      trailers.append(Trailer(key: String(line[..<colon]), value: String(value)))
    }
    return trailers
  }
}

/// Generates marked commits at random from a fixed seed, one scenario per commit, dated from `start`
/// onwards (after every tool's date gate) except for the scenario that tests the gate.
public struct AIMarkerGenerator: Sendable {
  private var random: MarkerRandom
  private var time: Int64
  private var counter = 0

  /// `start` defaults to 2026-01-05, after every catalogue date gate.
  public init(seed: UInt64, start: Int64 = 1_767_571_200) {
    random = MarkerRandom(seed: seed)
    time = start
  }

  /// Every scenario name, in the order `next()` draws from (plain unmarked commits are drawn more often).
  public static var scenarios: [String] { templates.map(\.name) }

  public mutating func next() -> MarkedCommit {
    counter += 1
    time += Int64.random(in: 600...7_200, using: &random)
    let template: Template
    if Int.random(in: 0..<10, using: &random) < 4 {
      template = Self.templates[0]
    } else {
      template = Self.templates[Int.random(in: 1..<Self.templates.count, using: &random)]
    }
    let human = Self.people[Int.random(in: 0..<Self.people.count, using: &random)]
    let subject = Self.subjects[Int.random(in: 0..<Self.subjects.count, using: &random)] + " (\(counter))"
    let hex = String(random.next(), radix: 16)
    let context = Context(human: human, subject: subject, hex: hex, time: time)
    return template.make(context)
  }

  public mutating func commits(_ count: Int) -> [MarkedCommit] {
    (0..<count).map { _ in next() }
  }

  // MARK: Scenarios

  fileprivate struct Context {
    let human: (name: String, email: String)
    let subject: String
    let hex: String
    let time: Int64

    func person(_ name: String? = nil, _ email: String? = nil, at time: Int64? = nil) -> Signature {
      Signature(
        name: name ?? human.name, email: email ?? human.email, time: time ?? self.time, offsetMinutes: 60)
    }

    func commit(
      _ scenario: String, _ cohort: Cohort, _ tools: [String], author: Signature? = nil,
      committer: Signature? = nil, body: String = "Keeps the walker in step with the diff.",
      trailers: [String] = []
    ) -> MarkedCommit {
      var message = subject + "\n\n" + body + "\n"
      if !trailers.isEmpty { message += "\n" + trailers.joined(separator: "\n") + "\n" }
      let author = author ?? person()
      return MarkedCommit(
        scenario: scenario, author: author, committer: committer ?? author, message: message,
        expectedCohort: cohort, expectedTools: tools.sorted())
    }
  }

  fileprivate struct Template: Sendable {
    let name: String
    let make: @Sendable (Context) -> MarkedCommit
  }

  private static let people: [(name: String, email: String)] = [
    ("Dana Example", "dana@example.com"), ("Claude Martin", "claude.martin@example.fr"),
    ("Devin Lee", "devin.lee@example.org"), ("Jules Moreau", "jules@example.net"),
    ("Priya Raman", "priya@example.in"), ("Ola Nordmann", "ola@example.no"),
    ("Amparo Ruiz", "amparo@example.es"), ("Kai Cursorsson", "kai@example.is"),
  ]

  private static let subjects = [
    "Fix off-by-one in hunk parser", "Add rename detection limit", "Refactor the ledger reducer",
    "Document the cohort rules", "Speed up tree diff", "Handle shallow clones", "Update dependencies",
  ]

  private static let noreply = "users.noreply.github.com"

  private static let templates: [Template] = [
    Template(name: "plain") {
      $0.commit("plain", .unmarked, [], trailers: ["Signed-off-by: \($0.human.name) <\($0.human.email)>"])
    },
    Template(name: "claude-trailer") {
      $0.commit(
        "claude-trailer", .assisted, ["claude-code"],
        trailers: ["Co-Authored-By: Claude <noreply@anthropic.com>"])
    },
    Template(name: "claude-model-trailer") {
      $0.commit(
        "claude-model-trailer", .assisted, ["claude-code"],
        body: "🤖 Generated with [Claude Code](https://claude.com/claude-code)",
        trailers: ["Co-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>"])
    },
    Template(name: "claude-hyphen-trailer") {
      $0.commit(
        "claude-hyphen-trailer", .assisted, ["claude-code"],
        trailers: ["Co-authored-by: Claude <no-reply@anthropic.com>"])
    },
    Template(name: "claude-footer") {
      $0.commit(
        "claude-footer", .assisted, ["claude-code"],
        body: "🤖 Generated with [Claude Code](https://claude.ai/code)")
    },
    Template(name: "claude-session") {
      $0.commit(
        "claude-session", .assisted, ["claude-code"],
        trailers: ["Claude-Session: https://claude.ai/code/session_\($0.hex)"])
    },
    Template(name: "claude-bot-author") {
      $0.commit(
        "claude-bot-author", .agent, ["claude-code"],
        author: $0.person("claude[bot]", "209825114+claude[bot]@\(noreply)"))
    },
    Template(name: "copilot-agent-branch") {
      $0.commit(
        "copilot-agent-branch", .agent, ["copilot-agent"],
        author: $0.person("copilot-swe-agent[bot]", "198982749+Copilot@\(noreply)"),
        trailers: [
          "Co-authored-by: \($0.human.name) <\($0.human.email)>",
          "Agent-Logs-Url: https://github.com/acme/widgets/sessions/\($0.hex)",
        ])
    },
    Template(name: "copilot-agent-squash") {
      $0.commit(
        "copilot-agent-squash", .agent, ["copilot-agent"],
        author: $0.person("Copilot", "198982749+Copilot@\(noreply)"),
        committer: $0.person("GitHub", "noreply@github.com"),
        body: "<!-- START COPILOT CODING AGENT SUFFIX -->\nFixes #12",
        trailers: ["Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@\(noreply)>"])
    },
    Template(name: "copilot-cli") {
      $0.commit(
        "copilot-cli", .assisted, ["copilot-cli"],
        trailers: ["Co-authored-by: Copilot <223556219+Copilot@\(noreply)>"])
    },
    // VS Code wrote this trailer by default, AI or not, from 2026-04-01 to 2026-05-03: medium evidence
    // then, so such a commit is unmarked under the default options.
    Template(name: "copilot-ide") {
      let vsCodeDefault = (1_775_001_600..<1_777_852_800).contains($0.time)
      return $0.commit(
        "copilot-ide", vsCodeDefault ? .unmarked : .assisted, vsCodeDefault ? [] : ["copilot-ide"],
        trailers: ["Co-authored-by: Copilot <copilot@github.com>"])
    },
    Template(name: "copilot-review") {
      $0.commit(
        "copilot-review", .assisted, ["copilot-review"],
        trailers: ["Co-authored-by: Copilot <175728472+Copilot@\(noreply)>"])
    },
    Template(name: "copilot-autofix") {
      $0.commit(
        "copilot-autofix", .assisted, ["copilot-autofix"],
        trailers: [
          "Co-authored-by: Copilot Autofix powered by AI <223894421+github-code-quality[bot]@\(noreply)>"
        ])
    },
    Template(name: "cursor-trailer") {
      $0.commit(
        "cursor-trailer", .assisted, ["cursor"], trailers: ["Co-authored-by: Cursor <cursoragent@cursor.com>"]
      )
    },
    Template(name: "cursor-made-with") {
      $0.commit("cursor-made-with", .assisted, ["cursor"], trailers: ["Made-with: Cursor"])
    },
    Template(name: "cursor-agent-author") {
      $0.commit(
        "cursor-agent-author", .agent, ["cursor-agent"],
        author: $0.person("Cursor Agent", "cursoragent@cursor.com"))
    },
    Template(name: "aider-names") {
      $0.commit("aider-names", .agent, ["aider"], author: $0.person("\($0.human.name) (aider)"))
    },
    Template(name: "aider-trailer") {
      $0.commit(
        "aider-trailer", .assisted, ["aider"],
        trailers: ["Co-authored-by: aider (openai/gpt-4.1) <aider@aider.chat>"])
    },
    Template(name: "aider-prefix") {
      var commit = $0.commit("aider-prefix", .assisted, ["aider"])
      commit.message = "aider: " + commit.message
      return commit
    },
    Template(name: "codex-trailer") {
      $0.commit(
        "codex-trailer", .assisted, ["codex"], trailers: ["Co-authored-by: Codex <noreply@openai.com>"])
    },
    Template(name: "codex-author") {
      $0.commit("codex-author", .agent, ["codex"], author: $0.person("GPT 5.4", "codex@openai.com"))
    },
    Template(name: "devin-author") {
      $0.commit(
        "devin-author", .agent, ["devin"],
        author: $0.person("Devin AI", "158243242+devin-ai-integration[bot]@\(noreply)"),
        body:
          "Link to Devin run: https://app.devin.ai/sessions/\(String(repeating: "ab", count: 16))\nRequested by: \($0.human.name)",
        trailers: ["Co-Authored-By: \($0.human.name) <\($0.human.email)>"])
    },
    Template(name: "jules-author") {
      $0.commit(
        "jules-author", .agent, ["jules"],
        author: $0.person("google-labs-jules[bot]", "161369871+google-labs-jules[bot]@\(noreply)"))
    },
    Template(name: "amp-trailers") {
      $0.commit(
        "amp-trailers", .assisted, ["amp"],
        trailers: [
          "Amp-Thread-ID: https://ampcode.com/threads/T-\($0.hex)", "Co-authored-by: Amp <amp@ampcode.com>",
        ])
    },
    Template(name: "openhands-author") {
      $0.commit(
        "openhands-author", .agent, ["openhands"], author: $0.person("openhands", "openhands@all-hands.dev"))
    },
    Template(name: "policy-assisted-by") {
      $0.commit(
        "policy-assisted-by", .assisted, ["policy"],
        trailers: ["Assisted-by: Claude:claude-sonnet-4-5 sparse"])
    },
    Template(name: "policy-generated-by") {
      $0.commit("policy-generated-by", .assisted, ["policy"], trailers: ["Generated-By: GPT 5.6"])
    },
    Template(name: "trap-human-coauthor") {
      $0.commit(
        "trap-human-coauthor", .unmarked, [],
        trailers: ["Co-authored-by: Claude Martin <claude.martin@example.fr>"])
    },
    Template(name: "trap-aider-committer-only") {
      $0.commit("trap-aider-committer-only", .unmarked, [], committer: $0.person("\($0.human.name) (aider)"))
    },
    Template(name: "trap-github-actions-claude") {
      $0.commit(
        "trap-github-actions-claude", .unmarked, [],
        author: $0.person("claude[bot]", "41898282+claude[bot]@\(noreply)"))
    },
    Template(name: "trap-employee") {
      $0.commit("trap-employee", .unmarked, [], author: $0.person("Jane Roe", "jane.roe@anthropic.com"))
    },
    Template(name: "trap-prose") {
      $0.commit(
        "trap-prose", .unmarked, [],
        body: "Ask Claude or Cursor later; continue with the codex of rules. Devin and Jules reviewed it.")
    },
    Template(name: "trap-dated-2019") {
      let old = Int64(1_560_000_000)
      return $0.commit(
        "trap-dated-2019", .unmarked, [], author: $0.person(at: old), committer: $0.person(at: old),
        trailers: ["Co-Authored-By: Claude <noreply@anthropic.com>"])
    },
    Template(name: "entire-checkpoint") {
      $0.commit(
        "entire-checkpoint", .assisted, ["entire"],
        trailers: ["Entire-Checkpoint: \(("000000000000" + $0.hex).suffix(12))"])
    },
    Template(name: "goose") {
      $0.commit("goose", .assisted, ["goose"], trailers: ["Co-authored-by: Goose <opensource@block.xyz>"])
    },
    Template(name: "bot-dependabot") {
      $0.commit(
        "bot-dependabot", .bot, [],
        author: $0.person("dependabot[bot]", "49699333+dependabot[bot]@\(noreply)"),
        body: "Bumps [serde](https://github.com/serde-rs/serde) from 1.0.1 to 1.0.2.")
    },
    Template(name: "bot-pre-commit-ci") {
      $0.commit(
        "bot-pre-commit-ci", .bot, [],
        author: $0.person("pre-commit-ci[bot]", "66853113+pre-commit-ci[bot]@\(noreply)"),
        body: "updates:\n- [github.com/astral-sh/ruff-pre-commit: v0.6.1 → v0.6.2]")
    },
    Template(name: "bot-github-app") {
      $0.commit(
        "bot-github-app", .bot, [],
        author: $0.person("flake-updater[bot]", "285320059+flake-updater[bot]@\(noreply)"))
    },
    Template(name: "trap-assisted-by-none") {
      $0.commit("trap-assisted-by-none", .unmarked, [], trailers: ["Assisted-by: none"])
    },
    Template(name: "trap-assisted-by-name") {
      $0.commit("trap-assisted-by-name", .unmarked, [], trailers: ["Assisted-by: Daniel Stenberg"])
    },
    Template(name: "trap-goose-address-author") {
      $0.commit(
        "trap-goose-address-author", .unmarked, [],
        author: $0.person("Block Open Source", "opensource@block.xyz"))
    },
    Template(name: "trap-assisted-by-person") {
      $0.commit(
        "trap-assisted-by-person", .unmarked, [], trailers: ["Assisted-by: Devin Lee <devin.lee@example.org>"]
      )
    },
  ]
}
