import Foundation
import TestSupport

/// Opens pages in real headless Chromium and reports what a reader would miss: script errors in the
/// console and charts that did not make it into the rendered DOM.
enum Browser {
  static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

  /// `OUTCOMES_CHROMIUM`, else the first of `names` on PATH.
  static func chromium() -> URL? {
    if let explicit = ProcessInfo.processInfo.environment["OUTCOMES_CHROMIUM"] {
      return FileManager.default.isExecutableFile(atPath: explicit) ? URL(fileURLWithPath: explicit) : nil
    }
    return findExecutable(names).map(URL.init(fileURLWithPath:))
  }

  static func findExecutable(_ names: [String]) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for name in names {
      for dir in path.split(separator: ":") {
        let candidate = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      }
    }
    return nil
  }

  struct Page {
    var dom: String
    var console: [String]
  }

  static func baseArguments(profile: URL) -> [String] {
    [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
      "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
      "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
    ]
  }

  /// Loads `file`, returns the DOM after parsing and the console lines Chromium logged.
  static func open(_ chromium: URL, _ file: URL, scratch: URL) throws -> Page {
    let result = try run(
      chromium,
      baseArguments(profile: scratch.appendingPathComponent("profile-dom"))
        + ["--virtual-time-budget=3000", "--dump-dom", file.absoluteString])
    let console = result.stderr.split(separator: "\n").map(String.init).filter { $0.contains("CONSOLE") }
    return Page(dom: result.stdout, console: console)
  }

  /// Saves a PNG of the page at the given window size.
  static func screenshot(_ chromium: URL, _ file: URL, to png: URL, scratch: URL, size: String = "1100,2600")
    throws
  {
    _ = try run(
      chromium,
      baseArguments(profile: scratch.appendingPathComponent("profile-shot"))
        + ["--window-size=\(size)", "--screenshot=\(png.path)", file.absoluteString])
  }

  /// Prints the page to PDF with the print stylesheet applied.
  static func printToPDF(_ chromium: URL, _ file: URL, to pdf: URL, scratch: URL) throws {
    _ = try run(
      chromium,
      baseArguments(profile: scratch.appendingPathComponent("profile-pdf"))
        + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", file.absoluteString])
  }

  private static func run(_ chromium: URL, _ arguments: [String]) throws -> ProcessResult {
    // A wedged browser must not hang the suite: `timeout` kills it after a minute.
    if let timeout = findExecutable(["timeout"]) {
      return try runProcess(URL(fileURLWithPath: timeout), ["60", chromium.path] + arguments)
    }
    return try runProcess(chromium, arguments)
  }

  /// Problems a reader would notice: console errors and expected charts missing or empty.
  static func problems(_ page: Page, expectedCharts: [String]) -> [String] {
    var problems = page.console.filter { line in
      ["Uncaught", "Error", "error", "Failed to load"].contains { line.contains($0) }
    }.map { "console: \($0)" }
    if !page.dom.contains("</html>") { problems.append("no DOM dumped") }
    for id in expectedCharts {
      guard let start = page.dom.range(of: "<svg id=\"\(id)\"") else {
        problems.append("chart \(id) missing")
        continue
      }
      let rest = page.dom[start.upperBound...]
      let body = rest[..<(rest.range(of: "</svg>")?.lowerBound ?? rest.endIndex)]
      if !["<path", "<circle", "<rect", "<polygon"].contains(where: body.contains) {
        problems.append("chart \(id) has no marks")
      }
      if !body.contains("<title") { problems.append("chart \(id) has no title") }
    }
    return problems
  }
}
