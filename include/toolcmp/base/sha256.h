// SHA-256 (FIPS 180-4): a digest of bytes no one can steer to match
// another's, for keys that must not collide on purpose (the PostgreSQL
// schemas a user's toolcmp has checked, by their catalog rows).
#pragma once

#include <string>
#include <string_view>

namespace toolcmp {

// The digest of bytes as 64 lower-case hexadecimal digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace toolcmp
