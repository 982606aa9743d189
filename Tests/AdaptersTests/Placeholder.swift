import XCTest

@testable import Adapters

final class AdaptersPlaceholderTests: XCTestCase {}
