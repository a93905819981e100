// Small text helpers (ASCII only: resource names, label keys, header names and flag values are
// ASCII, and these must not depend on the process locale).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace svcadv {

// The parts of `text` between separators, empty parts included, as Go's strings.Split:
// "a,,b" -> {"a", "", "b"}, "a," -> {"a", ""}, "" -> {""}.
std::vector<std::string> split(std::string_view text, char separator);

// `text` without leading and trailing whitespace (space, tab, CR, LF, FF, VT).
std::string trim(std::string_view text);

// `text` with A-Z turned into a-z.
std::string toLower(std::string_view text);

// True when `a` and `b` are equal but for the case of A-Z.
bool equalsIgnoringCase(std::string_view a, std::string_view b);

// `text` safe to print on a terminal: control characters (C0 but tab, DEL, and the C1 range
// U+0080..U+009F) as escapes ("\n", "\r", "\x1b", "\u009b"); tab and printable text stay.
// An error message from a server or a value from a file cannot move the cursor or recolour the
// screen this way.
std::string escapeControlCharacters(std::string_view text);

// `text` with the user information of every URL in it ("https://user:secret@host" ->
// "https://***@host") replaced, so that no printed message carries a password.
std::string withoutUrlUserinfo(std::string_view text);

}  // namespace svcadv
