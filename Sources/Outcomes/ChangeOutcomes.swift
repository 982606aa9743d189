import Ledger
import OutcomeModel

/// Per-change outcomes from the ledger's lines and the mainline's messages: fate, reverts, SZZ.
public struct ChangeOutcomes: Sendable {
  public var fate: [LineFate]
  public var reverted: [Int: RevertRecord]
  /// Reverts that were themselves reverted: the change re-landed.
  public var relanded: [Int: RevertRecord]
  /// By inducing change: the fix changes that blamed it.
  public var defectsInduced: [Int: [String]]
  public var fixKinds: [Int: FixRules.Kind]
  public var szz: SZZSummary
}

/// What SZZ did, for the run's summary and the report's linkage mix.
public struct SZZSummary: Sendable, Hashable {
  public var fixes = 0
  /// Fixes whose `Fixes:` trailer named the inducing change directly.
  public var byTrailer = 0
  /// Fixes that only added lines (or whose removed lines were all filtered): nothing to blame.
  public var ghosts = 0
  /// Candidate changes dropped by MA-SZZ's filters (reverts, very large changes, newer than the report).
  public var filteredCandidates = 0
}

/// Inputs that are not in the history itself.
public struct OutcomeInputs: Sendable {
  /// Fix changes linked to bug issues, by mainline index, with the bug's report time when known.
  public var bugFixes: [Int: Int64?] = [:]
  public var fixRules = FixRules()
  /// The fix kind of each fix change, by mainline index, when the caller already decided them (the pass
  /// does, once per commit); nil decides them here from `fixRules` and `bugFixes`.
  public var fixKinds: [Int: FixRules.Kind]?
  /// SZZ's large-change filter (pyszz's default is 20 files).
  public var largeChangeFiles = 20
  /// The rule the ledger followed moves by; `off` leaves moved and copied lines unmeasured (nil).
  public var moves = MoveDetection.commit

  public init() {}
}

extension ChangeOutcomes {
  /// Which changes to hand the ledger as fixes (it collects the lines they remove).
  public static func fixKinds(
    _ changes: [MainlineSummary], inputs: OutcomeInputs
  ) -> [Int: FixRules.Kind] {
    var kinds: [Int: FixRules.Kind] = [:]
    for (index, change) in changes.enumerated() {
      if let kind = inputs.fixRules.kind(of: change, linkedToBug: inputs.bugFixes[index] != nil) {
        kinds[index] = kind
      }
    }
    return kinds
  }

  /// Puts the outcomes together once the ledger has seen the whole history.
  ///
  /// `endTime` is the time of the last commit: horizons beyond it are censored (unknown, never "alive").
  public init(
    changes: [MainlineSummary], lines: [ChangeLines], endTime: Int64, inputs: OutcomeInputs = OutcomeInputs()
  ) {
    precondition(changes.count == lines.count)
    fate = lines.map { Self.fate(of: $0, endTime: endTime, moves: inputs.moves) }
    let revertFindings = RevertDetector.findings(in: changes)
    (reverted, relanded) = RevertDetector.records(in: changes, findings: revertFindings)
    fixKinds = inputs.fixKinds ?? Self.fixKinds(changes, inputs: inputs)
    defectsInduced = [:]
    szz = SZZSummary()
    let reverts = Set(revertFindings.map(\.change))
    let shas = ShaIndex(changes)
    for (fix, kind) in fixKinds.sorted(by: { $0.key < $1.key }) {
      szz.fixes += 1
      let fixSha = changes[fix].sha
      if kind == .fixesTrailer {
        let named = FixRules.fixesTrailerShas(changes[fix]).compactMap { shas.change(owning: $0) }.filter {
          $0 < fix
        }
        if !named.isEmpty {
          szz.byTrailer += 1
          for inducer in Set(named).sorted() { defectsInduced[inducer, default: []].append(fixSha) }
          continue
        }
      }
      let reportedAt = inputs.bugFixes[fix] ?? nil
      var blamed = 0
      for inducer in lines[fix].blamed.keys.sorted() where inducer < fix {
        let tooLarge = lines[inducer].filesChanged > inputs.largeChangeFiles
        let afterReport = reportedAt.map { changes[inducer].time > $0 } ?? false
        if reverts.contains(inducer) || tooLarge || afterReport {
          szz.filteredCandidates += 1
          continue
        }
        defectsInduced[inducer, default: []].append(fixSha)
        blamed += 1
      }
      if blamed == 0 { szz.ghosts += 1 }
    }
  }

  static func fate(of lines: ChangeLines, endTime: Int64, moves: MoveDetection = .commit) -> LineFate {
    let observed = Int(max(0, endTime - lines.time) / 86_400)
    let days = lines.deaths.keys.sorted()
    var fate = LineFate(
      owned: lines.owned, aiOwned: lines.aiOwned, alive: max(0, lines.owned - lines.deathTotal),
      observedDays: observed, deaths: days.map { [$0, lines.deaths[$0]!.total] })
    func died(before horizon: Int) -> DeathCount {
      var sum = DeathCount()
      for day in days where day < horizon {
        sum.own += lines.deaths[day]!.own
        sum.others += lines.deaths[day]!.others
      }
      return sum
    }
    func alive(at horizon: Int) -> Int? {
      observed >= horizon ? max(0, lines.owned - died(before: horizon).total) : nil
    }
    fate.aiAlive = max(0, lines.aiOwned - lines.aiDeaths)
    if moves != .off {
      fate.moved = lines.linesMoved
      fate.copied = lines.linesCopied
    }
    fate.alive30d = alive(at: 30)
    fate.alive90d = alive(at: 90)
    fate.alive180d = alive(at: 180)
    if observed >= 14 { fate.churned14d = died(before: 14).total }
    if observed >= 21 {
      let churn = died(before: 21)
      fate.churned21d = churn.total
      fate.churned21dSelf = churn.own
      fate.churned21dOthers = churn.others
    }
    return fate
  }
}
