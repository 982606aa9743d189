/// Every metric a report can carry, with the definition printed next to it.
public enum MetricID: String, Hashable, Sendable, Codable, CaseIterable {
  case changes, linesAdded
  case prMergeRate, prsStillOpen
  case revertRate14d, revertRate90d
  case survival30d, survival90d, survival180d
  case churn14d, churn21d, churn21dSelf, churn21dOthers
  case movedShare, copiedShare
  case defectRate, defectsPer1000Lines
  case issueResolutionRate, issueReopenRate
  case timeToMergeMedianHours, timeToMergeP75Hours
  case changeSizeMedian, changeSizeP75
  case aiShareAdded, aiShareSurviving
  case aiShareChanges

  /// How values are shown: shares as percentages, the rest as numbers.
  public enum Unit: String, Sendable, Codable {
    case count, share, hours, lines, perThousandLines
  }

  public var unit: Unit {
    switch self {
    case .changes, .prsStillOpen: return .count
    case .linesAdded, .changeSizeMedian, .changeSizeP75: return .lines
    case .timeToMergeMedianHours, .timeToMergeP75Hours: return .hours
    case .defectsPer1000Lines: return .perThousandLines
    default: return .share
    }
  }

  public var title: String {
    switch self {
    case .changes: return "Changes"
    case .linesAdded: return "Lines added"
    case .prMergeRate: return "PR merge rate"
    case .prsStillOpen: return "PRs still open"
    case .revertRate14d: return "Reverted within 14 days"
    case .revertRate90d: return "Reverted within 90 days"
    case .survival30d: return "Lines surviving 30 days"
    case .survival90d: return "Lines surviving 90 days"
    case .survival180d: return "Lines surviving 180 days"
    case .churn14d: return "Churn within 14 days"
    case .churn21d: return "Churn within 21 days"
    case .churn21dSelf: return "Churn within 21 days, by the author"
    case .churn21dOthers: return "Churn within 21 days, by others"
    case .movedShare: return "Moved lines, share of added lines"
    case .copiedShare: return "Copy-pasted lines, share of added lines"
    case .defectRate: return "Changes that introduced a defect"
    case .defectsPer1000Lines: return "Defects per 1,000 added lines"
    case .issueResolutionRate: return "Linked issues resolved"
    case .issueReopenRate: return "Resolved issues reopened"
    case .timeToMergeMedianHours: return "Time to merge, median (hours)"
    case .timeToMergeP75Hours: return "Time to merge, p75 (hours)"
    case .changeSizeMedian: return "Change size, median (lines)"
    case .changeSizeP75: return "Change size, p75 (lines)"
    case .aiShareAdded: return "AI share of added lines"
    case .aiShareSurviving: return "AI share of surviving lines"
    case .aiShareChanges: return "AI share of changes"
    }
  }

  /// The line universe and denominator, printed in every report so figures cannot be misread.
  public var definition: String {
    switch self {
    case .changes: return "Mainline changes that landed in the period."
    case .linesAdded: return "Lines added by those changes (eligible files)."
    case .prMergeRate:
      return
        "Merged ÷ (merged + closed unmerged) over non-draft PRs opened in the period; open PRs in neither. Wilson interval."
    case .prsStillOpen: return "Non-draft PRs opened in the period and still open."
    case .revertRate14d, .revertRate90d:
      return
        "Changes reverted within the window (a cancelled revert does not count) ÷ changes whose window has passed. Wilson interval."
    case .survival30d, .survival90d, .survival180d:
      return
        "Kaplan–Meier estimate over owned lines, lines alive at the end of history censored; interval by bootstrap over changes. Shown only when enough changes are observed that long."
    case .churn14d, .churn21d:
      return
        "Owned lines removed or rewritten within the window ÷ owned lines, over changes whose window has passed. Interval by bootstrap over changes."
    case .churn21dSelf: return "Share of owned lines rewritten within 21 days by the change's own author."
    case .churn21dOthers: return "Share of owned lines rewritten within 21 days by someone else."
    case .movedShare:
      return
        "Added lines whose origin is an earlier change (moved or copied here, as git blame -M -C says) ÷ added lines in eligible files, over changes where moves were followed. Interval by bootstrap over changes."
    case .copiedShare:
      return
        "Added lines repeating, white space removed, a block of 5 or more non-blank lines that existed elsewhere before the change and still does (copy-paste) ÷ added lines in eligible files, over changes where moves were followed. Interval by bootstrap over changes."
    case .defectRate:
      return
        "Changes that SZZ or an explicit Fixes link names as inducing a later fix ÷ changes. Wilson interval."
    case .defectsPer1000Lines: return "Fixes traced to the changes × 1,000 ÷ lines added. Bootstrap interval."
    case .issueResolutionRate: return "Linked tracker items resolved ÷ linked items. Wilson interval."
    case .issueReopenRate:
      return "Resolved linked items later reopened ÷ resolved linked items. Wilson interval."
    case .timeToMergeMedianHours, .timeToMergeP75Hours:
      return
        "Merge lead time: first authored → landed on the mainline (PR merge time when known); non-positive values ignored. Bootstrap interval."
    case .changeSizeMedian, .changeSizeP75:
      return "Lines added + deleted per change; a control, not an outcome. Bootstrap interval."
    case .aiShareAdded:
      return "Lines added by AI-attributed commits or note lines ÷ all lines added; bot changes are left out."
    case .aiShareSurviving:
      return
        "Owned lines alive at the end of history, weighted by each change's AI-attributed share ÷ all alive owned lines; bot changes are left out."
    case .aiShareChanges:
      return "AI-marked (agent + assisted) changes ÷ all changes; bot changes are left out. Wilson interval."
    }
  }

  /// Metrics where the AI − unmarked difference is reported.
  public static let compared: [MetricID] = [
    .prMergeRate, .revertRate14d, .revertRate90d, .survival30d, .survival90d, .survival180d, .churn14d,
    .churn21d, .movedShare, .copiedShare, .defectRate, .defectsPer1000Lines, .issueResolutionRate,
    .issueReopenRate,
    .timeToMergeMedianHours, .changeSizeMedian,
  ]
}
