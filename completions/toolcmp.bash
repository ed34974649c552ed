# bash completion for toolcmp.
# Installed as share/bash-completion/completions/toolcmp, or loaded with
#   source <(toolcmp completions bash)
# The candidates come from "toolcmp __complete words ...", which knows the
# commands, their options and values, and the names in your database
# (honouring --db on the line and TOOLCMP_DB).

# A word as typed ('Code Llama 4', "Code Llama 4", Code\ Llama\ 4 or an
# unfinished 'Code Ll) without its quoting, into REPLY. Nothing is evaluated.
_toolcmp_unquote() {
  local word=$1 quote= char i
  REPLY=
  for ((i = 0; i < ${#word}; i++)); do
    char=${word:i:1}
    if [[ $quote == "'" ]]; then
      [[ $char == "'" ]] && quote= || REPLY+=$char
    elif [[ $char == '\' ]]; then
      ((i++))
      char=${word:i:1}
      # Inside double quotes a backslash escapes only $ ` " \ and newline.
      [[ $quote == '"' && $char != [\$\`\"\\] ]] && REPLY+='\'
      REPLY+=$char
    elif [[ $char == '"' ]]; then
      [[ $quote == '"' ]] && quote= || quote='"'
    elif [[ $char == "'" && -z $quote ]]; then
      quote="'"
    else
      REPLY+=$char
    fi
  done
}

_toolcmp() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local -a before=()
  local word out line typed
  for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    _toolcmp_unquote "$word"
    before+=("$REPLY")
  done
  _toolcmp_unquote "$cur"
  typed=$REPLY
  out=$("${COMP_WORDS[0]}" __complete words "${before[@]}" "$typed" 2>/dev/null) || return 0
  COMPREPLY=()
  if [[ $out == "@files" ]]; then
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY=($(compgen -f -- "$typed"))
    return 0
  fi
  while IFS= read -r line; do
    [[ -n $line ]] || continue
    line=${line%%$'\t'*}
    # After an opening quote readline keeps the quote and closes it, so the
    # name goes in as that quote needs; otherwise as one word, Code\ Llama\ 4.
    case $cur in
      \'*) COMPREPLY+=("${line//\'/\'\\\'\'}") ;;
      \"*) line=${line//\\/\\\\}; line=${line//\$/\\\$}; line=${line//\`/\\\`}
           COMPREPLY+=("${line//\"/\\\"}") ;;
      *) COMPREPLY+=("$(printf '%q' "$line")") ;;
    esac
  done <<<"$out"
  return 0
}

complete -F _toolcmp toolcmp
