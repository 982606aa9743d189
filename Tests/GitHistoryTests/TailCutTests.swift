import GitHistory
import OutcomeModel
import TestSupport
import XCTest

/// Blob diffs drop the two files' common tail the way git does before a zero-context diff, so hunks
/// where an edit could sit in several places are the ones `git diff -U0` (and so `git blame`) shows.
final class TailCutTests: XCTestCase {
  private static let tail = TailCutText.tail
  private static let run = TailCutText.run

  func testHunksEqualGitZeroContextDiff() throws {
    let repo = try FixtureRepo()
    let binaryHead = "bin\u{0}ary\n"
    try repo.write(".gitattributes", "*.nodiff -diff\n*.forced diff\n")
    try repo.write("insert.txt", "start\n" + Self.run + Self.tail)
    try repo.write("delete.txt", "start\n" + Self.run + Self.tail)
    try repo.write("both.txt", "start\n" + Self.run + "middle\n" + Self.run + Self.tail)
    try repo.write("end.txt", "start\n" + Self.run + Self.tail + "last\n")
    try repo.write("unterminated.txt", "start\n" + Self.run + Self.tail + "no newline")
    try repo.write("nul.txt", binaryHead + Self.run + Self.tail)
    try repo.write("text.nodiff", "start\n" + Self.run + Self.tail)
    try repo.write("nul.forced", binaryHead + Self.run + Self.tail)
    try repo.commit("one", day: 1)
    try repo.write("insert.txt", "start\n" + Self.run + "a\n" + Self.tail)
    try repo.write("delete.txt", "start\n" + Self.run.dropFirst(2) + Self.tail)
    try repo.write("both.txt", "start\n" + Self.run + "a\nmiddle\n" + Self.run.dropFirst(2) + Self.tail)
    try repo.write("end.txt", "start\n" + Self.run + "a\n" + Self.tail + "last line\n")
    try repo.write("unterminated.txt", "start\n" + Self.run + "a\n" + Self.tail + "no newline")
    try repo.write("nul.txt", binaryHead + Self.run + "a\n" + Self.tail)
    try repo.write("text.nodiff", "start\n" + Self.run + "a\n" + Self.tail)
    try repo.write("nul.forced", binaryHead + Self.run + "a\n" + Self.tail)
    try repo.commit("two", day: 2)

    let expected = try zeroContextHunks(repo, "HEAD~1", "HEAD")
    XCTAssertEqual(
      expected.binary, ["nul.txt", "text.nodiff"], "the attributes and the NUL decide, as in git")
    for reused in [false, true] {
      let (changes, _) = try mineAll(repo) {
        $0.detail = .positions
        $0.reusesHunks = reused
      }
      let files = try XCTUnwrap(changes.last).files
      XCTAssertEqual(files.count, 8)
      for file in files {
        XCTAssertEqual(file.isBinary, expected.binary.contains(file.path), "\(file.path): binary")
        guard !file.isBinary else { continue }
        let want = try XCTUnwrap(expected.hunks[file.path], file.path)
        let got = file.hunks.map { [$0.oldStart, $0.oldCount, $0.newStart, $0.newCount] }
        XCTAssertEqual(got, want, "\(file.path) (memo \(reused)): hunks differ from git diff -U0")
      }
      // The inserted line sits well above the end of the run: the cut decided it.
      let insert = try XCTUnwrap(files.first { $0.path == "insert.txt" })
      XCTAssertLessThan(try XCTUnwrap(insert.hunks.first).newStart, 590)
    }
  }

  func testLinesAtHunkDetailComeFromTheWholeFiles() throws {
    let repo = try FixtureRepo()
    try repo.write("f.txt", "start\n" + Self.run + Self.tail)
    try repo.commit("one", day: 1)
    try repo.write("f.txt", "start\n" + Self.run + "a\n" + Self.tail + "end\n")
    try repo.commit("two", day: 2)
    let expected = try zeroContextHunks(repo, "HEAD~1", "HEAD").hunks["f.txt"]
    let (changes, _) = try mineAll(repo) { $0.detail = .lines }
    let file = try XCTUnwrap(changes.last?.files.first)
    XCTAssertEqual(file.hunks.map { [$0.oldStart, $0.oldCount, $0.newStart, $0.newCount] }, expected)
    XCTAssertEqual(file.hunks.flatMap(\.added).compactMap(\.text), ["a", "end"])
    XCTAssertEqual(file.linesAdded, 2)
    XCTAssertEqual(file.linesDeleted, 0)
  }

  func testRenamedFilesAreCutToo() throws {
    let repo = try FixtureRepo()
    try repo.write("old.txt", "start\n" + Self.run + Self.tail)
    try repo.write("gone.txt", "to be deleted\n")
    try repo.commit("one", day: 1)
    try repo.git(["mv", "old.txt", "new.txt"])
    try repo.write("new.txt", "start\n" + Self.run + "a\n" + Self.tail)
    try repo.write("added.txt", "new file\n")
    try FileManager.default.removeItem(at: repo.url.appendingPathComponent("gone.txt"))
    try repo.commit("two", day: 2)
    let expected = try zeroContextHunks(repo, "HEAD~1", "HEAD", renames: true)
    for detail in [DiffDetail.positions, .lines] {
      let (changes, _) = try mineAll(repo) { $0.detail = detail }
      let files = try XCTUnwrap(changes.last).files
      let renamed = try XCTUnwrap(files.first { $0.kind == .renamed }, "\(detail)")
      XCTAssertEqual([renamed.oldPath, renamed.newPath], ["old.txt", "new.txt"])
      XCTAssertEqual(
        renamed.hunks.map { [$0.oldStart, $0.oldCount, $0.newStart, $0.newCount] }, expected.hunks["new.txt"],
        "\(detail)")
      XCTAssertLessThan(try XCTUnwrap(renamed.hunks.first).newStart, 590)
      XCTAssertEqual(files.map(\.linesAdded).reduce(0, +), 2)
      XCTAssertEqual(files.map(\.linesDeleted).reduce(0, +), 1)
    }
  }

  /// `git diff -U0` hunk headers per path as [oldStart, oldCount, newStart, newCount], and the paths git
  /// calls binary. git writes a count of 1 by leaving it out.
  private func zeroContextHunks(
    _ repo: FixtureRepo, _ old: String, _ new: String, renames: Bool = false
  ) throws -> (hunks: [String: [[Int]]], binary: Set<String>) {
    let output = try repo.git(["diff", "-U0", renames ? "-M" : "--no-renames", "--no-color", old, new])
    var hunks: [String: [[Int]]] = [:]
    var binary: Set<String> = []
    var path = ""
    func range(_ field: Substring) -> [Int] {
      let parts = field.dropFirst().split(separator: ",").map { Int($0)! }
      return [parts[0], parts.count > 1 ? parts[1] : 1]
    }
    for line in output.split(separator: "\n") {
      if line.hasPrefix("diff --git ") {
        path = String(line.split(separator: " ").last!.dropFirst(2))
        hunks[path] = []
      } else if line.hasPrefix("Binary files ") {
        binary.insert(path)
      } else if line.hasPrefix("@@ ") {
        let fields = line.split(separator: " ")
        hunks[path, default: []].append(range(fields[1]) + range(fields[2]))
      }
    }
    return (hunks, binary)
  }
}
