import ArgumentParser
import Commands
import Foundation

/// `outcomes`: what became of the AI-assisted work, measured from git history and tracker exports.
@main
struct Outcomes: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "outcomes",
    abstract: "Measure what AI-assisted changes became: landed, stayed, reworked, reverted.",
    discussion: """
      Reads git history through libgit2 and tracker exports given with --issues; makes no network calls.
      Exit codes: 0 success, 1 bad input or usage, 2 internal error.
      """,
    version: OutcomesVersion.current,
    subcommands: [
      Report.self, Changes.self, Explain.self, Releases.self, SelfCheck.self, CI.self, Cache.self,
      Publish.self, Blame.self,
      Mine.self,
    ]
  )

  /// Maps every failure to the contract's exit codes: 1 for input and usage, 2 for internal errors.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as HistoryError {
      fail(error.description, code: 1)
    } catch let error as PipelineError {
      fail(error.description, code: 1)
    } catch let error as GitError {
      fail(error.description, code: 2)
    } catch let error as ExitCode {
      Foundation.exit(error.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        exit(withError: error)
      }
      if code == .validationFailure {
        // ArgumentParser would exit 64 with the usage block; the contract wants one line and exit code 1.
        fail("\(message(for: error)) (see 'outcomes help')", code: 1)
      }
      fail("internal error: \(error)", code: 2)
    }
  }

  static func fail(_ message: String, code: Int32, prefix: Bool = true) -> Never {
    let line = prefix ? "outcomes: error: \(message)\n" : message + "\n"
    StandardError.write(line)
    Foundation.exit(code)
  }
}

enum OutcomesVersion {
  static let current = PipelineVersion.current
}
