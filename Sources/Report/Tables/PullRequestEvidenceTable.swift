/// `outcomes ci`'s section on a pull-request build: the request's commits and the AI evidence each
/// carries by itself. Attribution only: nothing here passes or fails a build on AI use.
public struct PullRequestEvidenceTable: Sendable {
  public struct Commit: Sendable {
    public var short: String
    public var subject: String
    /// `tool (signal)` marks; empty when none was found.
    public var marks: [String]

    public init(short: String, subject: String, marks: [String]) {
      self.short = short
      self.subject = subject
      self.marks = marks
    }
  }

  public var number: String?
  public var baseRef: String
  public var headRef: String?
  /// The most commits listed; the rest are counted.
  public var limit: Int
  /// Commits in `base..head`, up to `limit + 1`; nil when the target branch is not in the checkout.
  public var commitCount: Int?
  public var attributionOff = false
  /// The newest `limit` commits, oldest first.
  public var commits: [Commit] = []

  public init(number: String?, baseRef: String, headRef: String?, limit: Int) {
    self.number = number
    self.baseRef = baseRef
    self.headRef = headRef
    self.limit = limit
  }

  public func render() -> String {
    let title = "## Pull request" + (number.map { " #\($0)" } ?? "") + ": AI evidence per commit"
    var out = [
      title, "",
      "> **Attribution only.** This lists the AI marks each commit carries. It is not a gate: there is no "
        + "pass/fail threshold on AI use, and a commit without a mark is not proof that no AI was used.",
      "",
    ]
    guard let count = commitCount else {
      out.append(
        "The target branch `\(baseRef)` is not in this checkout, so the request's commits cannot be "
          + "listed (fetch the whole history: `fetch-depth: 0` or `GIT_DEPTH: 0`).")
      return out.joined(separator: "\n") + "\n"
    }
    guard !attributionOff else {
      out.append("Attribution is off (--no-attribution): no evidence to list.")
      return out.joined(separator: "\n") + "\n"
    }
    let marked = commits.filter { !$0.marks.isEmpty }.count
    let into =
      headRef.map { "`\(Self.cell($0))` into `\(Self.cell(baseRef))`" } ?? "into `\(Self.cell(baseRef))`"
    out.append(
      "\(count > limit ? "The newest \(limit)" : "\(count)") commit(s) \(into), \(marked) with AI evidence.")
    out.append("")
    out.append("| commit | subject | AI evidence |")
    out.append("|---|---|---|")
    for commit in commits {
      out.append(
        "| `\(commit.short)` | \(Self.cell(String(commit.subject.prefix(80)))) | "
          + "\(commit.marks.isEmpty ? "none found" : Self.cell(commit.marks.joined(separator: ", "))) |")
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// Text safe inside a Markdown table cell.
  static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: "\n", with: " ")
  }
}
