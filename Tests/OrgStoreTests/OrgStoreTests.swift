import XCTest

@testable import OrgStore
