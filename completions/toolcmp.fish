# fish completion for toolcmp.
# Installed as share/fish/vendor_completions.d/toolcmp.fish, or loaded with
#   toolcmp completions fish | source
# The candidates come from "toolcmp __complete words ...", which knows the
# commands, their options and values, and the names in your database
# (honouring --db on the line and TOOLCMP_DB). Each comes with a tab and a
# description where there is one, as fish expects.

function __toolcmp_complete
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    set -l out (command $words[1] __complete words $words[2..-1] (string unescape -- $current) 2>/dev/null)
    if test "$out[1]" = "@files"
        __fish_complete_path (string unescape -- $current)
        return
    end
    printf '%s\n' $out
end

complete -c toolcmp -f -a '(__toolcmp_complete)'
