@testable import GleanCore
import XCTest

final class DisjointRangesTests: XCTestCase {
    func testFindsTheTagsOfOverlappedRangesInOrder() {
        var ranges = DisjointRanges()
        ranges.insert(20..<30, tag: 0)
        ranges.insert(0..<5, tag: 1)
        ranges.insert(40..<50, tag: 2)
        XCTAssertEqual(ranges.ranges, [0..<5, 20..<30, 40..<50])
        XCTAssertEqual(ranges.tags(overlapping: 4..<45), [1, 0, 2])
        XCTAssertEqual(ranges.tags(overlapping: 5..<20), [])
        XCTAssertEqual(ranges.tags(overlapping: 29..<30), [0])
        XCTAssertEqual(ranges.tags(overlapping: 25..<25), [])
        XCTAssertTrue(ranges.overlaps(49..<60))
        XCTAssertFalse(ranges.overlaps(50..<60))
    }

    func testCoveringMergesOverlappingRanges() {
        let ranges = DisjointRanges(covering: [10..<20, 0..<3, 15..<25, 3..<4, 30..<30])
        XCTAssertEqual(ranges.ranges, [0..<3, 3..<4, 10..<25])
        XCTAssertTrue(ranges.overlaps(24..<26))
        XCTAssertFalse(ranges.overlaps(4..<10))
    }

    func testFindsWhereRangesStartAndEnd() {
        let ranges = DisjointRanges(covering: [0..<5, 10..<15, 20..<25])
        XCTAssertEqual(ranges.firstIndex(endingAfter: 5), 1)
        XCTAssertEqual(ranges.firstIndex(endingAfter: 4), 0)
        XCTAssertEqual(ranges.firstIndex(startingAtOrAfter: 10), 1)
        XCTAssertEqual(ranges.firstIndex(startingAtOrAfter: 11), 2)
        XCTAssertEqual(ranges.firstIndex(startingAtOrAfter: 26), 3)
    }
}
