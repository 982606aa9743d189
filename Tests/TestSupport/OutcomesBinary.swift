import Foundation

/// Finds the built `outcomes` executable for tests that run the command line end to end.
public enum OutcomesBinary {
  /// The executable's name in the build products folder.
  public static let name = "outcomes"

  /// The `outcomes` executable next to the running test bundle, or `$OUTCOMES_BINARY` when set.
  ///
  /// SwiftPM puts executables and the test bundle in the same products folder (`.build/debug`);
  /// on macOS the bundle's own executable sits a few folders deeper, hence the walk upwards.
  public static func url() throws -> URL {
    if let override = ProcessInfo.processInfo.environment["OUTCOMES_BINARY"], !override.isEmpty {
      let candidate = URL(fileURLWithPath: override)
      guard isExecutableFile(candidate) else { throw FixtureError.binaryNotFound(searched: [override]) }
      return candidate
    }
    var searched: [String] = []
    for start in startingPoints() {
      var folder = start
      for _ in 0..<5 {
        if !searched.contains(folder.path) {
          searched.append(folder.path)
          let candidate = folder.appendingPathComponent(name, isDirectory: false)
          if isExecutableFile(candidate) { return candidate }
        }
        let parent = folder.deletingLastPathComponent()
        if parent.path == folder.path { break }
        folder = parent
      }
    }
    throw FixtureError.binaryNotFound(searched: searched)
  }

  private static func startingPoints() -> [URL] {
    var points: [URL] = []
    if let argument = CommandLine.arguments.first, !argument.isEmpty {
      points.append(URL(fileURLWithPath: argument).resolvingSymlinksInPath().deletingLastPathComponent())
    }
    for bundle in [Bundle.main] + Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      points.append(bundle.bundleURL.deletingLastPathComponent())
    }
    if let executable = Bundle.main.executableURL {
      points.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
    }
    points.append(Bundle.main.bundleURL)
    return points
  }

  private static func isExecutableFile(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      && !isDirectory.boolValue && FileManager.default.isExecutableFile(atPath: url.path)
  }
}
