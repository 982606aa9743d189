import OutcomeModel
import Report
import XCTest

/// The self-check's numbers and words on hand-made rows: counts, intervals, "no clear difference",
/// "too few changes", and time to merge only when pull-request data exists.
final class SelfCheckSummaryTests: XCTestCase {
  static let day: Int64 = 86_400
  static let end: Int64 = 1_790_000_000

  /// A measured change landed `daysAgo` before the end of the recent period.
  func change(_ index: Int, daysAgo: Int, ai: Bool, reverted: Bool = false, merged: Double? = nil)
    -> ChangeRecord
  {
    let landed = Self.end - Int64(daysAgo) * Self.day
    var record = ChangeRecord(
      sha: String(format: "%040x", index), parents: [], authoredAt: Timestamp.iso8601(landed),
      committedAt: Timestamp.iso8601(landed), author: "me@example.com", filesChanged: 1, linesAdded: 10,
      linesDeleted: 0, isMerge: false, contributingCommits: 0)
    record.cohort = ai ? .assisted : .unmarked
    record.outcomesComputed = true
    record.reverted = reverted ? RevertRecord(by: "f", at: record.committedAt, days: 3, via: "message") : nil
    record.defectsInduced = []
    if let merged {
      let created = Timestamp.iso8601(landed - Int64(merged * 3600))
      record.pr = PullRequestRef(
        number: index, state: "merged", createdAt: created, mergedAt: record.committedAt)
    }
    return record
  }

  func summary(_ records: [ChangeRecord]) -> SelfCheckSummary {
    SelfCheckSummary(
      records: records, windows: SelfCheckWindows(end: Self.end, days: 90, baselineDays: 90),
      observedUntil: Self.end)
  }

  func testAClearDifferenceIsCalledOneAndAnUnclearOneIsNot() throws {
    // Recent: 20 AI-marked changes, 12 of them reverted, against 20 unmarked with none reverted.
    var records = (0..<20).map { change($0, daysAgo: 40 + $0, ai: true, reverted: $0 < 12) }
    records += (0..<20).map { change(100 + $0, daysAgo: 40 + $0, ai: false) }
    // Baseline: too few AI-marked changes, and the same revert rate for both.
    records += (0..<3).map { change(200 + $0, daysAgo: 100 + $0, ai: true) }
    records += (0..<6).map { change(300 + $0, daysAgo: 100 + $0, ai: false, reverted: $0 == 0) }
    let text = summary(records).text(
      identity: SelfIdentity(emails: ["me@example.com"], name: nil, mailmap: Mailmap()), branch: "main")
    let lines = text.split(separator: "\n").map(String.init)
    let reverted = lines.filter { $0.contains("reverted within 30 days") }
    XCTAssertEqual(reverted.count, 3, text)
    XCTAssertTrue(reverted[0].contains("60% (12 of 20)"), reverted[0])
    XCTAssertTrue(reverted[0].contains("0% (0 of 20)"), reverted[0])
    XCTAssertTrue(reverted[0].contains("higher: +60 pts"), reverted[0])
    XCTAssertTrue(reverted[1].contains("too few changes (3)"), reverted[1])
    XCTAssertTrue(reverted[1].contains("17% (1 of 6)"), reverted[1])
    XCTAssertTrue(
      reverted[2].contains("no clear difference"), "unmarked, recent against baseline: \(reverted[2])")
    XCTAssertFalse(text.contains("hours to merge"), "no pull-request data, no time to merge")
  }

  /// Bot changes (a Dependabot bump) are neither AI-marked nor unmarked: the same rows with bots added
  /// give the same comparison.
  func testBotsAreLeftOutOfBothColumns() throws {
    var records = (0..<20).map { change($0, daysAgo: 40 + $0, ai: true, reverted: $0 < 12) }
    records += (0..<20).map { change(100 + $0, daysAgo: 40 + $0, ai: false) }
    let identity = SelfIdentity(emails: ["me@example.com"], name: nil, mailmap: Mailmap())
    let without = summary(records).text(identity: identity, branch: "main")
    var bots = (0..<30).map { change(400 + $0, daysAgo: 40 + $0, ai: false, reverted: true) }
    for index in bots.indices { bots[index].cohort = .bot }
    let with = summary(records + bots).text(identity: identity, branch: "main")
    func rows(_ text: String) -> [String] {
      text.split(separator: "\n").map(String.init).filter {
        $0.contains("reverted within 30 days") || $0.contains("changes landed")
      }
    }
    XCTAssertFalse(rows(without).isEmpty, without)
    XCTAssertEqual(rows(with), rows(without))
  }

  func testTimeToMergeAppearsWithPullRequestData() throws {
    let records = (0..<12).map { change($0, daysAgo: 10 + $0, ai: $0 % 2 == 0, merged: Double(2 + $0)) }
    let result = summary(records)
    XCTAssertTrue(result.metrics.contains(.hoursToMerge))
    guard case .sample(let sample?, let n, _) = result.measure(.hoursToMerge, .recent, .ai) else {
      return XCTFail("a bootstrap median")
    }
    XCTAssertEqual(n, 6)
    XCTAssertEqual(sample.estimate.value, 7, accuracy: 1e-9, "median of 2, 4, …, 12 hours")
    XCTAssertTrue(
      result.text(
        identity: SelfIdentity(emails: ["me@example.com"], name: nil, mailmap: Mailmap()), branch: "main"
      )
      .contains("median hours to merge"))
  }

  func testMailmapMergesAddresses() {
    let mailmap = Mailmap(parsing: "Me <me@new.example> <me@old.example>\n")
    let identity = SelfIdentity(
      emails: ["ME@old.example", "me@old.example", " "], name: nil, mailmap: mailmap)
    XCTAssertEqual(identity.given, ["me@old.example"])
    XCTAssertTrue(identity.owns(resolvedEmail: "me@new.example"))
    XCTAssertFalse(identity.owns(resolvedEmail: "someone@new.example"))
  }
}
