// One slip of a finger on the on-screen keyboard (text/slip.hpp), as search forgives it.
#include <doctest/doctest.h>

#include "quay/text/slip.hpp"

using quay::text::neighbour_keys;
using quay::text::one_slip_apart;

TEST_CASE("neighbouring keys on the kiosk's QWERTY rows") {
    CHECK(neighbour_keys('n', 'b'));  // same row
    CHECK(neighbour_keys('u', 'j'));  // the row below
    CHECK(neighbour_keys('e', 'w'));
    CHECK(neighbour_keys('z', 's'));  // z sits between s and d
    CHECK(neighbour_keys('z', 'd'));
    CHECK_FALSE(neighbour_keys('z', 'a'));
    CHECK_FALSE(neighbour_keys('q', 'p'));
    CHECK_FALSE(neighbour_keys('a', 'a'));
    CHECK_FALSE(neighbour_keys('1', '2'));  // not letters of the three rows
}

TEST_CASE("one slip: wrong key, key twice, key missed, keys swapped") {
    CHECK(one_slip_apart("sinj", "sinh"));      // j beside h
    CHECK(one_slip_apart("sinhh", "sinh"));     // twice
    CHECK(one_slip_apart("tuu", "tu"));         // twice, short word
    CHECK(one_slip_apart("sih", "sinh"));       // missed
    CHECK(one_slip_apart("khia", "khai"));      // swapped
    CHECK(one_slip_apart("thuonh", "thuong"));  // long word: any key
    CHECK(one_slip_apart("thuonq", "thuong"));
    CHECK_FALSE(one_slip_apart("sinp", "sinh"));  // p is nowhere near h in a short word
    CHECK_FALSE(one_slip_apart("sinh", "sinh"));  // no slip at all
    CHECK_FALSE(one_slip_apart("snih", "sinhh"));
    CHECK_FALSE(one_slip_apart("k", "ky"));      // one letter left is no evidence
    CHECK_FALSE(one_slip_apart("ab", "ba"));     // swaps need three letters
    CHECK_FALSE(one_slip_apart("khaii", "kh"));  // two slips
}
