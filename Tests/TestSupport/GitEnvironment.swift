import Foundation

/// The isolated home every fixture's git runs in: its own `HOME`, global config and templates.
///
/// Nothing is inherited from the developer's environment, so a personal `~/.gitconfig`, a
/// `GIT_DIR` exported by a hook, or a non-C locale cannot change what a fixture contains.
struct GitEnvironment {
  static let git = URL(fileURLWithPath: "/usr/bin/git")

  /// Folder holding `gitconfig` and an empty template directory; never inside a work tree.
  let home: URL
  /// Outermost folder git may search for a repository, so a stray command never finds an enclosing one.
  let ceiling: URL

  var configFile: URL { home.appendingPathComponent("gitconfig") }
  var templates: URL { home.appendingPathComponent("templates") }

  /// Creates `home` with the fixture config; each setting pins a default that differs across machines.
  static func create(home: URL, ceiling: URL) throws -> GitEnvironment {
    let environment = GitEnvironment(home: home, ceiling: ceiling)
    let config = """
      [init]
      \tdefaultBranch = main
      [core]
      \tautocrlf = false
      \tsafecrlf = false
      [commit]
      \tgpgSign = false
      [tag]
      \tgpgSign = false
      [gc]
      \tauto = 0
      [maintenance]
      \tauto = false
      [advice]
      \tdetachedHead = false
      [merge]
      \tconflictStyle = merge
      [pull]
      \trebase = false
      [uploadpack]
      \tallowFilter = true
      \tallowAnySHA1InWant = true
      [protocol "file"]
      \tallow = always

      """
    do {
      try FileManager.default.createDirectory(at: environment.templates, withIntermediateDirectories: true)
      try Data(config.utf8).write(to: environment.configFile)
    } catch {
      throw FixtureError.fileSystem(path: home.path, reason: "\(error)")
    }
    return environment
  }

  /// The complete environment for one git invocation; `overrides` win.
  func variables(overrides: [String: String] = [:]) -> [String: String] {
    let defaultDate = "\(FixtureDate.baseEpoch) +0000"
    var variables = [
      "PATH": "/usr/bin:/bin",
      "HOME": home.path,
      "XDG_CONFIG_HOME": home.path,
      "GIT_CONFIG_NOSYSTEM": "1",
      "GIT_CONFIG_GLOBAL": configFile.path,
      "GIT_ATTR_NOSYSTEM": "1",
      "GIT_TEMPLATE_DIR": templates.path,
      "GIT_CEILING_DIRECTORIES": ceiling.path,
      "GIT_TERMINAL_PROMPT": "0",
      "GIT_PAGER": "cat",
      "GIT_EDITOR": "true",
      "LC_ALL": "C",
      "LANG": "C",
      "TZ": "UTC",
      // Commands that write objects without an explicit identity (notes, stash, merges) still
      // get a frozen one, so no commit id ever depends on the clock.
      "GIT_AUTHOR_NAME": Person.alice.name,
      "GIT_AUTHOR_EMAIL": Person.alice.email,
      "GIT_AUTHOR_DATE": defaultDate,
      "GIT_COMMITTER_NAME": Person.alice.name,
      "GIT_COMMITTER_EMAIL": Person.alice.email,
      "GIT_COMMITTER_DATE": defaultDate,
    ]
    variables.merge(overrides) { _, new in new }
    return variables
  }

  /// Author and committer variables for one frozen commit.
  static func identity(
    author: Person, committer: Person, date: FixtureDate, committerDate: FixtureDate? = nil
  ) -> [String: String] {
    [
      "GIT_AUTHOR_NAME": author.name,
      "GIT_AUTHOR_EMAIL": author.email,
      "GIT_AUTHOR_DATE": date.gitValue,
      "GIT_COMMITTER_NAME": committer.name,
      "GIT_COMMITTER_EMAIL": committer.email,
      "GIT_COMMITTER_DATE": (committerDate ?? date).gitValue,
    ]
  }
}
