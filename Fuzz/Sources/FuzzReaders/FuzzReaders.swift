import Foundation
import GleanReaders

/// The file names a fuzz input can be read as: its first byte picks one, so
/// every reader (and format detection by content, for `.txt`) is reached.
let fileNames = ["a.txt", "a.nbib", "a.ris", "a.enw", "a.xml", "a.nxml", "a.jsonl", "a.txt.gz"]

/// One fuzz input: the first byte chooses a file name, the rest is the
/// file. Reading must not crash, and must hold to "documents in = records
/// out": a file with bytes in it gives at least one document or failure,
/// and no two outcomes share an ID.
func fuzzReaders(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes, count > 0 else { return 0 }
    let name = fileNames[Int(bytes[0]) % fileNames.count]
    let data = Data(bytes: bytes + 1, count: count - 1)
    var ids: [String] = []
    DocumentReader().read(data: data, name: name) { outcome in
        switch outcome {
        case .document(let document): ids.append(document.id)
        case .failure(let failure): ids.append(failure.id)
        }
    }
    if !data.isEmpty, ids.isEmpty { fatalError("\(name): \(data.count) bytes gave no document and no failure") }
    if Set(ids).count != ids.count { fatalError("\(name): repeated IDs \(ids)") }
    return 0
}

/// libFuzzer's driver, called from this program's own `main` (SwiftPM gives
/// an executable target its entry point, so libFuzzer's `main` is not used).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@main
enum FuzzReadersMain {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { bytes, count in fuzzReaders(bytes, count) })
    }
}
