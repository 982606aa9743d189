import Foundation

extension GitAINote {
  /// A blob under `refs/ai/authorship/<sha>`, where git-ai kept authorship before notes: either the
  /// `authorship/3.x` text of a note, or the older `authorship/0.0.1` JSON (`{"files": {path:
  /// {"authors": [{"author": "Claude", "lines": [3, [8, 34]]}]}}}`, sometimes without `schema_version`).
  ///
  /// Old blobs name authors by display name only; `isTool` says which names are AI tools (catalogue
  /// ids, names and aliases). Names that look like a model (`o3`, `gpt-4.1`) are AI by an unnamed tool;
  /// everything else is a person.
  public static func parseAuthorshipBlob(_ text: String, isTool: (String) -> Bool) throws -> LineAttribution {
    guard text.drop(while: \.isWhitespace).first == "{" else { return try parse(text).attribution }
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    } catch {
      throw NoteFormatError("the authorship blob is neither a note nor valid JSON")
    }
    guard let root = object as? [String: Any], let files = root["files"] as? [String: Any] else {
      throw NoteFormatError("the authorship JSON has no 'files' object")
    }
    let version = root["schema_version"] as? String ?? "authorship/0.0.1"
    var result: [String: [AttributedRange]] = [:]
    for (path, value) in files {
      guard let file = value as? [String: Any], let authors = file["authors"] as? [[String: Any]] else {
        throw NoteFormatError("files.\(path): expected an object with an 'authors' list")
      }
      for author in authors {
        guard let name = author["author"] as? String, let lines = author["lines"] as? [Any] else {
          throw NoteFormatError("files.\(path): an author needs 'author' and 'lines'")
        }
        let contributor: LineContributor =
          isTool(name)
          ? .ai(tool: name, model: nil)
          : looksLikeModel(name) ? .ai(tool: unnamedTool, model: name) : .human(name)
        for item in lines {
          let range: ClosedRange<Int>
          if let line = item as? Int, line >= 1 {
            range = line...line
          } else if let pair = item as? [Int], pair.count == 2, pair[0] >= 1, pair[0] <= pair[1] {
            range = pair[0]...pair[1]
          } else {
            throw NoteFormatError("files.\(path): bad line entry \(item)")
          }
          result[path, default: []].append(AttributedRange(lines: range, contributor: contributor))
        }
      }
    }
    return LineAttribution(source: "git-ai \(version)", files: result)
  }

  private static func looksLikeModel(_ name: String) -> Bool {
    let lower = name.lowercased()
    if lower.count >= 2, lower.first == "o", lower.dropFirst().first?.isNumber == true,
      !lower.contains(" ")
    {
      return true
    }
    return ["gpt-", "claude-", "gemini-"].contains { lower.hasPrefix($0) }
  }
}
