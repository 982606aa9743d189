/// Primary and complementary cell suppression for one report.
///
/// Primary: a cell with changes from fewer than `minAuthors` distinct people is hidden. Complementary:
/// whenever a published total and its published parts would give a hidden cell back by subtraction
/// (or several hidden cells whose authors together are fewer than `minAuthors`), one more member of
/// that relation is hidden (the least important one), repeated until stable. The
/// same goes for two teams whose change sets nest: if the larger minus the smaller comes from fewer
/// than `minAuthors` people, the smaller is hidden. Empty cells are known zeros and never hidden.
struct Suppression {
  struct Key: Hashable, Comparable {
    var team: String
    var bucket: String
    var cohort: ReportCohort

    static func < (a: Key, b: Key) -> Bool {
      (a.team, a.bucket, a.cohort.rawValue) < (b.team, b.bucket, b.cohort.rawValue)
    }
  }

  struct Cell {
    /// Ids of the rows in the cell (changes and PRs), for nesting checks.
    var members: Set<Int>
    var authors: Set<String>
    /// Lower is hidden first when a relation needs one more hidden cell.
    var priority: Int
  }

  var cells: [Key: Cell] = [:]
  /// `total = Σ parts` relations that hold by construction.
  var relations: [(total: Key, parts: [Key])] = []
  /// Author of each member id, for the nesting check.
  var authorOf: [Int: String] = [:]

  /// The hidden cells.
  func solve(minAuthors: Int) -> Set<Key> {
    var hidden = Set(
      cells.filter { !$0.value.authors.isEmpty && $0.value.authors.count < minAuthors }.map(\.key))
    func hideable(_ key: Key) -> Bool {
      guard let cell = cells[key] else { return false }
      return !hidden.contains(key) && !cell.authors.isEmpty
    }
    var changed = true
    while changed {
      changed = false
      for relation in relations {
        let members = [relation.total] + relation.parts
        // One hidden member comes back by subtraction; several come back as their sum, which must
        // itself rest on enough people.
        let hiddenMembers = members.filter { hidden.contains($0) }
        guard !hiddenMembers.isEmpty else { continue }
        if hiddenMembers.count > 1 {
          let people = Set(hiddenMembers.flatMap { cells[$0]?.authors ?? [] })
          guard people.count < minAuthors else { continue }
        }
        let candidates = members.filter(hideable)
        if let victim = candidates.min(by: { (cells[$0]!.priority, $0) < (cells[$1]!.priority, $1) }) {
          hidden.insert(victim)
          changed = true
        }
      }
      changed = hideNestedTeams(&hidden, minAuthors: minAuthors) || changed
    }
    return hidden
  }

  private func hideNestedTeams(_ hidden: inout Set<Key>, minAuthors: Int) -> Bool {
    var changed = false
    let groups = Dictionary(
      grouping: cells.keys.filter { !hidden.contains($0) && !cells[$0]!.authors.isEmpty }
    ) {
      "\($0.bucket)|\($0.cohort.rawValue)"
    }
    for keys in groups.values {
      let sorted = keys.sorted()
      for a in sorted {
        for b in sorted where a != b && !hidden.contains(a) && !hidden.contains(b) {
          let small = cells[a]!.members
          let large = cells[b]!.members
          guard small.count < large.count, small.isSubset(of: large) else { continue }
          let rest = Set(large.subtracting(small).compactMap { authorOf[$0] })
          if rest.count < minAuthors {
            hidden.insert(a)
            changed = true
          }
        }
      }
    }
    return changed
  }

  /// Hide order inside a relation: specific cohorts before the AI union, months before the period.
  static func priority(cohort: ReportCohort, isPeriod: Bool, changes: Int) -> Int {
    let rank: Int
    switch cohort {
    case .assisted, .bot: rank = 0
    case .agent: rank = 1
    case .all: rank = 2
    case .ai: rank = 3
    case .unmarked: rank = 4
    }
    return (isPeriod ? 1_000_000_000 : 0) + rank * 100_000_000 + min(changes, 99_999_999)
  }
}
