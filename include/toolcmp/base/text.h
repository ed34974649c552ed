// Unicode text: name keys, terminal cell widths, safe display and wrapping.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace toolcmp {

bool is_valid_utf8(std::string_view text);
// Bytes 0x20-0x7E only: no controls, nothing to fold or strip.
bool is_printable_ascii(std::string_view text);

// ASCII letters in lower case, every other byte as it is: how both
// back-ends fold a voter (SQLite's NOCASE, lower() in "C").
std::string ascii_lower(std::string_view text);
// Case-folded (NFKC) form: names are unique and found ignoring case.
std::string name_key(std::string_view name);
// Case-folded letters and digits only: "Code-Llama 4" -> "codellama4".
std::string loose_key(std::string_view name);

// Terminal cells: CJK and emoji take two, combining marks none.
int display_width(std::string_view text);

// Makes stored text harmless on a terminal: control characters and
// escape sequences become visible (ESC -> "^["), invisible bidi controls
// become "<U+202E>", tabs become a space, invalid UTF-8 becomes U+FFFD.
// Newlines stay: they are line breaks.
std::string sanitize_for_terminal(std::string_view text);

// Whether text holds anything a terminal would act on or a reader could
// not see: C0 and C1 controls, DEL, bidi controls, zero-width and tag
// characters, soft hyphens; or invalid UTF-8. Shell completion leaves
// such a candidate out.
bool has_hidden_or_control(std::string_view text);
// text without zero-width, soft hyphen and tag characters (valid UTF-8 in).
std::string strip_invisible(std::string_view text);

// Word-wraps sanitized text to lines of at most width cells. Words longer
// than a line are broken between grapheme clusters; "\n" starts a new line.
std::vector<std::string> wrap_text(std::string_view text, int width);

// Edits (insert, delete, substitute, swap neighbours) between two short keys, by bytes.
// Past limit it stops early and returns limit + 1: two rows of work per
// character and nothing for a pair whose lengths differ by more.
int edit_distance(std::string_view a, std::string_view b, int limit = 1 << 20);

// U+200E-200F, U+202A-202E, U+2066-2069, U+061C: the controls that
// reorder text. One list for the terminal sanitizer and the JSON escaper.
bool is_bidi_control(char32_t cp);
// Appends a code point (at most U+10FFFF, no surrogate) as UTF-8.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace toolcmp
