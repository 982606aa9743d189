import Ledger
import OutcomeModel
import Outcomes

/// How the line ledger runs: which files count and which changes are fixes.
public struct LedgerRequest: Sendable {
  public var paths = PathFilter.standard
  public var fixRules = FixRules()
  /// Fix changes linked to bug issues (from tracker exports), by sha, with the report time when known.
  public var bugFixes: [String: Int64?] = [:]
  /// How many of the newest mainline changes keep the line states a resumed run can start a new branch
  /// from; a branch forking further back makes the cache rebuild.
  public var resumableDepth = 2_000
  /// How far line origins follow moved and copied code (`--moves`); `git blame -M -C` by default.
  public var moves = MoveDetection.commit

  public init() {}
}

extension LedgerRequest {
  /// From command-line choices: `exclude` adds to the default excludes unless those are switched off; an
  /// empty `fixPatterns` keeps the default subject patterns.
  public init(
    include: [String], exclude: [String], defaultExcludes: Bool, fixPatterns: [String]
  ) throws {
    self.init()
    paths = PathFilter(
      include: include, exclude: (defaultExcludes ? PathFilter.defaultExcludes : []) + exclude)
    if !fixPatterns.isEmpty {
      fixRules = FixRules(subjectPatterns: fixPatterns)
      do {
        try fixRules.validate()
      } catch {
        throw PipelineError.badInput(error.description)
      }
    }
  }
}
