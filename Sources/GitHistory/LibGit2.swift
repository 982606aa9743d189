internal import Clibgit2
import Foundation

/// Process-wide libgit2 set-up, done once before any repository is opened.
///
/// The settings follow reference/performance.md: strict hash verification off (read-only mining of a
/// trusted clone), commits and trees cached up to 1 MiB each so big trees are not re-parsed, and memory
/// bounded for a 2-core, modest-memory machine: the object cache (shared by all workers) and the pack
/// windows libgit2 maps, which count in the resident size once read. On git/git the defaults (384 MiB
/// cache, 8 GiB of mappings) put the pass over 1.5 GB. Measured there (`--no-ledger`, 2 cores): a 64 MiB
/// cache is as fast as 128 (26–27 s) and 170 MB smaller; mappings below 256 MiB cost 3–4 s in remapping.
/// `OUTCOMES_GIT_CACHE_MB`, `OUTCOMES_GIT_WINDOW_MB` and `OUTCOMES_GIT_MAPPED_MB` override them.
enum LibGit2 {
  private static let initialised: Bool = {
    git_libgit2_init()
    let environment = ProcessInfo.processInfo.environment
    func megabytes(_ name: String, _ fallback: Int) -> Int {
      environment[name].flatMap(Int.init).map { max(1, $0) } ?? fallback
    }
    _ = outcomes_git_set_strict_hash_verification(0)
    _ = outcomes_git_set_cache_object_limit(GIT_OBJECT_COMMIT, 1 << 20)
    _ = outcomes_git_set_cache_object_limit(GIT_OBJECT_TREE, 1 << 20)
    // Blobs stay uncached (libgit2's default). Measured on the 20,000-change benchmark repository with the
    // ledger's whole-graph walk: caching blobs up to 64 KiB made the run 47% slower (48 s → 71 s), the
    // cache churns more than it hits.
    _ = outcomes_git_set_cache_max_size(megabytes("OUTCOMES_GIT_CACHE_MB", 64) << 20)
    _ = outcomes_git_set_mwindow_size(megabytes("OUTCOMES_GIT_WINDOW_MB", 64) << 20)
    _ = outcomes_git_set_mwindow_mapped_limit(megabytes("OUTCOMES_GIT_MAPPED_MB", 256) << 20)
    // CI checkouts are often owned by another uid; we only read, so git's safe.directory check only hurts.
    _ = outcomes_git_disable_owner_validation()
    return true
  }()

  static func ensureInitialised() {
    _ = initialised
  }

  /// A loaded blob's bytes, valid while the blob is.
  static func bytes(of blob: OpaquePointer) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: git_blob_rawcontent(blob), count: Int(git_blob_rawsize(blob)))
  }
}
