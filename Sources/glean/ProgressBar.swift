import Foundation
import GleanCore
import GleanOutput

/// A one-line progress bar on standard error: files, documents, documents
/// per second and the time left (from the bytes done), redrawn at most ten
/// times a second. Until the files are counted, it shows the files done
/// without a bar.
final class ProgressBar {
    private var lastDrawn = Date.distantPast

    func update(_ progress: BatchExtractor.Progress) {
        let now = Date()
        guard progress.filesDone == progress.filesTotal || now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = now
        let rate = progress.seconds > 0 ? Double(progress.documents) / progress.seconds : 0
        let counts = String(format: "%d docs  %.0f docs/s", progress.documents, rate)
        guard let total = progress.filesTotal else {
            Terminal.standardError.write(String(format: "\r\u{1B}[2K%d files  %@", progress.filesDone, counts))
            return
        }
        // Bytes tell the time left better than files: a folder may hold a few
        // large exports and many small abstracts.
        let fraction =
            progress.bytesTotal.flatMap { $0 > 0 ? Double(progress.bytesDone) / Double($0) : nil }
            ?? (total > 0 ? Double(progress.filesDone) / Double(total) : 1)
        let width = 24
        let filled = Int(fraction * Double(width))
        let remaining = fraction > 0 ? progress.seconds * (1 - fraction) / fraction : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        Terminal.standardError.write(
            String(
                format: "\r\u{1B}[2K%@ %d/%d files  %@  ETA %@",
                bar, progress.filesDone, total, counts, ProgressBar.clock(remaining)))
    }

    func finish() { Terminal.standardError.write("\r\u{1B}[2K") }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600
            ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }
}
