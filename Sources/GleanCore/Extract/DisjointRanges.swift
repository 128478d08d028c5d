/// Ranges that do not overlap one another, kept in order, each with a tag:
/// which of them a range overlaps is found by binary search, so resolving
/// the overlaps of a document's matches grows with their number times its
/// logarithm, not with its square.
struct DisjointRanges {
    private(set) var ranges: [Range<Int>] = []
    private var tags: [Int] = []

    init() {}

    /// The union of `ranges` (which may overlap), as disjoint ranges tagged 0.
    init(covering ranges: [Range<Int>]) {
        for range in ranges.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = self.ranges.last, last.upperBound > range.lowerBound {
                self.ranges[self.ranges.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                self.ranges.append(range)
                tags.append(0)
            }
        }
    }

    /// The index of the first range that ends after `offset`.
    func firstIndex(endingAfter offset: Int) -> Int {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound <= offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The index of the first range that starts at or after `offset`.
    func firstIndex(startingAtOrAfter offset: Int) -> Int {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].lowerBound < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The tags of the ranges that `range` overlaps, in order.
    func tags(overlapping range: Range<Int>) -> [Int] {
        guard !range.isEmpty else { return [] }
        var index = firstIndex(endingAfter: range.lowerBound)
        var found: [Int] = []
        while index < ranges.count, ranges[index].lowerBound < range.upperBound, !ranges[index].isEmpty {
            found.append(tags[index])
            index += 1
        }
        return found
    }

    /// Whether `range` overlaps one of the ranges.
    func overlaps(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        let index = firstIndex(endingAfter: range.lowerBound)
        return index < ranges.count && ranges[index].lowerBound < range.upperBound
    }

    /// Adds a non-empty range that overlaps none of the ranges.
    mutating func insert(_ range: Range<Int>, tag: Int) {
        let index = firstIndex(endingAfter: range.lowerBound)
        ranges.insert(range, at: index)
        tags.insert(tag, at: index)
    }
}
