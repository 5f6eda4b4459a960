#include "quay/text/slip.hpp"

#include <cstdlib>

namespace quay::text {
namespace {

// Key centre in half-key units: column * 2 plus the row's offset.
struct Key {
    int row = -1;
    int x2 = 0;
};

Key key_of(char c) {
    constexpr std::string_view rows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
    constexpr int offset2[] = {0, 0, 3};  // z sits 1.5 keys in, after shift
    for (int r = 0; r < 3; ++r) {
        if (const auto i = rows[r].find(c); i != std::string_view::npos) {
            return {r, static_cast<int>(i) * 2 + offset2[r]};
        }
    }
    return {};
}

}  // namespace

bool neighbour_keys(char a, char b) {
    const Key ka = key_of(a);
    const Key kb = key_of(b);
    if (ka.row < 0 || kb.row < 0 || a == b) return false;
    const int dy = std::abs(ka.row - kb.row);
    const int dx2 = std::abs(ka.x2 - kb.x2);
    return (dy == 0 && dx2 == 2) || (dy == 1 && dx2 <= 2);
}

bool one_slip_apart(std::string_view typed, std::string_view word) {
    const std::size_t n = typed.size();
    const std::size_t m = word.size();
    std::size_t i = 0;  // common prefix
    while (i < n && i < m && typed[i] == word[i])
        ++i;
    if (n == m) {
        if (i == n) return false;  // the same word: no slip
        if (typed.substr(i + 1) == word.substr(i + 1)) {
            return m >= 5 || neighbour_keys(typed[i], word[i]);  // a wrong key
        }
        return m >= 3 && i + 1 < n && typed[i] == word[i + 1] && typed[i + 1] == word[i] &&
               typed.substr(i + 2) == word.substr(i + 2);  // two keys swapped
    }
    if (n + 1 == m) return n >= 2 && typed.substr(i) == word.substr(i + 1);  // a key missed
    if (m + 1 == n) return m >= 2 && typed.substr(i + 1) == word.substr(i);  // a key twice
    return false;
}

}  // namespace quay::text
