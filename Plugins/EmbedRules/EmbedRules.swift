import Foundation
import PackagePlugin

/// Builds the rule files in `Rules/` into the target it is applied to, as
/// generated Swift source (`EmbeddedRuleFiles`), so the `glean` executable
/// needs no resource bundle beside it. Every `.yaml`, `.yml` and `.terms`
/// file there is taken, so a new rule file needs no change to the package.
/// The commit checked out, read from `.git`, is built in too.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let rules = package.appending(path: "Rules")
        let files = try FileManager.default.contentsOfDirectory(atPath: rules.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".terms") }
            .sorted()
            .map { rules.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRuleFiles.swift")
        let commit = GitCheckout(package: package)
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) rule files",
                executable: try context.tool(named: "EmbedRulesTool").url,
                arguments: [output.path, commit.head ?? "-"] + files.map(\.path),
                inputFiles: files + commit.files,
                outputFiles: [output]
            )
        ]
    }
}

/// The commit a git checkout is at, read from its files (no `git` needed),
/// and the files that say so, so a new commit rebuilds.
struct GitCheckout {
    var head: String?
    var files: [URL] = []

    init(package: URL) {
        var gitDirectory = package.appending(path: ".git")
        // A worktree's .git is a file naming its git directory.
        if let pointer = try? String(contentsOf: gitDirectory, encoding: .utf8), pointer.hasPrefix("gitdir: ") {
            let path = pointer.dropFirst("gitdir: ".count).trimmingCharacters(in: .whitespacesAndNewlines)
            gitDirectory = path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appending(path: path)
        }
        let headFile = gitDirectory.appending(path: "HEAD")
        guard
            let head = try? String(contentsOf: headFile, encoding: .utf8).trimmingCharacters(
                in: .whitespacesAndNewlines)
        else { return }
        files.append(headFile)
        guard head.hasPrefix("ref: ") else {
            self.head = String(head.prefix(12))
            return
        }
        let reference = String(head.dropFirst("ref: ".count))
        // Loose references live in the worktree's git directory or the common one.
        let common =
            (try? String(contentsOf: gitDirectory.appending(path: "commondir"), encoding: .utf8))
            .map { gitDirectory.appending(path: $0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? gitDirectory
        for directory in [gitDirectory, common] {
            let file = directory.appending(path: reference)
            if let commit = try? String(contentsOf: file, encoding: .utf8) {
                files.append(file)
                self.head = String(commit.trimmingCharacters(in: .whitespacesAndNewlines).prefix(12))
                return
            }
        }
        let packed = common.appending(path: "packed-refs")
        if let lines = try? String(contentsOf: packed, encoding: .utf8) {
            files.append(packed)
            for line in lines.split(separator: "\n") where line.hasSuffix(" " + reference) {
                self.head = String(line.prefix(12))
            }
        }
    }
}
