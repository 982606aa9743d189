import Foundation

/// Builds a reproducible, branchy history in `repo` and returns every commit it made, oldest first.
///
/// The history has several text files whose lines are edited, inserted and deleted, new files,
/// renames and deletions on the mainline, an occasional binary file, feature branches merged with
/// `--no-ff` (and some fast-forwarded), deliberate conflicts resolved in the merge commit, and tags
/// on the mainline and on branches. Dates are frozen, so the same seed (and git version) yields the
/// same commit ids. Exactly `commits` commits are made; an empty `repo` gets a root commit first.
/// Branch and tag names (`feature/N`, `feature-N-rc`, `v0.N`) are fixed, so call it once per repository.
///
/// `shapes` adds the graph shapes that stress merge handling (see `HistoryShapes`); `aiShare` gives that
/// share of ordinary commits a Claude Code co-author trailer. With neither, the history is the same as
/// before they existed, seed for seed.
@discardableResult
public func buildRandomHistory(
  in repo: FixtureRepo, seed: UInt64, commits: Int, branchProbability: Double = 0.3,
  authors: [Person] = Person.all, startDay: Int = 0, shapes: HistoryShapes = [], aiShare: Double = 0
) throws -> [String] {
  var builder = try RandomHistoryBuilder(
    repo: repo, seed: seed, authors: authors.isEmpty ? Person.all : authors, startDay: startDay)
  builder.shapes = shapes
  builder.aiShare = aiShare
  try builder.build(commits: commits, branchProbability: branchProbability)
  return builder.created
}

/// Graph shapes beyond feature branches merged once into the mainline.
public struct HistoryShapes: OptionSet, Sendable {
  public let rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }

  /// Two branches that each merge the other's tip before both land: two merge bases.
  public static let crissCross = HistoryShapes(rawValue: 1)
  /// The mainline merged into a feature branch before the branch lands.
  public static let mainIntoBranch = HistoryShapes(rawValue: 2)
  /// Three branches landed by one octopus merge.
  public static let octopus = HistoryShapes(rawValue: 4)
  /// Files renamed and deleted on feature branches.
  public static let branchRenames = HistoryShapes(rawValue: 8)
  /// A branch that lives across many episodes, takes the mainline in and lands more than once.
  public static let longLived = HistoryShapes(rawValue: 16)

  /// Blocks of lines moved within and across files, moved with small edits, moved out of a renamed file,
  /// and copied (what `git blame -M -C` follows). Not in `all`: those histories stay as they were.
  public static let moves = HistoryShapes(rawValue: 32)

  public static let all: HistoryShapes = [crissCross, mainIntoBranch, octopus, branchRenames, longLived]
}

private struct RandomHistoryBuilder {
  let repo: FixtureRepo
  let authors: [Person]
  let startDay: Int
  let mainline: String
  var random: SeededRandom
  var created: [String] = []
  var tick = 0
  var fileCounter = 0
  var lineCounter = 0
  var branchCounter = 0
  var tagCounter = 0
  var shapes: HistoryShapes = []
  var aiShare = 0.0
  /// The long-lived branch once it exists.
  var longBranch: String?

  private static let words = [
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
    "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
  ]
  private static let offsets = ["+0000", "+0200", "-0500", "+0530", "+0100"]

  init(repo: FixtureRepo, seed: UInt64, authors: [Person], startDay: Int) throws {
    self.repo = repo
    self.authors = authors
    self.startDay = startDay
    self.random = SeededRandom(seed: seed)
    self.mainline = try repo.currentBranch() ?? "main"
  }

  mutating func build(commits: Int, branchProbability: Double) throws {
    if try !repo.gitResult(["rev-parse", "--verify", "-q", "HEAD"]).succeeded, commits > 0 {
      for _ in 0..<3 { try addFile() }
      try commit("Initial import")
    }
    while created.count < commits {
      let remaining = commits - created.count
      if !shapes.subtracting(.moves).isEmpty, remaining >= 8, random.chance(0.25) {
        try shapedEpisode()
      } else if remaining >= 3, random.chance(branchProbability) {
        try branchEpisode(budget: remaining)
      } else {
        try editMainline()
        try commit(message())
      }
      if random.chance(0.12) { try tagMainline() }
    }
  }

  // Renames and deletions only happen here, outside branch episodes, so merges meet content
  // conflicts only; rename/delete conflicts would need a smarter resolver than the fixtures want.
  private mutating func editMainline() throws {
    let roll = random.int(in: 0...99)
    let files = try textFiles()
    guard !files.isEmpty else { return try addFile() }
    if shapes.contains(.moves), files.count >= 2, random.chance(0.35) { return try moveBlock(files) }
    switch roll {
    case 0..<55: try editLines(random.pick(files))
    case 55..<67: try addFile()
    case 67..<77:
      let from = random.pick(files)
      fileCounter += 1
      try repo.move(from, "src/moved\(fileCounter)/\(URL(fileURLWithPath: from).lastPathComponent)")
    case 77..<83 where files.count > 2: try repo.remove(random.pick(files))
    case 83..<88: try writeBinary()
    default:
      try editLines(random.pick(files))
      try editLines(random.pick(files))
    }
  }

  private mutating func editBranch() throws {
    let roll = random.int(in: 0...99)
    let files = try textFiles()
    guard !files.isEmpty else { return try addFile() }
    if shapes.contains(.branchRenames), roll >= 90, let own = try ownFile() {
      // Only files this branch made are renamed or deleted, so the mainline never meets a rename/delete
      // conflict; their lines still move and die on the branch.
      if random.chance(0.5) {
        fileCounter += 1
        try repo.move(own, "src/branch\(fileCounter)/\(URL(fileURLWithPath: own).lastPathComponent)")
      } else {
        try repo.remove(own)
      }
      return
    }
    switch roll {
    case 0..<70: try editLines(random.pick(files))
    case 70..<85: try addFile()
    case 85..<90: try writeBinary()
    default:
      try editLines(random.pick(files))
      try addFile()
    }
  }

  private mutating func branchEpisode(budget: Int) throws {
    branchCounter += 1
    let name = "feature/\(branchCounter)"
    let target = try conflictTarget()
    let conflict = random.chance(0.25) && target != nil
    var mainCommits = conflict ? random.int(in: 1...2) : random.int(in: 0...2)
    var branchCommits = random.int(in: 1...4)
    // The merge commit counts too: trim main first, then the branch, to stay within budget.
    while mainCommits + branchCommits + 1 > budget {
      if mainCommits > (conflict ? 1 : 0) { mainCommits -= 1 } else { branchCommits -= 1 }
    }

    try repo.checkoutNewBranch(name)
    for index in 0..<branchCommits {
      if conflict, index == 0, let target { try rewrite(target, as: "branch \(branchCounter)") }
      try editBranch()
      try commit(message())
    }
    if random.chance(0.25) { try repo.tag("\(name.replacingOccurrences(of: "/", with: "-"))-rc") }
    try repo.checkout(mainline)
    for index in 0..<mainCommits {
      if conflict, index == 0, let target { try rewrite(target, as: "mainline \(branchCounter)") }
      try editBranch()
      try commit(message())
    }

    let fastForward = mainCommits == 0 && random.chance(0.5)
    let (author, date) = nextSignature()
    let head = try repo.merge(
      name, author: author, day: date.day, seconds: date.seconds, offset: date.offset,
      noFastForward: !fastForward, allowConflictResolution: { try $0.resolveConflictsKeepingBothSides() })
    if !fastForward { created.append(head) }
  }

  // The line both sides will rewrite, chosen in the common base so the merge must conflict.
  private mutating func conflictTarget() throws -> (path: String, line: Int)? {
    let files = try textFiles()
    guard !files.isEmpty else { return nil }
    let path = random.pick(files)
    let lines = try lines(of: path)
    return (path, random.int(in: 0...(lines.count - 1)))
  }

  private mutating func rewrite(_ target: (path: String, line: Int), as side: String) throws {
    var lines = try lines(of: target.path)
    lines[min(target.line, lines.count - 1)] = "\(side) rewrites this line"
    try repo.write(target.path, lines.joined(separator: "\n") + "\n")
  }

  private mutating func editLines(_ path: String) throws {
    var lines = try lines(of: path)
    for _ in 0..<random.int(in: 1...3) {
      let at = random.int(in: 0...(lines.count - 1))
      switch random.int(in: 0...2) {
      case 0: lines[at] = newLine()
      case 1: lines.insert(contentsOf: (0..<random.int(in: 1...4)).map { _ in newLine() }, at: at)
      default:
        let count = min(random.int(in: 1...3), lines.count - 1)
        if count > 0 { lines.removeSubrange(at..<min(at + count, lines.count)) }
      }
      if lines.isEmpty { lines = [newLine()] }
    }
    try repo.write(path, lines.joined(separator: "\n") + "\n")
  }

  /// One commit's worth of moved or copied lines (see `HistoryShapes.moves`).
  private mutating func moveBlock(_ files: [String]) throws {
    let kind = random.int(in: 0...5)
    let original = random.pick(files)
    var from = original
    var source = try lines(of: from)
    // A rename keeps most of its file, so git's and libgit2's similarity scores agree it is one.
    let count = min(random.int(in: 1...8), max(1, kind == 3 ? source.count / 4 : source.count - 1))
    let start = random.int(in: 0...(source.count - count))
    var block = Array(source[start..<(start + count)])
    if kind == 2 { block[random.int(in: 0...(block.count - 1))] = newLine() }
    if kind == 3 {
      fileCounter += 1
      let renamed = "src/moved\(fileCounter)/\(URL(fileURLWithPath: from).lastPathComponent)"
      try repo.move(from, renamed)
      from = renamed
    }
    let copies = kind >= 4
    if !copies { source.removeSubrange(start..<(start + count)) }
    if kind == 0 || (kind == 5 && random.chance(0.5)) {
      // Within the file: somewhere else in it.
      var at = random.int(in: 0...source.count)
      if copies, at > start, at < start + count { at = start }
      source.insert(contentsOf: block, at: at)
      try repo.write(from, (source.isEmpty ? [newLine()] : source).joined(separator: "\n") + "\n")
      return
    }
    try repo.write(from, (source.isEmpty ? [newLine()] : source).joined(separator: "\n") + "\n")
    let others = files.filter { $0 != original }
    guard !others.isEmpty else { return }
    let to = random.pick(others)
    var target = try lines(of: to)
    target.insert(contentsOf: block, at: random.int(in: 0...target.count))
    try repo.write(to, target.joined(separator: "\n") + "\n")
  }

  private mutating func addFile() throws {
    fileCounter += 1
    let folder = random.pick(["src", "src/core", "docs", "tests"])
    let lines = (0..<random.int(in: 4...12)).map { _ in newLine() }
    try repo.write("\(folder)/file\(fileCounter).txt", lines.joined(separator: "\n") + "\n")
  }

  private mutating func writeBinary() throws {
    let slot = random.int(in: 0...2)
    try repo.writeBinary(
      "assets/blob\(slot).bin", byteCount: random.int(in: 16...256), seed: UInt8(tick % 251))
  }

  private mutating func tagMainline() throws {
    tagCounter += 1
    let message = tagCounter.isMultiple(of: 2) ? "Release 0.\(tagCounter)" : nil
    try repo.tag("v0.\(tagCounter)", annotated: message, day: startDay + tick / 6)
  }

  private mutating func commit(_ message: String) throws {
    var message = message
    if aiShare > 0, random.chance(aiShare) { message += "\n\nCo-Authored-By: Claude <noreply@anthropic.com>" }
    let (author, date) = nextSignature()
    created.append(
      // An edit can happen to reproduce the current content (a binary slot rewritten with the same
      // bytes); allowing an empty commit keeps the commit count exact instead of failing.
      try repo.commit(
        message, author: author, day: date.day, seconds: date.seconds, offset: date.offset, allowEmpty: true))
  }

  // Six commits a day, four hours apart, so dates strictly increase in creation order.
  private mutating func nextSignature() -> (Person, (day: Int, seconds: Int, offset: String)) {
    defer { tick += 1 }
    let date = (day: startDay + tick / 6, seconds: (tick % 6) * 14_400, offset: random.pick(Self.offsets))
    return (random.pick(authors), date)
  }

  private mutating func message() -> String {
    let verb = random.pick(["Fix", "Add", "Update", "Refactor", "Tidy"])
    return "\(verb) \(random.pick(Self.words)) \(created.count)"
  }

  private mutating func newLine() -> String {
    lineCounter += 1
    return (0..<3).map { _ in random.pick(Self.words) }.joined(separator: " ") + " \(lineCounter)"
  }

  /// A text file that exists only on the current branch (not at the mainline's tip), if one does.
  private mutating func ownFile() throws -> String? {
    let onMainline = Set(
      try repo.git(["ls-tree", "-r", "--name-only", mainline]).split(separator: "\n").map(String.init))
    let own = try textFiles().filter { !onMainline.contains($0) }
    return own.isEmpty ? nil : random.pick(own)
  }

  private mutating func mergeCommit(_ rev: String, into branch: String) throws {
    try repo.checkout(branch)
    let (author, date) = nextSignature()
    created.append(
      try repo.merge(
        rev, author: author, day: date.day, seconds: date.seconds, offset: date.offset,
        allowConflictResolution: { try $0.resolveConflictsKeepingBothSides() }))
  }

  /// One of the shapes asked for; at most eight commits.
  private mutating func shapedEpisode() throws {
    // The long-lived branch comes up twice as often, so it lands more than once in a short history.
    let chosen = [
      HistoryShapes.crissCross, .mainIntoBranch, .octopus, .longLived, .longLived, .branchRenames,
    ].filter { shapes.contains($0) }
    switch random.pick(chosen) {
    case .crissCross:
      branchCounter += 1
      let (a, b) = ("cross/\(branchCounter)a", "cross/\(branchCounter)b")
      for name in [a, b] {
        try repo.checkoutNewBranch(name, at: mainline)
        try addFile()
        try editBranch()
        try commit(message())
      }
      let (tipA, tipB) = (try repo.revParse(a), try repo.revParse(b))
      try mergeCommit(tipB, into: a)
      try mergeCommit(tipA, into: b)
      try repo.checkout(b)
      try editBranch()
      try commit(message())
      try mergeCommit(a, into: mainline)
      try mergeCommit(b, into: mainline)
    case .mainIntoBranch:
      branchCounter += 1
      let name = "feature/\(branchCounter)"
      try repo.checkoutNewBranch(name)
      try editBranch()
      try commit(message())
      try repo.checkout(mainline)
      try editMainline()
      try commit(message())
      try mergeCommit(mainline, into: name)
      try editBranch()
      try commit(message())
      try mergeCommit(name, into: mainline)
    case .octopus:
      var heads: [String] = []
      for _ in 0..<3 {
        branchCounter += 1
        let name = "feature/\(branchCounter)"
        // Each head adds a file of its own: octopus merges cannot record conflicts.
        try repo.checkoutNewBranch(name, at: mainline)
        try addFile()
        try commit(message())
        heads.append(name)
      }
      try repo.checkout(mainline)
      let (author, date) = nextSignature()
      created.append(
        try repo.mergeOctopus(
          heads, author: author, day: date.day, seconds: date.seconds, offset: date.offset))
    case .longLived:
      let name = longBranch ?? "long/1"
      if longBranch == nil {
        try repo.checkoutNewBranch(name)
        longBranch = name
      } else {
        try mergeCommit(mainline, into: name)
      }
      for _ in 0..<random.int(in: 1...3) {
        try editBranch()
        try commit(message())
      }
      if random.chance(0.75) {
        try mergeCommit(name, into: mainline)
      } else {
        try repo.checkout(mainline)
      }
    default:
      // Renames and deletions on a branch of files it made itself.
      branchCounter += 1
      let name = "feature/\(branchCounter)"
      try repo.checkoutNewBranch(name)
      try addFile()
      try commit(message())
      for _ in 0..<2 {
        if let own = try ownFile() {
          fileCounter += 1
          try repo.move(own, "src/renamed\(fileCounter)/\(URL(fileURLWithPath: own).lastPathComponent)")
          try editLines("src/renamed\(fileCounter)/\(URL(fileURLWithPath: own).lastPathComponent)")
        }
        try commit(message())
      }
      if let own = try ownFile(), random.chance(0.5) { try repo.remove(own) }
      try editBranch()
      try commit(message())
      try mergeCommit(name, into: mainline)
    }
  }

  private func textFiles() throws -> [String] {
    try repo.git(["ls-files"]).split(separator: "\n").map(String.init).filter { $0.hasSuffix(".txt") }
  }

  private func lines(of path: String) throws -> [String] {
    let text = try repo.read(path)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    // Editing picks positions in 0..<count, so an empty file reads as one blank line.
    return lines.isEmpty ? [""] : lines
  }
}
