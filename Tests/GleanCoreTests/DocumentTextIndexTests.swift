import Dispatch
import GleanDigest
import XCTest
@testable import GleanCore

/// A document's sentences, words and code point offsets are built the first
/// time one is asked for, by whichever thread asks, and then shared.
final class DocumentTextIndexTests: XCTestCase {
    private static let text = "Twelve patients received 5 µg/kg. Grade 3 neutropenia occurred in two."

    func testIndexesBuiltOnFirstUse() {
        let document = DocumentText(Self.text)
        XCTAssertEqual(
            document.sentences.map(document.text),
            [
                "Twelve patients received 5 µg/kg.", "Grade 3 neutropenia occurred in two.",
            ])
        XCTAssertEqual(document.words.ranges.prefix(3).map(document.text), ["Twelve", "patients", "received"])
        // Grouped by first letter (any case), in text order, each with its hash; "g" of "µg/kg" is a word.
        func group(_ letter: Character) -> [String] {
            document.words.group(startingWith: letter.asciiValue!).map {
                document.text(Int(document.words.grouped[$0].lowerBound)..<Int(document.words.grouped[$0].upperBound))
            }
        }
        XCTAssertEqual(group("g"), ["g", "Grade"])
        XCTAssertEqual(group("t"), ["Twelve", "two"])
        XCTAssertEqual(group("z"), [])
        let grade = document.words.group(startingWith: UInt8(ascii: "g")).last!
        XCTAssertEqual(document.words.groupedHashes[grade], FNV1a.hash(lowercasing: Array("grade".utf8)))
        // `µ` takes two bytes: offsets after it count one less.
        let afterMicro = Array(Self.text.utf8).firstIndex(of: UInt8(ascii: "g"))!
        XCTAssertEqual(document.codePointOffset(ofByte: afterMicro), 28)
        XCTAssertEqual(document.byteOffset(ofCodePoint: 28), afterMicro)
    }

    func testCopiesAndThreadsShareOneBuild() {
        let document = DocumentText(Self.text)
        let copy = document
        var sentences = [[Range<Int>]](repeating: [], count: 8)
        sentences.withUnsafeMutableBufferPointer { results in
            let results = UncheckedResults(results)
            DispatchQueue.concurrentPerform(iterations: 8) { index in
                results.store((index.isMultiple(of: 2) ? document : copy).sentences, at: index)
            }
        }
        XCTAssertEqual(Set(sentences), [DocumentText(Self.text).sentences])
        XCTAssertEqual(sentences[0], [0..<34, 35..<71])
    }
}

/// Lets concurrent iterations each write their own slot of a buffer.
private struct UncheckedResults: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<[Range<Int>]>
    init(_ buffer: UnsafeMutableBufferPointer<[Range<Int>]>) { self.buffer = buffer }
    func store(_ value: [Range<Int>], at index: Int) { buffer[index] = value }
}
