import OutcomeModel

/// Choices that change which evidence decides a cohort.
public struct AttributionOptions: Sendable, Hashable {
  /// Let medium evidence alone (a branch prefix, a catalogue label) make a change `assisted`
  /// (`--accept medium`).
  public var acceptMedium = false
  /// Pull-request labels the user's configuration names as AI marks; they count as strong evidence.
  public var aiLabels: Set<String> = []
  /// In-house bots (`--bot`, `bots:` in teams.yml): globs (`*`, `?`, case-insensitive) matched against
  /// the author's email, and against `Name <email>`.
  public var bots: [String] = []

  public init(acceptMedium: Bool = false, aiLabels: Set<String> = [], bots: [String] = []) {
    self.acceptMedium = acceptMedium
    self.aiLabels = aiLabels
    self.bots = bots
  }
}

/// What attribution concluded about one change, and why.
public struct Attribution: Sendable, Hashable {
  public var cohort: Cohort
  /// Catalogue ids of the AI tools with counted evidence, sorted and unique.
  public var tools: [String]
  /// Counted evidence, plus tool-committed marks (Aider committing a person's own edits), which are
  /// recorded for explanation but never count as AI.
  public var evidence: [Evidence]
  /// Marks that were found but not counted, with the reason in their detail: dated before their tool
  /// existed, or a prefix the tool writes on the person's own edits too.
  public var ignored: [Evidence]
  /// Models named by counted evidence (`Claude Opus 4.6 (1M context)`, `openai/gpt-4.1`), sorted.
  public var models: [String]
  /// Added lines attributed to AI: from note ranges when a note covers the commit, else all added
  /// lines of an AI-marked change; for merges an estimate (see the module README).
  public var aiLinesAdded: Int
  /// A git-ai note or Agent Trace record decided `aiLinesAdded`.
  public var notesUsed: Bool
  /// A note applied but the change came without hunks, so its AI lines could not be counted
  /// (`aiLinesAdded` is 0): mine the commits that have notes with hunks.
  public var needsHunks: Bool

  public init(
    cohort: Cohort, tools: [String] = [], evidence: [Evidence] = [], ignored: [Evidence] = [],
    models: [String] = [], aiLinesAdded: Int = 0, notesUsed: Bool = false, needsHunks: Bool = false
  ) {
    self.cohort = cohort
    self.tools = tools
    self.evidence = evidence
    self.ignored = ignored
    self.models = models
    self.aiLinesAdded = aiLinesAdded
    self.notesUsed = notesUsed
    self.needsHunks = needsHunks
  }
}
