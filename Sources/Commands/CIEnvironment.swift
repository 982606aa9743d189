import Foundation
import Pipeline

/// The CI system a run is in, read from the variables each system sets, and what it says about the build.
public struct CIEnvironment: Sendable, Hashable {
  public enum Kind: String, Sendable {
    case github, gitlab, plain

    public var displayName: String {
      switch self {
      case .github: "GitHub Actions"
      case .gitlab: "GitLab CI"
      case .plain: "a plain environment"
      }
    }
  }

  /// The pull (merge) request a build is for: its target branch and, where the CI names them, the
  /// exact commits.
  public struct PullRequest: Sendable, Hashable {
    public var number: String?
    /// The branch the request targets (`main`).
    public var baseRef: String
    /// The request's own branch, when the CI names it.
    public var headRef: String?
    /// The commit the range starts from (GitHub's base sha, GitLab's diff base), when known.
    public var baseSHA: String?
    /// The request's tip, when known; otherwise HEAD.
    public var headSHA: String?

    public init(
      number: String?, baseRef: String, headRef: String?, baseSHA: String? = nil, headSHA: String? = nil
    ) {
      self.number = number
      self.baseRef = baseRef
      self.headRef = headRef
      self.baseSHA = baseSHA
      self.headSHA = headSHA
    }
  }

  public var kind: Kind
  /// GitHub's `GITHUB_STEP_SUMMARY`: a file the job appends Markdown to.
  public var stepSummary: String?
  public var pullRequest: PullRequest?
  /// The repository's default branch as the CI knows it (GitHub's event payload, GitLab's
  /// `CI_DEFAULT_BRANCH`): the mainline when `--branch` is not given.
  public var defaultBranch: String?

  /// Reads the environment; GitHub's event payload file is read for the exact shas and default branch.
  public init(environment all: [String: String]) {
    // CIs set some variables to the empty string rather than leaving them out; both mean "not given".
    let environment = all.filter { !$0.value.isEmpty }
    if environment["GITHUB_ACTIONS"] == "true" {
      kind = .github
      stepSummary = environment["GITHUB_STEP_SUMMARY"]
      let event = environment["GITHUB_EVENT_PATH"].flatMap(Self.eventPayload)
      defaultBranch = (event?["repository"] as? [String: Any])?["default_branch"] as? String
      let name = environment["GITHUB_EVENT_NAME"] ?? ""
      if name == "pull_request" || name == "pull_request_target", let base = environment["GITHUB_BASE_REF"] {
        let request = event?["pull_request"] as? [String: Any]
        let number =
          (request?["number"] as? Int).map { String($0) } ?? Self.pullNumber(environment["GITHUB_REF"])
        pullRequest = PullRequest(
          number: number, baseRef: base, headRef: environment["GITHUB_HEAD_REF"],
          baseSHA: (request?["base"] as? [String: Any])?["sha"] as? String,
          headSHA: (request?["head"] as? [String: Any])?["sha"] as? String)
      }
    } else if environment["GITLAB_CI"] == "true" {
      kind = .gitlab
      defaultBranch = environment["CI_DEFAULT_BRANCH"]
      if let iid = environment["CI_MERGE_REQUEST_IID"],
        let base = environment["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"]
      {
        pullRequest = PullRequest(
          number: iid, baseRef: base, headRef: environment["CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"],
          baseSHA: environment["CI_MERGE_REQUEST_DIFF_BASE_SHA"],
          // Merged-results pipelines build a merge of the request into its target; the source sha is
          // the request's own tip.
          headSHA: environment["CI_MERGE_REQUEST_SOURCE_BRANCH_SHA"] ?? environment["CI_COMMIT_SHA"])
      }
    } else {
      kind = .plain
    }
  }

  /// The one-line fix for a shallow checkout, in this CI's own terms.
  public func shallowFix(path: String) -> String {
    switch kind {
    case .github:
      return
        "\(path): shallow checkout; outcomes needs the whole history: give actions/checkout `fetch-depth: 0` and add a step `git fetch origin 'refs/notes/ai:refs/notes/ai'` for AI notes (adapters/ci/github-actions.yml)"
    case .gitlab:
      return
        "\(path): shallow clone (GitLab fetches 20 commits by default); outcomes needs the whole history: set `GIT_DEPTH: 0` under the job's `variables:` and run `git fetch origin 'refs/notes/ai:refs/notes/ai'` for AI notes (adapters/ci/gitlab-ci.yml)"
    case .plain:
      return
        "\(path): shallow clone; outcomes needs the whole history: run `git fetch --unshallow` (and `git fetch origin 'refs/notes/ai:refs/notes/ai'` for AI notes), or pass --allow-shallow to mine what exists"
    }
  }

  private static func eventPayload(_ path: String) -> [String: Any]? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
  }

  /// `refs/pull/12/merge` → `12`.
  private static func pullNumber(_ ref: String?) -> String? {
    guard let parts = ref?.split(separator: "/"), parts.count == 4, parts[1] == "pull" else { return nil }
    return String(parts[2])
  }
}
