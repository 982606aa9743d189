import GitHistory
import Ledger
import OutcomeModel
import TestSupport
import XCTest

/// Move-aware origins against real `git blame -M -C` (and `-M`), on random histories that move blocks
/// within and across files, move them with small edits, out of renamed files, and copy them.
///
/// Blame judges a moved block by what is left of it in the file it annotates: when a later commit edits
/// inside the block, blame scores each surviving piece alone, and a piece under the threshold (20
/// alphanumerics for `-M`, 40 for `-C`) goes back to the mover. The ledger judges the block once, as
/// the moving commit wrote it, so a line's origin does not change with later edits around it. At the
/// moving commits themselves the two agree on every line (second test); at HEAD they differ only where
/// later edits split moved blocks. The generated lines carry 15–22 alphanumerics each, right at the
/// thresholds, so these histories are the worst case for that: -M agrees on at least 99% of lines,
/// -M -C (twice the threshold) on at least 96%.
final class MoveOracleTests: XCTestCase {
  static let seeds: [UInt64] = [5, 17, 88, 404, 2027]

  func testOriginsAgreeWithGitBlameMoveAndCopy() throws {
    for seed in Self.seeds {
      let repo = try FixtureRepo()
      try buildRandomHistory(in: repo, seed: seed, commits: 120, branchProbability: 0.3, shapes: [.moves])
      for (mode, options) in [(MoveDetection.commit, ["-M", "-C"]), (.file, ["-M"])] {
        let run = try LedgerRun(repo, moves: mode)
        let (agreeing, total, first) = try agreement(run, repo, blameOptions: options)
        let share = Double(agreeing) / Double(max(1, total))
        print(
          "moves \(mode.rawValue) seed \(seed): \(agreeing)/\(total) lines agree with git blame \(options.joined(separator: " ")) (\(String(format: "%.2f", share * 100))%)\(first.map { "; first difference \($0)" } ?? "")"
        )
        XCTAssertGreaterThan(total, 100, "seed \(seed)")
        XCTAssertGreaterThanOrEqual(
          share, mode == .file ? 0.99 : 0.96, "moves \(mode.rawValue) seed \(seed): \(first ?? "")")
      }
    }
  }

  /// At the commit that moves lines nothing later has split its blocks, so there the search itself is
  /// compared with blame's: in every file a commit moved lines into, at that commit, whether each line is
  /// the commit's own (where the rest came from depends on how blame judged earlier moves from there).
  func testMovingCommitsAgreeWithGitBlameWhereTheyMove() throws {
    for seed in Self.seeds.prefix(3) {
      let repo = try FixtureRepo()
      try buildRandomHistory(in: repo, seed: seed, commits: 120, branchProbability: 0.3, shapes: [.moves])
      let all = try repo.git(["rev-list", "--all"]).split(separator: "\n").map(String.init)
      for (mode, options) in [(MoveDetection.commit, ["-M", "-C"]), (.file, ["-M"])] {
        let run = try LedgerRun(repo, keep: all, moves: mode)
        var agreeing = 0
        var total = 0
        var moving = 0
        var first: String?
        for commit in run.commits where commit.change.files.contains(where: { !$0.moves.isEmpty }) {
          moving += 1
          let lines = try XCTUnwrap(run.ledger.lines(at: commit.position))
          let sha = commit.change.id.hex
          for file in commit.change.files where !file.moves.isEmpty {
            let path = try XCTUnwrap(file.newPath)
            let expected = try blame(repo, path, at: sha, options: options)
            let actual = (lines[path] ?? []).map { run.sha(at: $0.origin) }
            total += expected.count
            for (index, pair) in zip(actual, expected).enumerated() {
              if (pair.0 == sha) == (pair.1 == sha) {
                agreeing += 1
              } else if first == nil {
                first =
                  "\(sha.prefix(8)) \(path):\(index + 1) ledger \(pair.0.prefix(8)) blame \(pair.1.prefix(8))"
              }
            }
          }
        }
        print(
          "moves \(mode.rawValue) seed \(seed): at \(moving) moving commits \(agreeing)/\(total) lines agree with git blame \(options.joined(separator: " "))\(first.map { "; first difference \($0)" } ?? "")"
        )
        XCTAssertGreaterThan(moving, 1, "seed \(seed)")
        XCTAssertEqual(agreeing, total, "moves \(mode.rawValue) seed \(seed): \(first ?? "")")
      }
    }
  }

  /// The histories really move lines: plain blame and -M -C disagree on a good share of them, and the
  /// ledger with moves off equals plain blame exactly.
  func testMovesOffEqualsPlainBlameOnTheSameHistories() throws {
    var differing = 0
    for seed in Self.seeds.prefix(3) {
      let repo = try FixtureRepo()
      try buildRandomHistory(in: repo, seed: seed, commits: 120, branchProbability: 0.3, shapes: [.moves])
      let run = try LedgerRun(repo, moves: .off)
      let (agreeing, total, first) = try agreement(run, repo, blameOptions: [])
      XCTAssertEqual(agreeing, total, "seed \(seed): \(first ?? "")")
      for path in try textFiles(repo, at: "HEAD") {
        let plain = try blame(repo, path, at: "HEAD")
        let moved = try blame(repo, path, at: "HEAD", options: ["-M", "-C"])
        differing += zip(plain, moved).filter { $0 != $1 }.count
      }
    }
    XCTAssertGreaterThan(differing, 30, "the generated moves should matter to blame")
  }

  /// Lines at HEAD whose ledger origin equals blame's, of all lines of text files.
  private func agreement(
    _ run: LedgerRun, _ repo: FixtureRepo, blameOptions: [String]
  ) throws -> (Int, Int, String?) {
    let head = try run.position(of: "HEAD", in: repo)
    let lines = try XCTUnwrap(run.ledger.lines(at: head))
    var agreeing = 0
    var total = 0
    var first: String?
    for path in try textFiles(repo, at: "HEAD") {
      let expected = try blame(repo, path, at: "HEAD", options: blameOptions)
      let actual = (lines[path] ?? []).map { run.sha(at: $0.origin) }
      total += expected.count
      for (index, pair) in zip(actual, expected).enumerated() {
        if pair.0 == pair.1 {
          agreeing += 1
        } else if first == nil {
          first = "\(path):\(index + 1) ledger \(pair.0.prefix(8)) blame \(pair.1.prefix(8))"
        }
      }
    }
    return (agreeing, total, first)
  }
}
