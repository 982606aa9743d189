import OutcomeModel
import XCTest

@testable import Adapters

final class LinkerTests: XCTestCase {
  private func loaded() throws -> LoadedExports {
    try ExportLoader.load(
      paths: [
        Paths.sample("github-issues-paginated.json"), Paths.sample("github-pulls-ai.ndjson"),
        Paths.sample("jira-issues-synthetic.json"), Paths.sample("linear-export.csv"),
      ])
  }

  private func change(
    _ digit: Character, _ message: String, contributing: [Character] = [], branches: [String] = []
  )
    -> MainlineChange
  {
    MainlineChange(
      sha: CommitID(hex: sha(digit))!, message: message,
      contributing: contributing.map { CommitID(hex: sha($0))! },
      branchNames: branches)
  }

  func testLandingShaBeatsSubjectAndCarriesTheRequestsIssues() throws {
    let exports = try loaded()
    let linker = Linker(changeRequests: exports.changeRequests, workItems: exports.workItems)
    let landed = change("1", "Fix login retry (#5)")
    let set = linker.link([landed])
    let pr = try XCTUnwrap(set.changeRequest(for: landed.sha))
    XCTAssertEqual(
      pr.to, .changeRequest(ItemRef(system: .github, host: "github.com", container: "acme/shop", key: "5")))
    XCTAssertEqual(pr.evidence, .trackerLandingSHA)
    XCTAssertEqual(pr.confidence, 1.0)
    // One link per change and request: the squash suffix agrees and is folded into the stronger link.
    XCTAssertEqual(set.links(for: landed.sha).map(\.evidence), [.trackerLandingSHA])
    // The PR body says "Fixes #3".
    let issues = set.workItems(for: landed.sha)
    XCTAssertEqual(
      issues.map(\.to),
      [.workItem(ItemRef(system: .github, host: "github.com", container: "acme/shop", key: "3"))])
    XCTAssertEqual(issues.first?.evidence, .closingKeywordInBody)
    XCTAssertEqual(issues.first?.type, .closes)
  }

  func testUnmergedPullsTestMergeShaDoesNotLink() throws {
    let exports = try loaded()
    let set = Linker(changeRequests: exports.changeRequests, workItems: exports.workItems).link([
      change("4", "Unrelated change")
    ])
    XCTAssertNil(set.changeRequest(for: CommitID(hex: sha("4"))!))
  }

  func testRevertSubjectNamesTheRevertedPullNotItsOwn() throws {
    let exports = try loaded()
    let linker = Linker(changeRequests: exports.changeRequests, workItems: exports.workItems)
    let plain = change("a", "Revert \"Fix login retry (#5)\"\n\nThis reverts commit \(sha("1")).")
    let squashed = change("b", "Revert \"Fix login retry (#5)\" (#7)")
    let set = linker.link([plain, squashed])
    XCTAssertNil(set.changeRequest(for: plain.sha), "(#5) inside the quotes is the reverted PR")
    let reverts = set.links(for: plain.sha).filter { $0.type == .reverts }
    XCTAssertEqual(
      reverts.map(\.to),
      [
        .commit(CommitID(hex: sha("1"))!),
        .changeRequest(ItemRef(system: .github, host: "github.com", container: "acme/shop", key: "5")),
      ])
    XCTAssertEqual(set.changeRequest(for: squashed.sha)?.to.refKey, "7")
    XCTAssertEqual(set.links(for: squashed.sha).first { $0.type == .reverts }?.to.refKey, "5")
    XCTAssertTrue(set.workItems(for: plain.sha).isEmpty, "the reverted PR's issues are not the revert's")
    // PR 7's branch revert-5-… says the same.
    XCTAssertTrue(
      set.links.contains {
        $0.from.refKey == "7" && $0.type == .reverts && $0.evidence == .revertBranch && $0.to.refKey == "5"
      })
  }

  func testMergeSubjectsOfEachForge() throws {
    let pr = ChangeRequest(
      ref: ItemRef(system: .github, container: "o/r", key: "12"), title: "t", state: .merged,
      rawState: "closed")
    let mr = ChangeRequest(
      ref: ItemRef(system: .gitlab, container: "g/p", key: "3"), title: "t", state: .merged,
      rawState: "merged")
    let linker = Linker(changeRequests: [pr, mr], workItems: [])
    let cases: [(String, String?, LinkEvidence?)] = [
      ("Merge pull request #12 from someone/branch\n\nTitle", "12", .mergeCommitSubject),
      ("Merge pull request 'Add x' (#12) from feature into main", "12", .mergeCommitSubject),
      ("Merged PR 12: Add x", "12", .mergeCommitSubject),
      ("Merged in feature/x (pull request #12)", "12", .mergeCommitSubject),
      ("Add x (#12)", "12", .squashSubjectSuffix),
      ("Merge branch 'x' into 'main'\n\nAdd x\n\nSee merge request g/p!3", "3", .mergeRequestTrailer),
      ("Merge branch 'x' into 'main'\n\nSee merge request other/p!3", nil, nil),
      ("Add x (#13)", nil, nil),
      ("Mention (#12) mid-subject, not at the end", nil, nil),
    ]
    for (i, (message, key, evidence)) in cases.enumerated() {
      let c = change(Character(String(i)), message)
      let link = linker.link([c]).changeRequest(for: c.sha)
      XCTAssertEqual(link?.to.refKey, key, message)
      XCTAssertEqual(link?.evidence, evidence, message)
    }
  }

  func testClosingKeywordsKeysAndFalseKeys() throws {
    let exports = try loaded()
    let linker = Linker(changeRequests: exports.changeRequests, workItems: exports.workItems)
    let c = change(
      "c",
      """
      Cache prices, UTF-8 safe, SHA-256 and ISO-8601 untouched

      Closes #3, #4 and ENG-101
      Refs PAY-88. Fixes AB#77
      """)
    let links = linker.link([c]).links(for: c.sha)
    let summary = links.map { "\($0.type.rawValue) \($0.to.refKey ?? "?") \($0.confidence)" }
    XCTAssertEqual(
      summary,
      ["closes 3 0.8", "closes 4 0.8", "closes ENG-101 0.8", "closes 77 0.8", "references PAY-88 0.7"])
    XCTAssertFalse(links.contains { $0.matchedText.contains("UTF") || $0.matchedText.contains("SHA") })
  }

  func testBranchNamesAndDeclaredClosingRefs() throws {
    let exports = try loaded()
    let gh = try ExportLoader.load(paths: [
      Paths.fixture("gh-pr-list-json-SYNTHETIC.json"), Paths.fixture("gh-issue-list-json-SYNTHETIC.json"),
    ])
    let linker = Linker(
      changeRequests: exports.changeRequests + gh.changeRequests, workItems: exports.workItems + gh.workItems)
    let viaBranch = change("d", "Speed up refunds", branches: ["feature/pay-88-refunds"])
    let landed = change("e", "Merge pull request #9813 from octo-dev/fix-redaction")
    let set = linker.link([viaBranch, landed])
    XCTAssertEqual(set.workItems(for: viaBranch.sha).map(\.to.refKey), ["PAY-88"])
    XCTAssertEqual(set.workItems(for: viaBranch.sha).first?.evidence, .branchName)
    let closes = set.workItems(for: landed.sha)
    XCTAssertEqual(closes.map(\.to.refKey), ["9801"])
    XCTAssertEqual(closes.first?.evidence, .trackerField)
    XCTAssertEqual(closes.first?.confidence, 0.95, "capped by the merge subject's confidence")
    // PR 6's branch feature/PAY-87-cache implements PAY-87 even though it never merged.
    XCTAssertTrue(
      set.links.contains {
        $0.from.refKey == "6" && $0.to.refKey == "PAY-87" && $0.type == .implementsByBranch
      })
  }

  func testContributingCommitListedByTheExport() throws {
    let request = ChangeRequest(
      ref: ItemRef(system: .github, container: "o/r", key: "40"), title: "t", state: .merged,
      rawState: "MERGED",
      commits: [CommitID(hex: sha("f"))!])
    let c = change("9", "Merge branch 'topic'", contributing: ["f"])
    let link = Linker(changeRequests: [request], workItems: []).link([c]).changeRequest(for: c.sha)
    XCTAssertEqual(link?.evidence, .trackerCommitList)
    XCTAssertEqual(link?.to.refKey, "40")
  }
}

extension LinkEndpoint {
  var refKey: String? {
    switch self {
    case .changeRequest(let ref), .workItem(let ref): return ref.key
    case .change, .commit: return nil
    }
  }
}
