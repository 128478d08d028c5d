import ArgumentParser

/// `glean completions SHELL`: the shell completion script, to install once.
struct CompletionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions",
        abstract: "Print the completion script for bash, zsh or fish.",
        discussion: """
            bash: glean completions bash > /etc/bash_completion.d/glean; \\
            zsh: glean completions zsh > "${fpath[1]}/_glean"; \\
            fish: glean completions fish > ~/.config/fish/completions/glean.fish
            """
    )

    @Argument(help: ArgumentHelp("The shell: bash, zsh or fish.", valueName: "shell"))
    var shell: String

    func run() throws {
        guard let kind = CompletionShell(rawValue: shell) else {
            throw Failure("no completions for '\(shell)': choose bash, zsh or fish")
        }
        print(Glean.completionScript(for: kind))
    }
}
