#!/usr/bin/env bash
# toolcmp in people's shells: completion driven through bash, zsh and fish,
# the man page against --help, and the table in a real terminal (tmux).
#   tests/shell_test.sh BUILT_TOOLCMP SOURCE_DIR BUILD_DIR
set -u
toolcmp=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
source_dir=$2
build_dir=$3
work=$(mktemp -d)
trap 'tmux -L "toolcmp-test-$$" kill-server 2>/dev/null; rm -rf "$work"' EXIT
source "$(dirname "$0")/check.sh"
for shell in zsh fish tmux; do
  command -v "$shell" >/dev/null || { echo "$shell is not installed (scripts/test installs it)" >&2; exit 1; }
done

# A database with names that need quoting, found through TOOLCMP_DB and PATH
# as a user's shell would.
mkdir -p "$work/bin"
ln -s "$toolcmp" "$work/bin/toolcmp"
export PATH="$work/bin:$PATH" TOOLCMP_DB="$work/panel.db"
unset NO_COLOR CLICOLOR_FORCE COLUMNS
toolcmp -q import "$source_dir/data/sample.jsonl"
toolcmp -q add "Llama 4 Compact (12B)" --category "Developer Tools"
toolcmp -q --db "$work/other.db" add "Other Tool"
toolcmp -q decide "Local code model" --pick SmolLM3 --over "Code Llama 4" --why Small.

# --- bash: the completion function, as bash calls it ------------------------
bash_complete() {  # bash_complete WORD... (the last is the one being completed)
  bash -c 'source "$1/completions/toolcmp.bash"; shift
    COMP_WORDS=(toolcmp "$@"); COMP_CWORD=$#; _toolcmp; printf "%s\n" "${COMPREPLY[@]}"' _ "$source_dir" "$@"
}
same "bash: subcommands" "$(printf 'rm\nreview\nrank')" "$(bash_complete r)"
same "bash: a name with spaces is one quoted word" 'Code\ Llama\ 4' "$(bash_complete show Code)"
same "bash: parentheses are quoted too" 'Llama\ 4\ Compact\ \(12B\)' "$(bash_complete compare SmolLM3 llama)"
same "bash: personas after the tool" "$(printf 'Futurist\nFounder')" "$(bash_complete review 'Code\ Llama\ 4' F)"
same "bash: option values" "$(printf 'ship\nskip')" "$(bash_complete review X Builder --verdict '')"
same "bash: options of the command" "--on-conflict" "$(bash_complete import --on)"
same "bash: decision titles complete like tool names" 'Local\ code\ model' "$(bash_complete decision show lo)"
same "bash: and for check" 'Local\ code\ model' "$(bash_complete check L)"
same "bash: --fail-on values" "flipped" "$(bash_complete check --fail-on fl)"
same "bash: --pick takes a tool" 'SmolLM3' "$(bash_complete decide T --pick SmolL)"
same "bash: --db on the line is honoured" "Other\ Tool" "$(bash_complete --db "$work/other.db" show '')"

# --- zsh: the completion function, with compadd recording what it is given ---
zsh_complete() {
  zsh -f -c 'compadd() { local i=${@[(i)--]}; print -rl -- "${@[i+1,-1]}"; }
    _files() { print -r -- "(files)"; }
    compdef() { :; }
    source "$1/completions/_toolcmp"; shift
    words=(toolcmp "$@"); CURRENT=$(( $# + 1 )); PREFIX=${words[CURRENT]}; _toolcmp' _ "$source_dir" "$@"
}
same "zsh: subcommands" "$(printf 'compare\ncompletions')" "$(zsh_complete com)"
same "zsh: names go to compadd plain (zsh quotes them)" 'Code Llama 4' "$(zsh_complete show Code)"
same "zsh: personas after a quoted tool" "Founder" "$(zsh_complete review 'Code\ Llama\ 4' Fo)"
same "zsh: --format values of export" "$(printf 'jsonl\ncsv\ntsv\nmarkdown')" "$(zsh_complete export --format '')"
same "zsh: files for --db" "(files)" "$(zsh_complete --db '')"

# --- fish: complete -C runs fish's own machinery -----------------------------
fish_complete() { fish --no-config -c "source '$source_dir/completions/toolcmp.fish'; complete -C '$1'"; }
same "fish: a name with spaces" "Code Llama 4" "$(fish_complete 'toolcmp show Code')"
same "fish: personas after a quoted tool" "Skeptic" "$(fish_complete 'toolcmp review "Code Llama 4" Sk')"
check "fish: subcommands with descriptions" sh -c "fish --no-config -c \"source '$source_dir/completions/toolcmp.fish'; complete -C 'toolcmp hi'\" | grep -q '^history	Every review of a tool'"

# --- completion typed into real interactive shells ----------------------------
# Each shell runs in a tmux pane with the completion file loaded; the test
# types a line, presses Tab and reads the line back, so the shell's own
# quoting (readline, zle, fish) is what is checked. Names that need quoting
# inside single and double quotes, and without.
toolcmp -q add "Ada's \"Lens\" \$9"
cat >"$work/bashrc" <<RC
PS1='READY> '
source '$source_dir/completions/toolcmp.bash'
RC
mkdir -p "$work/zdot"
cat >"$work/zdot/.zshrc" <<RC
PS1='READY> '
autoload -Uz compinit && compinit -u -D
source '$source_dir/completions/_toolcmp'
RC
typed_tab() {  # typed_tab SHELL TEXT: the line after TEXT and one Tab
  local shell=$1 text=$2 session="tab$((++tab_sessions))" start line
  case $shell in
    bash) start="bash --rcfile '$work/bashrc' --noprofile -i" ;;
    zsh) start="env ZDOTDIR='$work/zdot' zsh -i" ;;
    fish) start="fish --no-config -C 'function fish_prompt; echo \"READY> \"; end; source $source_dir/completions/toolcmp.fish'" ;;
  esac
  tmux -L "toolcmp-test-$$" -f /dev/null new-session -d -s "$session" -x 200 -y 10 \
    "env HOME='$work' TERM=xterm $start"
  for _ in $(seq 200); do
    tmux -L "toolcmp-test-$$" capture-pane -p -t "$session" | grep -q '^READY>' && break
    sleep 0.1
  done
  tmux -L "toolcmp-test-$$" send-keys -t "$session" -l "$text"
  tmux -L "toolcmp-test-$$" send-keys -t "$session" Tab
  # The line grows once the completion is in; a busy machine gets 20 s.
  for _ in $(seq 200); do
    line=$(tmux -L "toolcmp-test-$$" capture-pane -p -t "$session" | grep '^READY> ' | tail -n 1)
    line=${line#READY> }
    [ "${#line}" -gt "${#text}" ] && break
    sleep 0.1
  done
  tmux -L "toolcmp-test-$$" kill-session -t "$session"
  printf '%s\n' "$line"
}
tab_sessions=0
# One session that lives for the whole test: the tmux server then never
# exits between sessions (killing the last one ends it, and a session
# started while it was ending found "no server running" on a busy machine).
tmux -L "toolcmp-test-$$" -f /dev/null new-session -d -s keeper "sleep 3600"
for shell in bash zsh fish; do
  same "$shell: a name after an opening single quote" "toolcmp show 'Code Llama 4'" \
    "$(typed_tab $shell "toolcmp show 'Code L")"
  same "$shell: a name after an opening double quote" 'toolcmp rm "Code Llama 4"' \
    "$(typed_tab $shell 'toolcmp rm "Code L')"
  same "$shell: a name without quotes" 'toolcmp show Code\ Llama\ 4' "$(typed_tab $shell 'toolcmp show Code\ L')"
  same "$shell: a persona after a quoted tool" "toolcmp review 'Code Llama 4' Founder" \
    "$(typed_tab $shell "toolcmp review 'Code Llama 4' Fo")"
  same "$shell: a quote, a dollar and double quotes inside double quotes" 'toolcmp show "Ada'"'"'s \"Lens\" \$9"' \
    "$(typed_tab $shell 'toolcmp show "Ada')"
  same "$shell: a file for --db after a quote" "toolcmp --db '$work/bashrc'" "$(typed_tab $shell "toolcmp --db '$work/bash")"
done
same "bash: a quote inside single quotes" "toolcmp show 'Ada'\\''s \"Lens\" \$9'" "$(typed_tab bash "toolcmp show 'Ada")"
same "zsh: a quote inside single quotes" "toolcmp show 'Ada'\\''s \"Lens\" \$9'" "$(typed_tab zsh "toolcmp show 'Ada")"
same "fish: a quote inside single quotes" "toolcmp show 'Ada\\'s \"Lens\" \$9'" "$(typed_tab fish "toolcmp show 'Ada")"

# --- __complete itself ---------------------------------------------------------
same "__complete tools with a prefix" "$(printf 'SmolLM3\nSmolVLM2')" "$(toolcmp __complete tools smo)"
same "__complete personas" "$(printf 'Builder\nSkeptic\nFuturist\nFounder')" "$(toolcmp __complete personas)"
same "__complete prints nothing without a database" "" "$(TOOLCMP_DB="$work/none.db" toolcmp __complete tools)"
check "__complete exits 0 without a database" env TOOLCMP_DB="$work/none.db" toolcmp __complete tools
check "__complete created nothing" test ! -e "$work/none.db"
printf 'not a database' >"$work/junk.db"
same "__complete prints nothing for a file it cannot read" "" "$(TOOLCMP_DB="$work/junk.db" toolcmp __complete tools)"
for shell in bash zsh fish; do
  file=$source_dir/completions/toolcmp.$shell
  [ "$shell" = zsh ] && file=$source_dir/completions/_toolcmp
  check "toolcmp completions $shell prints $file" sh -c "toolcmp completions $shell | cmp -s - '$file'"
done

# --- the man page and --help ---------------------------------------------------
commands=$(toolcmp --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && /^  [^ ]/ { print $1 }')
check "--help lists subcommands" test -n "$commands"
for command in $commands; do
  check "man page documents $command" grep -q "^\*$command\*" "$source_dir/docs/toolcmp.1.scd"
  check "$command --help has examples" sh -c "toolcmp $command --help | grep -q '^Examples:'"
  for option in $(toolcmp "$command" --help | grep -oE '^ +(-[a-z],)?--[a-z-]+' | grep -oE -- '--[a-z-]+'); do
    check "man page documents $command $option" grep -qF -- "*$option*" "$source_dir/docs/toolcmp.1.scd"
  done
done
if [ -f "$build_dir/toolcmp.1" ]; then
  check "the man page renders without warnings" sh -c "MANWIDTH=80 man --warnings -l '$build_dir/toolcmp.1' 2>&1 >/dev/null | (! grep -q .)"
  check "the man page has every section" sh -c "MANWIDTH=80 man -l '$build_dir/toolcmp.1' 2>/dev/null | grep -q '^EXIT STATUS'"
else
  echo "FAILED: $build_dir/toolcmp.1 was not built (is scdoc installed?)" >&2
  failed=$((failed + 1))
fi

# --- a real terminal -----------------------------------------------------------
# tmux gives toolcmp a 100-column pseudo-terminal; capture-pane -e keeps the
# escape codes it drew with.
in_terminal() {  # in_terminal NAME ENV... -- prints what the pane showed
  local name=$1
  shift
  tmux -L "toolcmp-test-$$" -f /dev/null new-session -d -s "$name" -x 100 -y 40 \
    "env $* toolcmp compare SmolLM3 'Code Llama 4'; touch '$work/$name.done'; sleep 30"
  for _ in $(seq 100); do [ -e "$work/$name.done" ] && break; sleep 0.1; done
  tmux -L "toolcmp-test-$$" capture-pane -p -e -S - -E - -t "$name"
  tmux -L "toolcmp-test-$$" kill-session -t "$name"
}
in_terminal colored TERM=xterm-256color >"$work/tty.txt"
in_terminal plain TERM=xterm-256color NO_COLOR=1 >"$work/tty-nocolor.txt"
toolcmp compare SmolLM3 'Code Llama 4' >"$work/pipe.txt"
esc=$(printf '\033')
check "terminal: the table is drawn" grep -q "Recommendation (" "$work/tty.txt"
check "terminal: color codes appear" grep -q "$esc\[" "$work/tty.txt"
widest=$(sed "s/$esc\[[0-9;]*m//g" "$work/tty.txt" | LC_ALL=C.UTF-8 wc -L)
check "terminal: the table fits 100 columns ($widest)" test "$widest" -le 100 -a "$widest" -gt 80
check "terminal: NO_COLOR=1 removes the color" sh -c "! grep -q '$esc\[[0-9;]*[1-9][0-9;]*m' '$work/tty-nocolor.txt'"
check "pipe: no escape codes" sh -c "! grep -q '$esc' '$work/pipe.txt'"

# CSV cannot escape control characters: written to a terminal (script(1)
# gives it a pseudo-terminal and records the raw bytes) its cells are shown
# as the tables show them; written to a pipe they stay exact.
toolcmp -q add Evil --tagline "$(printf 'a\033]0;owned\007 \033[2J b\342\200\256c')"
script -qec "toolcmp export --format csv --tool Evil" /dev/null >"$work/csv-tty.txt"
toolcmp export --format csv --tool Evil >"$work/csv-pipe.txt"
check "terminal: CSV export shows escapes harmlessly" grep -q 'a^\[\]0;owned^G ^\[\[2J b<U+202E>c' "$work/csv-tty.txt"
check "terminal: CSV export has no raw escape" sh -c "! grep -q '$esc' '$work/csv-tty.txt'"
check "pipe: CSV export keeps the exact bytes" grep -q "a$esc]0;owned" "$work/csv-pipe.txt"

finish
