import OutcomeModel

extension MainlinePlan {
  /// The commits the change at `position` brought in (empty unless it is a merge), known from the plan
  /// alone, so tracker links can be found before the history is mined.
  public func contributingIDs(at position: Int) -> [CommitID] {
    entries[position].contributing.map(\.commitID)
  }
}
