import XCTest

@testable import Ledger

final class LedgerPlaceholderTests: XCTestCase {}
