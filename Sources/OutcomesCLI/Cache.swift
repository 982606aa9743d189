import ArgumentParser
import Commands
import Foundation

extension Outcomes {
  /// `outcomes cache info|clear`: look at or delete the incremental cache in `.git/outcomes/`.
  struct Cache: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show or delete the incremental cache in .git/outcomes/cache.sqlite.",
      discussion: """
        Commands that read all history (report, changes, ci, explain, publish) keep the line ledger's state \
        and the fact rows at the branch tip there, and the next run reads only the new commits. The cache \
        is rebuilt, with a one-line reason, when history was rewritten, the configuration, signature \
        catalogue, notes or tracker links changed, or a newer cache format is found. --no-cache on any \
        of those commands reads all history and leaves the cache alone.
        """,
      subcommands: [Info.self, Clear.self]
    )

    struct Info: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Where the cache is, what it holds, how big it is.")

      @OptionGroup var repository: RepositoryOptions

      func run() throws {
        print(try CacheCommand.info(path: repository.repo))
      }
    }

    struct Clear: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Delete the cache; the next run reads all history.")

      @OptionGroup var repository: RepositoryOptions

      func run() throws {
        print(try CacheCommand.clear(path: repository.repo))
      }
    }
  }
}
