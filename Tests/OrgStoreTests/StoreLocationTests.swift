import XCTest

@testable import OrgStore

final class StoreLocationTests: XCTestCase {
  func testPostgresURLsAreParsedAndNeverShowThePassword() throws {
    let location = try StoreLocation(
      parsing:
        "postgresql://ci%40acme:p%2Fss@db.internal:6432/outcomes?sslmode=verify-full&sslrootcert=/etc/ca.pem",
      environment: [:])
    guard case .postgres(let url) = location else { return XCTFail("not postgres") }
    XCTAssertEqual(url.user, "ci@acme")
    XCTAssertEqual(url.password, "p/ss")
    XCTAssertEqual(url.host, "db.internal")
    XCTAssertEqual(url.port, 6432)
    XCTAssertEqual(url.database, "outcomes")
    XCTAssertEqual(url.sslMode, .verifyFull)
    XCTAssertEqual(url.sslRootCert, "/etc/ca.pem")
    XCTAssertEqual(location.description, "postgres://ci@acme@db.internal:6432/outcomes")
    XCTAssertFalse(location.description.contains("p/ss"))
  }

  func testDefaultsComeFromTheEnvironmentLikeLibpq() throws {
    let location = try StoreLocation(
      parsing: "postgres://db",
      environment: ["PGUSER": "reporter", "PGPASSWORD": "x", "PGSSLMODE": "require"])
    guard case .postgres(let url) = location else { return XCTFail("not postgres") }
    XCTAssertEqual([url.user, url.database, url.password], ["reporter", "reporter", "x"])
    XCTAssertEqual(url.port, 5432)
    XCTAssertEqual(url.sslMode, .require)
  }

  func testBadLocationsAreOneLineErrors() {
    for (text, fragment) in [
      ("postgres://db/x?sslmode=always", "sslmode 'always'"),
      ("postgres://db/x?sslmod=require", "unknown parameter 'sslmod'"),
      ("mysql://u:secret@db/x", "unsupported scheme 'mysql'"),
      ("postgres:///x", "names no host"),
    ] {
      XCTAssertThrowsError(try StoreLocation(parsing: text, environment: [:]), text) { error in
        XCTAssertTrue("\(error)".contains(fragment), "\(error)")
        XCTAssertFalse("\(error)".contains("secret"), "\(error)")
      }
    }
    XCTAssertEqual(
      try StoreLocation(parsing: "out/org.sqlite", environment: [:]), .sqlite(path: "out/org.sqlite"))
  }

  func testRepositoryIdentityAgreesAcrossRemoteForms() {
    for remote in [
      "git@github.com:Acme/App.git", "https://github.com/acme/app", "https://token@github.com/acme/app.git",
      "ssh://git@github.com:22/acme/app.git", "  https://GitHub.com/acme/app/  ",
    ] {
      XCTAssertEqual(RepositoryIdentity.normalise(remoteURL: remote), "github.com/acme/app", remote)
    }
    XCTAssertEqual(
      RepositoryIdentity.normalise(remoteURL: "https://gitlab.example.com/group/sub/project.git"),
      "gitlab.example.com/group/sub/project")
    XCTAssertNil(
      RepositoryIdentity.normalise(remoteURL: "/srv/git/app.git"), "local paths differ per machine")
    XCTAssertNil(RepositoryIdentity.normalise(remoteURL: "file:///srv/git/app.git"))
  }

  func testPseudonymShape() {
    XCTAssertTrue(PublishRows.isPseudonym("p_0123456789abcdef"))
    XCTAssertFalse(PublishRows.isPseudonym("p_0123456789ABCDEF"))
    XCTAssertFalse(PublishRows.isPseudonym("ana@example.com"))
    XCTAssertFalse(PublishRows.isPseudonym("p_0123"))
  }
}
