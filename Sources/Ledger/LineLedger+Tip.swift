extension LineLedger {
  /// Every line of every followed file at the newest mainline change, as `lines(at:)` gives them; filled
  /// only when the ledger keeps resumable state (`undoDepth > 0`), a cached run included, so blame at
  /// the tip needs no full pass. Empty otherwise.
  public func linesAtTip() -> [String: [LineOrigin]] {
    tipFiles.dictionary.compactMapValues { lines in
      guard lines.known else { return nil }
      return lines.runs.flatMap { run in
        repeatElement(
          LineOrigin(
            origin: run.origin == LineRun.unknown ? -1 : Int(run.origin),
            landing: run.landing == LineRun.notLanded ? nil : Int(run.landing), ai: run.ai),
          count: Int(run.count))
      }
    }
  }
}
