import Foundation
import OutcomeModel
import TestSupport

@testable import Report

/// Synthetic fact rows with known structure: four teams of 8, 6, 4 and 4 authors in 2026Q1 (two hidden,
/// so the overview minus the shown teams gives back only their sum), history observed to the end of
/// June so the longer horizons are censored.
enum ReportFixture {
  static let period = try! ReportPeriod.quarter("2026Q1")
  static let observedUntil = Timestamp.parse("2026-06-30T12:00:00Z")!

  static func record(
    _ index: Int, author: String, team: String, cohort: Cohort, day: Int, linesAdded: Int,
    revertDays: Int? = nil, deaths: [[Int]] = [], churn14: Int = 0, churn21: Int = 0, defects: Int = 0,
    leadHours: Int = 24, issues: [String] = [], moved: Int? = nil, copied: Int? = nil
  ) -> ChangeRecord {
    let landed = period.start + Int64(day) * 86_400 + 36_000
    var r = ChangeRecord(
      sha: String(repeating: "0", count: 32) + String(format: "%08x", index), parents: [],
      authoredAt: Timestamp.iso8601(landed - Int64(leadHours) * 3600), committedAt: Timestamp.iso8601(landed),
      author: author, filesChanged: 1, linesAdded: linesAdded, linesDeleted: linesAdded / 4, isMerge: false,
      contributingCommits: 1)
    r.team = team
    r.teams = [team]
    r.cohort = cohort
    r.aiLinesAdded = cohort.isAI ? linesAdded : 0
    if let revertDays {
      r.reverted = RevertRecord(
        by: "f" + String(repeating: "0", count: 39),
        at: Timestamp.iso8601(landed + Int64(revertDays) * 86_400),
        days: revertDays, via: "message")
    }
    let observed = Int((observedUntil - landed) / 86_400)
    let dead = deaths.reduce(0) { $0 + $1[1] }
    var fate = LineFate(
      owned: linesAdded, aiOwned: r.aiLinesAdded!, alive: linesAdded - dead, observedDays: observed,
      deaths: deaths)
    fate.churned14d = churn14
    fate.churned21d = churn21
    fate.churned21dSelf = churn21 / 2
    fate.churned21dOthers = churn21 - churn21 / 2
    fate.moved = moved
    fate.copied = moved == nil ? nil : copied ?? 0
    r.fate = fate
    r.linesMoved = fate.moved
    r.linesCopied = fate.copied
    r.linesAlive = linesAdded - dead
    r.churned21d = churn21
    r.defectsInduced = (0..<defects).map { "d\($0)" }
    r.issues = issues
    r.outcomesComputed = true
    return r
  }

  /// Deterministic records for three teams; AI changes churn a little more.
  static func records(seed: UInt64 = 7) -> [ChangeRecord] {
    var rng = SeededRandom(seed: seed)
    var out: [ChangeRecord] = []
    let teams: [(String, Int, Int)] = [
      ("payments", 8, 140), ("platform", 6, 90), ("tiny", 4, 30), ("micro", 4, 30),
    ]
    var index = 0
    for (team, authors, count) in teams {
      for _ in 0..<count {
        index += 1
        let cohort: Cohort = rng.chance(0.15) ? .agent : rng.chance(0.4) ? .assisted : .unmarked
        let lines = rng.int(in: 5...300)
        let day = rng.int(in: 0...89)
        let observed = Int((observedUntil - (period.start + Int64(day) * 86_400 + 36_000)) / 86_400)
        var deaths: [[Int]] = []
        var left = lines
        let hazard = cohort == .unmarked ? 0.25 : 0.35
        for deathDay in [3, 10, 20, 45, 80, 120] where deathDay < observed && left > 0 {
          if rng.chance(hazard) {
            let dying = rng.int(in: 1...max(1, left / 3))
            deaths.append([deathDay, dying])
            left -= dying
          }
        }
        let churn14 = deaths.filter { $0[0] <= 14 }.reduce(0) { $0 + $1[1] }
        let churn21 = deaths.filter { $0[0] <= 21 }.reduce(0) { $0 + $1[1] }
        let reverted = rng.chance(cohort == .unmarked ? 0.04 : 0.07) ? rng.int(in: 1...60) : nil
        // Moved and copied lines without the generator, so the other figures stay as they were: AI
        // changes move less and paste more, as GitClear reports.
        let moved = index % (cohort == .unmarked ? 3 : 7) == 0 ? lines / 4 : 0
        let copied = index % (cohort == .unmarked ? 8 : 3) == 0 ? min(lines, 12) : 0
        var r = record(
          index, author: "\(team)-author-\(rng.int(in: 1...authors))", team: team, cohort: cohort, day: day,
          linesAdded: lines, revertDays: reverted, deaths: deaths, churn14: churn14, churn21: churn21,
          defects: rng.chance(0.1) ? 1 : 0, leadHours: rng.int(in: 1...200),
          issues: rng.chance(0.5) ? ["PROJ-\(index)"] : [], moved: moved, copied: copied)
        // Tools by team, so aider and codex (4 authors each) are suppressed; set without the generator
        // so the rows stay as they were.
        if cohort != .unmarked {
          let tools = ["tiny": "aider", "micro": "codex", "platform": "copilot-agent"]
          r.tools = [tools[team] ?? (index % 5 == 0 ? "cursor" : "claude-code")]
        }
        out.append(r)
      }
    }
    return out
  }

  static func issues(for records: [ChangeRecord]) -> [IssueInput] {
    records.flatMap { $0.issues ?? [] }.enumerated().map { i, key in
      IssueInput(key: key, resolved: i % 5 != 0, reopened: i % 11 == 0)
    }
  }

  static func pullRequests(for records: [ChangeRecord]) -> [PullRequestInput] {
    var prs = records.enumerated().map { i, r in
      PullRequestInput(
        number: i + 1, author: r.author, teams: r.teams ?? [], cohort: r.cohort ?? .unmarked, state: "merged",
        createdAt: r.authoredAt)
    }
    for (i, r) in records.enumerated() where i % 6 == 0 {
      prs.append(
        PullRequestInput(
          number: 10_000 + i, author: r.author, teams: r.teams ?? [], cohort: r.cohort ?? .unmarked,
          state: i % 12 == 0 ? "open" : "closed", createdAt: r.authoredAt))
    }
    return prs
  }

  static func input(_ records: [ChangeRecord] = records(), withTracker: Bool = true) -> ReportInput {
    ReportInput(
      records: records, pullRequests: withTracker ? pullRequests(for: records) : nil,
      issues: withTracker ? issues(for: records) : nil, period: period, observedUntil: observedUntil,
      teamSource: .teamsFile, repository: "example/monorepo")
  }

  static let options = ReportOptions(bootstrapResamples: 400, seed: 42)

  static func report() -> OutcomeReport { ReportBuilder(options: options).build(input()) }
}
