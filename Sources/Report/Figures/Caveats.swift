/// The sentences every report carries, whatever its format.
enum Caveats {
  static let selection =
    "This comparison does not control for selection: people chose which tasks to use AI on, so differences between AI-marked and unmarked changes are associations, not effects of AI."

  static func all(options: ReportOptions, input: ReportInput) -> [String] {
    var caveats = [
      selection,
      "\"Unmarked\" means no AI mark was found, not that no AI was used: detection is a lower bound.",
      "\"Bot\" changes (dependency, CI and release automation) are shown apart: they are neither AI nor unmarked work, and the AI shares of lines leave them out of the denominator.",
      "People are never listed or ranked. Cells with fewer than \(options.minAuthors) distinct authors are hidden, and further cells are hidden so that no hidden cell can be recovered by subtraction; teams with too few authors are left out. Cells with fewer than \(options.minChanges) changes show counts only (insufficient data).",
      "A change whose author or files map to several teams counts in full in each of them; team figures are never summed (the overview counts each change once).",
      "Line metrics count owned lines in eligible files (generated, vendored, lock and binary files excluded). Lines alive at the end of history are censored, not counted as survivors of horizons not yet reached.",
      "Without deployment data, landing on the main branch stands in for deployment.",
      "Defects are estimated by SZZ and explicit Fixes links: treat them as estimates, not a list of culprits.",
      "Rates carry 95% Wilson intervals, medians and line shares 95% bootstrap intervals (\(options.bootstrapResamples) resamples of changes, seed \(options.seed)). A difference whose interval spans zero is reported as \"no clear difference\".",
    ]
    if input.teamSource == .topLevelFolders {
      caveats.append(
        "Teams are top-level folders (no teams.yml or CODEOWNERS found); files at the root and dot-folders such as .github form one group, \"\(TeamResolver.repositoryWide)\"."
      )
    }
    let withFate = input.records.filter { $0.fate != nil }.count
    let measured = input.records.filter { $0.fate?.moved != nil }.count
    if !input.records.isEmpty && measured == 0 {
      caveats.append(
        "Moved and copy-pasted lines were not measured (--moves off, or rows from before they existed): their rows are left out."
      )
    } else if measured < withFate {
      // Repositories published with --moves off (or before it existed) sit beside measured ones.
      caveats.append(
        "Moved and copy-pasted lines were measured for \(measured) of \(withFate) changes (the rest were mined with --moves off or before they existed); their shares rest on those changes alone."
      )
    }
    if input.pullRequests == nil {
      caveats.append("No PR export was given: the PR merge rate is not available.")
    }
    if input.issues == nil {
      caveats.append("No tracker export was given: issue resolution and reopen rates are not available.")
    }
    return caveats
  }
}
