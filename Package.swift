// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "outcomes",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "outcomes", targets: ["OutcomesCLI"]),
    .library(name: "OutcomeModel", targets: ["OutcomeModel"]),
    .library(name: "GitHistory", targets: ["GitHistory"]),
    .library(name: "Attribution", targets: ["Attribution"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
  ],
  targets: [
    /// The libgit2 C API and libdeflate (pack inflation), with inline shims for libgit2's variadic options.
    .systemLibrary(
      name: "Clibgit2",
      pkgConfig: "libgit2",
      providers: [.apt(["libgit2-dev", "libdeflate-dev"])]
    ),
    /// Sendable, Codable value types shared by every module; no dependencies.
    .target(name: "OutcomeModel", exclude: ["README.md"]),
    /// Line scanning in C for the move search: newlines found 64 bytes at a time, lines filtered and hashed.
    .target(name: "LineScan", exclude: ["README.md"]),
    /// The only code that touches libgit2: open, walk the mainline, diff in parallel, notes, tags, trailers.
    .target(
      name: "GitHistory",
      dependencies: ["Clibgit2", "LineScan", "OutcomeModel"],
      exclude: ["README.md"]
    ),
    /// Decides which changes are AI-assisted and on what evidence, from a signature catalogue kept as data.
    .target(
      name: "Attribution",
      dependencies: ["OutcomeModel", .product(name: "Yams", package: "Yams")],
      exclude: ["README.md"]
    ),
    /// Reads tracker and pull-request exports (GitHub, GitLab, Jira, Linear) into one model and links them
    /// to changes.
    .target(
      name: "Adapters",
      dependencies: ["OutcomeModel", "Attribution", .product(name: "Yams", package: "Yams")],
      exclude: ["README.md"]
    ),
    /// Follows every line to its fate over the commit graph: origins, deaths, reverts, SZZ, release shares.
    .target(name: "Ledger", dependencies: ["OutcomeModel"], exclude: ["README.md"]),
    /// Turns fact rows into per-team, per-period outcome reports with honest statistics and privacy rules.
    .target(
      name: "Report",
      dependencies: ["OutcomeModel", .product(name: "Yams", package: "Yams")],
      exclude: ["README.md"]
    ),
    /// Per-change outcomes as pure functions over facts: reverts, fixes and SZZ, survival and churn.
    .target(name: "Outcomes", dependencies: ["OutcomeModel", "Ledger"], exclude: ["README.md"]),
    /// The per-repository incremental cache in `.git/outcomes/` (SQLite): facts and ledger state at the last tip.
    .target(
      name: "Store",
      dependencies: [.product(name: "GRDB", package: "GRDB.swift")],
      exclude: ["README.md"]
    ),
    /// The shared fact store for many repositories: PostgreSQL (or one SQLite file), versioned migrations.
    .target(
      name: "OrgStore",
      dependencies: [
        "OutcomeModel", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      exclude: ["README.md"]
    ),
    /// Runs the one pass behind every command: plan, mine, attribute, pseudonymise, write fact-table rows.
    .target(
      name: "Pipeline",
      dependencies: [
        "OutcomeModel", "GitHistory", "Attribution", "Adapters", "Ledger", "Outcomes", "Report", "Store",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      exclude: ["README.md"]
    ),
    /// One file per command's job (report, ci, self, explain, releases, publish, mine, cache, org report),
    /// each built on the one pass; the only module the command line calls.
    .target(
      name: "Commands",
      dependencies: [
        "OutcomeModel", "GitHistory", "Attribution", "Adapters", "Ledger", "Report", "Store", "OrgStore",
        "Pipeline",
      ],
      exclude: ["README.md"]
    ),
    /// The `outcomes` command line: argument parsing and wiring only.
    .executableTarget(
      name: "OutcomesCLI",
      dependencies: [
        "Commands",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // glibc's malloc was a tenth of a pass over git/git (blob buffers, xdiff's tables, line arrays from
      // two threads); gperftools' tcmalloc makes the whole pass 13-18% faster. Linked into the binary
      // only, so libgit2's allocations go through it too and the libraries stay allocator-neutral.
      linkerSettings: [.linkedLibrary("tcmalloc_minimal", .when(platforms: [.linux]))]
    ),
    /// Builds hermetic fixture repositories (frozen dates, isolated git config) for every test target.
    .target(
      name: "TestSupport", dependencies: ["OutcomeModel"], path: "Tests/TestSupport", exclude: ["README.md"]),
    .testTarget(name: "TestSupportSelfTests", dependencies: ["TestSupport"]),
    .testTarget(name: "OutcomeModelTests", dependencies: ["OutcomeModel"]),
    .testTarget(name: "GitHistoryTests", dependencies: ["GitHistory", "OutcomeModel", "TestSupport"]),
    .testTarget(
      name: "AttributionTests",
      dependencies: [
        "Attribution", "GitHistory", "OutcomeModel", "TestSupport", .product(name: "Yams", package: "Yams"),
      ]),
    .testTarget(
      name: "AdaptersTests", dependencies: ["Adapters", "Attribution", "OutcomeModel", "TestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(name: "LedgerTests", dependencies: ["Ledger", "GitHistory", "OutcomeModel", "TestSupport"]),
    .testTarget(name: "OutcomesTests", dependencies: ["Outcomes", "Ledger", "OutcomeModel"]),
    .testTarget(
      name: "ReportTests", dependencies: ["Report", "OutcomeModel", "TestSupport"], exclude: ["Golden"]),
    .testTarget(name: "StoreTests", dependencies: ["Store", .product(name: "GRDB", package: "GRDB.swift")]),
    .testTarget(
      name: "OrgStoreTests",
      dependencies: [
        "OrgStore", "OutcomeModel", "TestSupport", "Commands", "Pipeline", "Report", "GitHistory",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(
      name: "PipelineTests",
      dependencies: [
        "Pipeline", "GitHistory", "Ledger", "OutcomeModel", "Outcomes", "Store", "TestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(name: "CommandsTests", dependencies: ["Commands", "Report", "TestSupport"]),
    .testTarget(name: "OutcomesCLITests", dependencies: ["TestSupport", "OutcomeModel"]),
  ]
)
