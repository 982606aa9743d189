import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns the user's `--issues` arguments (files, folders, glob patterns) into a sorted list of files.
enum ExportPaths {
  static let extensions: Set<String> = ["json", "ndjson", "jsonl", "csv"]

  static func expand(_ arguments: [String]) throws -> [String] {
    var out: [String] = []
    for argument in arguments {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
        out += isDirectory.boolValue ? try folder(argument) : [argument]
      } else if argument.contains(where: { "*?[".contains($0) }) {
        let matches = glob(argument)
        guard !matches.isEmpty else {
          throw AdapterError(file: argument, location: .file, reason: "the pattern matches no file")
        }
        for match in matches {
          let isFolder =
            FileManager.default.fileExists(atPath: match, isDirectory: &isDirectory) && isDirectory.boolValue
          out += isFolder ? try folder(match) : [match]
        }
      } else {
        throw AdapterError(file: argument, location: .file, reason: "no such file or folder")
      }
    }
    var seen = Set<String>()
    return out.filter { seen.insert($0).inserted }
  }

  private static func folder(_ path: String) throws -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: path) else {
      throw AdapterError(file: path, location: .file, reason: "cannot list the folder")
    }
    var files: [String] = []
    while let name = walker.nextObject() as? String {
      let ext = (name as NSString).pathExtension.lowercased()
      if extensions.contains(ext) { files.append((path as NSString).appendingPathComponent(name)) }
    }
    return files.sorted()
  }

  private static func glob(_ pattern: String) -> [String] {
    var result = glob_t()
    defer { globfree(&result) }
    #if canImport(Glibc)
      guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
    #else
      guard Darwin.glob(pattern, 0, nil, &result) == 0 else { return [] }
    #endif
    return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].flatMap { String(cString: $0) } }
      .sorted()
  }
}
