import GitHistory
import OutcomeModel
import TestSupport
import XCTest

/// The tree walk that skips unchanged folders must give exactly what libgit2's tree diff gives.
final class TreeWalkTests: XCTestCase {
  private func assertSameAsLibgit2(_ repo: FixtureRepo, detail: DiffDetail, _ label: String) throws {
    let walked = try mineAll(repo) { $0.detail = detail }
    let libgit2 = try mineAll(repo) {
      $0.detail = detail
      $0.libgit2TreeDiff = true
    }
    XCTAssertEqual(walked.changes.count, libgit2.changes.count, label)
    for (a, b) in zip(walked.changes, libgit2.changes) {
      XCTAssertEqual(a, b, "\(label): \(a.id.short) differs")
    }
    XCTAssertEqual(walked.summary, libgit2.summary, label)
  }

  private func chmod(_ repo: FixtureRepo, _ path: String, _ mode: Int) throws {
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: repo.fileURL(path).path)
  }

  func testRandomHistoriesMatchLibgit2AtEveryDetail() throws {
    for seed: UInt64 in [3, 29] {
      let repo = try FixtureRepo()
      try buildRandomHistory(in: repo, seed: seed, commits: 70, branchProbability: 0.3)
      for detail in [DiffDetail.stats, .positions, .hunks, .lines] {
        try assertSameAsLibgit2(repo, detail: detail, "seed \(seed) \(detail)")
      }
    }
  }

  func testNestedFoldersModesBinaryAndMissingBlobsMatchLibgit2() throws {
    let repo = try FixtureRepo()
    try repo.markBinary(["*.dat"])
    try repo.write("src/deep/a/b.txt", "one\ntwo\n")
    try repo.write("src/deep/a.txt", "a\n")
    try repo.write("src/deep-x.txt", "dash\n")
    try repo.write("src/deep0.txt", "zero\n")
    try repo.write("table.dat", "text, but binary by attributes\n")
    try repo.write("tool.sh", "echo hi\n")
    try repo.write("lost.txt", "v1\n")
    try repo.commit("start", day: 1)
    // Edits deep in one folder, an added folder, a deletion alone, a mode change with an edit.
    try repo.write("src/deep/a/b.txt", "one\n2\ntwo\n")
    try repo.write("src/new/inner/c.txt", "c\nc\n")
    try repo.write("table.dat", "changed\n")
    try repo.write("lost.txt", "v2\nmore\n")
    try repo.commit("edits and additions", day: 2)
    let lost = try repo.blobID(of: "lost.txt", at: "HEAD")
    try repo.remove("src/deep-x.txt")
    try repo.commit("a deletion alone", day: 3)
    try repo.write("tool.sh", "echo hello\n")
    try chmod(repo, "tool.sh", 0o755)
    try repo.commit("mode and content", day: 4)
    try chmod(repo, "tool.sh", 0o644)
    try repo.commit("mode alone", day: 5)
    try repo.write("src/deep0.txt", "moved\n")
    try repo.git(["mv", "src/deep/a.txt", "src/a-moved.txt"])
    try repo.commit("a rename", day: 6)
    try repo.deleteObject(lost)
    for detail in [DiffDetail.stats, .positions, .hunks] {
      try assertSameAsLibgit2(repo, detail: detail, "\(detail)")
    }
    let (changes, summary) = try mineAll(repo)
    XCTAssertEqual(summary.missingBlobs, 1)
    XCTAssertEqual(
      changes[1].files.map(\.path), ["lost.txt", "src/deep/a/b.txt", "src/new/inner/c.txt", "table.dat"])
    XCTAssertEqual(changes[1].files.map(\.kind), [.modified, .modified, .added, .modified])
  }
}
