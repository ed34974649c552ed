# bash completion for toolcmp.
# Installed as share/bash-completion/completions/toolcmp, or loaded with
#   source <(toolcmp completions bash)
# The candidates come from "toolcmp __complete words ...", which knows the
# commands, their options and values, and the names in your database
# (honouring --db on the line and TOOLCMP_DB).

_toolcmp() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  # What was typed so far, without the quoting the shell will add back.
  local typed=$cur
  typed=${typed#[\"\']}
  typed=${typed//\\/}
  local out line
  out=$("${COMP_WORDS[0]}" __complete words "${COMP_WORDS[@]:1:COMP_CWORD-1}" "$typed" 2>/dev/null) || return 0
  COMPREPLY=()
  if [[ $out == "@files" ]]; then
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY=($(compgen -f -- "$cur"))
    return 0
  fi
  while IFS= read -r line; do
    [[ -n $line ]] || continue
    line=${line%%$'\t'*}
    # Quoted as one word: "Code Llama 4" becomes Code\ Llama\ 4.
    COMPREPLY+=("$(printf '%q' "$line")")
  done <<<"$out"
  return 0
}

complete -F _toolcmp toolcmp
