extension LineLedger {
  /// Every line of every followed file at the newest mainline change, as `lines(at:)` gives them; filled
  /// only when the ledger keeps resumable state (`undoDepth > 0`), a cached run included, so blame at
  /// the tip needs no full pass. Empty otherwise.
  public func linesAtTip() -> [String: [LineOrigin]] {
    Self.origins(tipFiles)
  }
}
