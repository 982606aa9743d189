/// Numbers for the paths one ledger has seen, so file tables index pages instead of hashing into a
/// dictionary per commit state.
final class PathNumbers {
  private var numbers: [String: Int] = [:]
  private(set) var paths: [String] = []

  func number(of path: String) -> Int? { numbers[path] }

  func intern(_ path: String) -> Int {
    if let number = numbers[path] { return number }
    numbers[path] = paths.count
    paths.append(path)
    return paths.count - 1
  }
}

/// Slots of one page of a file table; shared between tables until one of them writes to it.
final class FilePage {
  var slots: [FileLines?]

  init() { slots = Array(repeating: nil, count: FileTable.pageSize) }
  init(copying other: FilePage) { slots = other.slots }
}

/// Every followed file of one commit state, by path, in pages of `pageSize` paths.
///
/// git/git keeps hundreds of topic-branch states alive at once, each with thousands of files. A
/// dictionary per state would be copied whole whenever a child changes one file; here a child copies
/// the page array (a few dozen references) and the one page it writes.
struct FileTable {
  static let pageSize = 64

  let numbers: PathNumbers
  private var pages: [FilePage?] = []

  init(numbers: PathNumbers) { self.numbers = numbers }

  init(numbers: PathNumbers, _ files: [String: FileLines]) {
    self.numbers = numbers
    // Sorted, so paths get the same numbers whatever the dictionary's order.
    for (path, lines) in files.sorted(by: { $0.key < $1.key }) { self[path] = lines }
  }

  subscript(path: String) -> FileLines? {
    get { numbers.number(of: path).flatMap { self[number: $0] } }
    set {
      if let newValue {
        self[number: numbers.intern(path)] = newValue
      } else if let number = numbers.number(of: path) {
        self[number: number] = nil
      }
    }
  }

  subscript(number number: Int) -> FileLines? {
    get {
      let page = number / Self.pageSize
      guard page < pages.count else { return nil }
      return pages[page]?.slots[number % Self.pageSize]
    }
    set {
      let page = number / Self.pageSize
      if page >= pages.count {
        guard newValue != nil else { return }
        pages.append(contentsOf: repeatElement(nil, count: page + 1 - pages.count))
      }
      if pages[page] == nil {
        guard newValue != nil else { return }
        pages[page] = FilePage()
      } else if !isKnownUniquelyReferenced(&pages[page]!) {
        pages[page] = FilePage(copying: pages[page]!)
      }
      pages[page]!.slots[number % Self.pageSize] = newValue
    }
  }

  mutating func removeValue(forKey path: String) {
    self[path] = nil
  }

  /// Every file held, in path-number order.
  func forEach(_ body: (String, FileLines) -> Void) {
    for (pageIndex, page) in pages.enumerated() {
      guard let page else { continue }
      for (slot, lines) in page.slots.enumerated() {
        if let lines { body(numbers.paths[pageIndex * Self.pageSize + slot], lines) }
      }
    }
  }

  var dictionary: [String: FileLines] {
    var result: [String: FileLines] = [:]
    forEach { result[$0] = $1 }
    return result
  }
}
