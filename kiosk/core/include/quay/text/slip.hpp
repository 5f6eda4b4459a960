#pragma once
// Slips of a finger on the kiosk's on-screen keyboard, for search: a neighbouring key, a
// key hit twice, a key missed, two keys swapped. Works on folded text (a-z, 0-9).

#include <string_view>

namespace quay::text {

// True when `typed` is `word` with exactly one slip. Short words forgive less: a missed or
// doubled key needs at least 2 right letters, two swapped keys a word of at least 3, and a
// wrong key must be a neighbour on the keyboard unless the word has at least 5 letters.
bool one_slip_apart(std::string_view typed, std::string_view word);

// True when a and b are next to each other on the on-screen QWERTY keyboard
// (kiosk/ui/src/screens/panels.cpp: rows q-p, a-l aligned under q, z-m shifted 1.5 keys).
bool neighbour_keys(char a, char b);

}  // namespace quay::text
