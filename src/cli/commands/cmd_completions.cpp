// completions: prints a shell's completion script.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/choices.h"
#include "cli/validators.h"
#include "cli/command.h"

namespace toolcmp {

extern const char* const kCompletionBash;
extern const char* const kCompletionZsh;
extern const char* const kCompletionFish;

Runner setup_completions(CLI::App& command) {
  auto shell = std::make_shared<std::string>();
  command.add_option("SHELL", *shell, "bash, zsh or fish")->required()->check(choices::one_of(choices::kShells));
  command.footer("Installed packages put these where each shell looks; without one, load them yourself.\n\n"
                 "Examples:\n  source <(toolcmp completions bash)            # in ~/.bashrc\n"
                 "  toolcmp completions zsh > ~/.zfunc/_toolcmp    # a directory in $fpath\n"
                 "  toolcmp completions fish > ~/.config/fish/completions/toolcmp.fish");
  return [shell](Context& ctx) {
    ctx.out << (*shell == "bash" ? kCompletionBash : *shell == "zsh" ? kCompletionZsh : kCompletionFish);
  };
}

}  // namespace toolcmp
