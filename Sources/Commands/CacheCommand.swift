import Foundation
import GitHistory
import Pipeline
import Store

/// `outcomes cache info|clear` below argument parsing.
public enum CacheCommand {
  public static func info(path: String) throws -> String {
    let url = try cacheURL(path: path)
    guard FileManager.default.fileExists(atPath: url.path) else {
      return "no cache at \(url.path) (the next report, changes or ci run creates it)"
    }
    let info: CacheInfo
    do {
      guard let store = try CacheStore.open(url: url, readOnly: true) else {
        return
          "\(url.path): written in another cache format or unreadable; the next run rebuilds it (or run 'outcomes cache clear')"
      }
      info = try store.info()
    } catch {
      throw PipelineError.badInput("\(error)")
    }
    let megabytes = String(format: "%.1f", Double(info.bytes) / 1_048_576)
    var lines = ["cache: \(info.path) (\(megabytes) MB, format \(info.schema))"]
    if let branch = info.meta[CacheContents.Key.branch], let tip = info.meta[CacheContents.Key.tip] {
      lines.append("branch: \(branch) at \(tip.prefix(12))")
    }
    lines.append("changes: \(info.changes)")
    if let updated = info.meta[CacheContents.Key.updatedAt] { lines.append("updated: \(updated)") }
    if let version = info.meta[CacheContents.Key.toolVersion] {
      lines.append("written by: outcomes \(version)")
    }
    return lines.joined(separator: "\n")
  }

  public static func clear(path: String) throws -> String {
    let url = try cacheURL(path: path)
    do {
      return try CacheStore.clear(url: url) ? "deleted \(url.path)" : "no cache at \(url.path)"
    } catch {
      throw PipelineError.badInput("\(error)")
    }
  }

  static func cacheURL(path: String) throws -> URL {
    CacheStore.url(gitDirectory: try Repository(discovering: path).gitDirectory)
  }
}
