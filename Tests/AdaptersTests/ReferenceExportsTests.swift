import Foundation
import OutcomeModel
import XCTest

@testable import Adapters

/// Every file in ../shared/reference/exports parses with counts and states checked by hand (python).
final class ReferenceExportsTests: XCTestCase {
  func testGitHubRESTIssuesPageRoutesPullRequestsToChangeRequests() throws {
    let loaded = try ExportLoader.load(paths: [Paths.fixture("github-rest-issues-page.json")])
    XCTAssertEqual(loaded.files.first?.format, .githubREST)
    XCTAssertEqual(loaded.files.first?.records, 5)
    XCTAssertEqual(loaded.workItems.map(\.ref.key), ["5", "22"])
    XCTAssertEqual(loaded.changeRequests.map(\.ref.key), ["4", "8", "23"])
    XCTAssertEqual(loaded.workItems.map(\.state), [.done, .done])
    XCTAssertEqual(loaded.workItems.map(\.resolution), [.completed, .completed])
    XCTAssertEqual(loaded.changeRequests.map(\.state), [.merged, .closedUnmerged, .merged])
    XCTAssertEqual(loaded.workItems[0].ref.container, "panjf2000/ants")
    XCTAssertEqual(loaded.workItems[0].ref.host, "github.com")
    XCTAssertTrue(loaded.changeRequests.allSatisfy { $0.landingSHA == nil })
  }

  func testGitHubRESTPullsPageIgnoresMergeShaOfUnmergedPull() throws {
    let loaded = try ExportLoader.load(paths: [Paths.fixture("github-rest-pulls-page.json")])
    let byKey = Dictionary(uniqueKeysWithValues: loaded.changeRequests.map { ($0.ref.key, $0) })
    XCTAssertEqual(loaded.changeRequests.count, 3)
    XCTAssertEqual(byKey["8"]?.state, .closedUnmerged)
    XCTAssertNil(byKey["8"]?.landingSHA, "merge_commit_sha of an unmerged PR is a test merge")
    XCTAssertEqual(byKey["23"]?.state, .merged)
    XCTAssertEqual(byKey["23"]?.landingSHA?.hex, "9158bd37025ccdd29d6346a6639a282e0060c7e2")
    XCTAssertEqual(byKey["23"]?.sourceBranch, "panichandler")
    XCTAssertEqual(byKey["23"]?.targetBranch, "master")
    XCTAssertEqual(byKey["158"]?.state, .open)
    XCTAssertEqual(byKey["8"]?.labels, ["bug"])
    XCTAssertEqual(byKey["23"]?.ref.container, "panjf2000/ants")
    let facts = try XCTUnwrap(byKey["23"]?.facts())
    XCTAssertEqual(
      facts.timeToMerge, iso("2019-01-22T05:41:34Z").timeIntervalSince(iso("2019-01-21T10:58:15Z")))
  }

  func testIssuesAndPullsPagesMergeByIdentity() throws {
    let loaded = try ExportLoader.load(
      paths: [Paths.fixture("github-rest-issues-page.json"), Paths.fixture("github-rest-pulls-page.json")])
    XCTAssertEqual(loaded.changeRequests.map(\.ref.key), ["4", "8", "23", "158"])
    XCTAssertEqual(loaded.duplicates, 2)
    let pr23 = try XCTUnwrap(loaded.changeRequests.first { $0.ref.key == "23" })
    XCTAssertEqual(pr23.landingSHA?.hex, "9158bd37025ccdd29d6346a6639a282e0060c7e2")
    XCTAssertEqual(pr23.sourceBranch, "panichandler")
  }

  func testPaginationIndexIsNotAnExportAndItsPagesReadBackToBack() throws {
    XCTAssertThrowsError(
      try ExportLoader.load(paths: [Paths.fixture("github-rest-issues-pagination-index.json")])
    ) {
      let message = "\($0)"
      XCTAssertTrue(message.hasSuffix("use --tracker-format to force one"), message)
      XCTAssertTrue(
        message.contains("github-rest-issues-pagination-index.json: record 0: unknown export format"), message
      )
      XCTAssertFalse(message.contains("\n"))
    }
    // The index records which issue numbers each of the five pages held; written back to back as
    // `gh api --paginate` did, they read as one list.
    let index =
      try JSONSerialization.jsonObject(
        with: Data(
          contentsOf: URL(fileURLWithPath: Paths.fixture("github-rest-issues-pagination-index.json"))))
      as! [[String: Any]]
    let pages = index.map { page in
      "["
        + (page["numbers"] as! [Int]).map {
          #"{"number":\#($0),"state":"open","title":"t","html_url":"https://github.com/o/r/issues/\#($0)"}"#
        }.joined(separator: ",") + "]"
    }
    let loaded = try ExportLoader.load(bytes: Array(pages.joined(separator: "\n").utf8), file: "pages.json")
    XCTAssertEqual(loaded.workItems.count, 13)
    XCTAssertEqual(loaded.workItems.map(\.ref.key).first, "1")
    XCTAssertEqual(loaded.workItems.map(\.ref.key).last, "13")
  }

  func testGitLabMergeRequests() throws {
    let loaded = try ExportLoader.load(paths: [Paths.fixture("gitlab-rest-merge-requests-page.json")])
    XCTAssertEqual(loaded.files.first?.format, .gitlabREST)
    XCTAssertEqual(loaded.changeRequests.map(\.ref.key), ["1", "9", "13", "14"])
    XCTAssertEqual(loaded.changeRequests.map(\.state), [.merged, .open, .closedUnmerged, .merged])
    XCTAssertEqual(loaded.changeRequests[0].ref.container, "gitlab-data/snowflake_spend")
    XCTAssertEqual(loaded.changeRequests[0].landingSHA?.hex, "da1d6dea48f5972ffc683da6cff30934e7d6c52c")
    XCTAssertNil(loaded.changeRequests[0].squashSHA)
    XCTAssertEqual(loaded.changeRequests[3].landingSHA?.hex, "21840a7eadb58babe8aeae2960da851a3ed00ddc")
    XCTAssertEqual(loaded.changeRequests[3].squashSHA?.hex, "7f928f936c58b2e001f86d07b1f7b9411413e439")
    XCTAssertNil(loaded.changeRequests[2].landingSHA)
    XCTAssertEqual(loaded.changeRequests[0].body, "Closes #1")
    XCTAssertEqual(loaded.changeRequests[0].author?.kind, .human)
  }

  func testGitLabProjectExportIssuesWithStateEvents() throws {
    let loaded = try ExportLoader.load(paths: [
      Paths.fixture("gitlab-project-export-tree-issues-trimmed.ndjson")
    ])
    XCTAssertEqual(loaded.files.first?.format, .gitlabExport)
    XCTAssertEqual(loaded.workItems.map(\.ref.key), ["8", "10"])
    XCTAssertEqual(loaded.workItems.map(\.state), [.done, .open])
    XCTAssertEqual(loaded.workItems[0].ref.container, "project:5")
    XCTAssertEqual(loaded.workItems[1].labels, ["test2"])
    XCTAssertEqual(loaded.workItems[1].facts().reopenedWithin30Days, true)
    XCTAssertNil(loaded.workItems[0].facts().reopenedWithin30Days, "no history, no claim")
  }

  func testJiraLocalizedDoneWithWontDoAndChangelog() throws {
    let loaded = try ExportLoader.load(paths: [Paths.fixture("jira-cloud-search-trimmed.json")])
    XCTAssertEqual(loaded.files.first?.format, .jira)
    let items = loaded.workItems
    XCTAssertEqual(items.map(\.ref.key), ["EE-20", "EE-23", "EE-25"])
    XCTAssertEqual(items.map(\.rawStateCategory), ["done", "done", "done"])
    XCTAssertEqual(items.map(\.resolution), [.wontFix, .completed, .completed])
    XCTAssertEqual(items.map(\.state), [.canceled, .done, .done])
    XCTAssertEqual(items.map(\.isResolvedCompleted), [false, true, true])
    XCTAssertEqual(items.map(\.kind), [.feature, .bug, .task])
    XCTAssertEqual(items[1].rawType, "缺陷")
    XCTAssertEqual(items[1].sprint, "EE Sprint 7")
    XCTAssertEqual(items[1].ref.host, "merico.atlassian.net")
    // 2020-06-12T08:33:57.204+0800
    XCTAssertEqual(items[1].createdAt, iso("2020-06-12T00:33:57Z").addingTimeInterval(0.204))
    XCTAssertEqual(items[1].transitions.count, 10)
    XCTAssertEqual(items[1].assignees.first?.kind, .deleted, "inactive account")
    let facts = items.map { $0.facts() }
    XCTAssertEqual(facts.map(\.reopenedWithin30Days), [false, true, true])
    XCTAssertEqual(facts.map(\.isBug), [false, true, false])
    XCTAssertEqual(
      facts[1].timeToResolution ?? 0,
      iso("2020-06-15T09:07:56Z").timeIntervalSince(iso("2020-06-12T00:33:57Z")) + 0.798 - 0.204,
      accuracy: 0.001)
  }

  func testJiraSearchJQLPageWithoutCategories() throws {
    let loaded = try ExportLoader.load(paths: [Paths.fixture("jira-cloud-search-jql-page1.json")])
    XCTAssertEqual(loaded.workItems.map(\.ref.key), ["TEST-1", "TEST-2"])
    XCTAssertEqual(loaded.workItems.map(\.kind), [.bug, .feature])
    XCTAssertEqual(loaded.workItems.map(\.state), [.open, .open])
    XCTAssertEqual(loaded.workItems[1].labels, ["critical", "feature"])
  }

  func testGhIssueListJSON() throws {
    let loaded = try ExportLoader.load(paths: [Paths.fixture("gh-issue-list-json-SYNTHETIC.json")])
    XCTAssertEqual(loaded.files.first?.format, .ghCLI)
    XCTAssertEqual(loaded.workItems.map(\.ref.key), ["9795", "9801", "9810"])
    XCTAssertEqual(loaded.workItems.map(\.state), [.canceled, .done, .open])
    XCTAssertEqual(loaded.workItems.map(\.resolution), [.notPlanned, .completed, nil])
    XCTAssertNil(loaded.workItems[2].rawResolution, "stateReason \"\" is absent, not a value")
    XCTAssertEqual(loaded.workItems[1].kind, .bug)
    XCTAssertEqual(loaded.workItems[1].ref.container, "cli/cli")
  }

  func testGhPrListJSON() throws {
    let loaded = try ExportLoader.load(paths: [Paths.fixture("gh-pr-list-json-SYNTHETIC.json")])
    let requests = loaded.changeRequests
    XCTAssertEqual(requests.map(\.ref.key), ["9700", "9790", "9813"])
    XCTAssertEqual(requests.map(\.state), [.open, .closedUnmerged, .merged])
    XCTAssertEqual(requests.map(\.isDraft), [true, false, false])
    XCTAssertEqual(requests.map { $0.author?.kind }, [.deleted, .bot, .human])
    XCTAssertEqual(requests[2].landingSHA?.hex, "44ee17760709bedf1cad7e452e61751489b81a33")
    XCTAssertEqual(requests[2].declaredClosingRefs.map(\.description), ["cli/cli#9801"])
    XCTAssertEqual(requests[2].sourceBranch, "octo-dev/fix-redaction")
  }

  func testFolderAndGlobLoading() throws {
    // The folder holds the pagination index, which is not an export: the whole load fails on it.
    XCTAssertThrowsError(try ExportLoader.load(paths: [Paths.fixtures.path]))
    let exports = try FileManager.default.contentsOfDirectory(atPath: Paths.fixtures.path)
      .filter { $0.hasSuffix("json") && !$0.contains("pagination") }.map(Paths.fixture)
    XCTAssertEqual(exports.count, 8)
    let loaded = try ExportLoader.load(paths: exports)
    XCTAssertEqual(loaded.workItems.count, 3 + 2 + 2 + 3 + 2)
    XCTAssertEqual(loaded.changeRequests.count, 3 + (3 + 3 - 2) + 4)
    XCTAssertEqual(loaded.skipped, [])
    let jira = try ExportLoader.load(paths: [Paths.fixtures.path + "/jira-*.json"])
    XCTAssertEqual(jira.workItems.count, 5)
    XCTAssertThrowsError(try ExportLoader.load(paths: [Paths.fixtures.path + "/nothing-*.json"])) {
      XCTAssertTrue("\($0)".hasSuffix("the pattern matches no file"))
    }
  }
}
