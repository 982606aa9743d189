import Foundation

/// The key a repository is published under, the same on every machine that has a clone of it.
///
/// The `origin` remote's URL, normalised so that the HTTPS and SSH forms of one repository agree
/// (`git@github.com:Acme/App.git`, `https://user@github.com/acme/app` → `github.com/acme/app`); without
/// a remote, the folder name. `--repo-name` overrides both.
public enum RepositoryIdentity {
  /// Normalises a remote URL: no scheme, user, port or `.git` suffix; host and path lower-cased (forges
  /// treat them case-insensitively). Nil for local paths, which would differ between machines.
  public static func normalise(remoteURL raw: String) -> String? {
    var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else { return nil }
    if let scheme = text.range(of: "://") {
      let name = text[..<scheme.lowerBound].lowercased()
      guard name != "file" else { return nil }
      text = String(text[scheme.upperBound...])
    } else if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/") {
      // scp-like `user@host:path`.
      text = text[..<colon] + "/" + text[text.index(after: colon)...]
    } else {
      return nil
    }
    if let at = text.firstIndex(of: "@"), text[..<at].firstIndex(of: "/") == nil {
      text = String(text[text.index(after: at)...])
    }
    var parts = text.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    guard parts.count >= 2 else { return nil }
    if let colon = parts[0].firstIndex(of: ":") { parts[0] = String(parts[0][..<colon]) }
    if parts[parts.count - 1].hasSuffix(".git") { parts[parts.count - 1].removeLast(4) }
    return parts.joined(separator: "/").lowercased()
  }

  /// The `origin` remote's URL from the repository's config (`commondir` followed for worktrees).
  public static func originURL(gitDirectory: URL) -> String? {
    var folder = gitDirectory
    if let common = try? String(contentsOf: gitDirectory.appendingPathComponent("commondir"), encoding: .utf8)
    {
      let path = common.trimmingCharacters(in: .whitespacesAndNewlines)
      folder =
        path.hasPrefix("/")
        ? URL(fileURLWithPath: path) : gitDirectory.appendingPathComponent(path).standardizedFileURL
    }
    guard let config = try? String(contentsOf: folder.appendingPathComponent("config"), encoding: .utf8)
    else {
      return nil
    }
    var inOrigin = false
    for line in config.split(whereSeparator: \.isNewline) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("[") {
        let header = trimmed.replacingOccurrences(of: " ", with: "")
        inOrigin = header.lowercased() == "[remote\"origin\"]"
        continue
      }
      guard inOrigin, let equals = trimmed.firstIndex(of: "=") else { continue }
      if trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased() == "url" {
        var value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
          value = String(value.dropFirst().dropLast())
        }
        return value
      }
    }
    return nil
  }

  /// The identity and display name: `override` when given, else the normalised origin, else the folder.
  public static func resolve(override: String?, gitDirectory: URL, folderName: String) -> (
    identity: String, name: String
  ) {
    if let override, !override.isEmpty { return (override, displayName(override)) }
    if let url = originURL(gitDirectory: gitDirectory), let normalised = normalise(remoteURL: url) {
      return (normalised, displayName(normalised))
    }
    return (folderName, folderName)
  }

  /// The last path part of an identity (`github.com/acme/app` → `app`).
  public static func displayName(_ identity: String) -> String {
    identity.split(separator: "/").last.map(String.init) ?? identity
  }
}
