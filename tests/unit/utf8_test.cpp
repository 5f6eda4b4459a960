#include <doctest/doctest.h>

#include "quay/error.hpp"
#include "quay/text/utf8.hpp"

using namespace quay::text;

TEST_CASE("invalid UTF-8 is found, never dropped") {
    CHECK(is_valid_utf8("Việt Nam"));
    CHECK(find_invalid_utf8("ab\xff"
                            "cd") == 2u);
    CHECK(find_invalid_utf8("\xc0\xaf") == 0u);          // overlong '/'
    CHECK(find_invalid_utf8("\xed\xa0\x80") == 0u);      // surrogate
    CHECK(find_invalid_utf8("\xf4\x90\x80\x80") == 0u);  // above U+10FFFF
    CHECK(find_invalid_utf8("x\xe1\xbb") == 1u);         // truncated
    CHECK_THROWS_AS(to_nfc("Vi\xe1\xbb"), quay::Error);
    try {
        to_nfc("ab\xff");
        FAIL("no throw");
    } catch (const quay::Error& e) {
        CHECK(e.code() == "invalid_utf8");
        CHECK(std::string(e.what()).find("byte 2") != std::string::npos);
    }
}

TEST_CASE("NFD becomes NFC") {
    const std::string nfd = "Vie\xcc\x82\xcc\xa3t";  // e + U+0302 + U+0323
    CHECK_FALSE(is_nfc(nfd));
    CHECK(to_nfc(nfd) == "Việt");
    CHECK(is_nfc(to_nfc(nfd)));
    CHECK(to_nfc("") == "");
}

TEST_CASE("search folding forgives case, diacritics and đ") {
    CHECK(fold_for_search("Đăng ký KHAI SINH") == "dang ky khai sinh");
    CHECK(fold_for_search("  đường — Hòa  Bình! ") == "duong hoa binh");
    CHECK(fold_for_search("Nguye\xcc\x82\xcc\x83n") == "nguyen");
    CHECK(fold_for_search("1.001193") == "1 001193");
}

TEST_CASE("both tone-placement styles are the same word") {
    CHECK(same_text("hòa", "hoà"));
    CHECK(same_text("thủy", "thuỷ"));
    CHECK(same_text("Ủy ban", "Uỷ ban"));
    CHECK(same_text("Khỏe", "Khoẻ"));
    CHECK_FALSE(same_text("hòa", "hóa"));
    CHECK_FALSE(same_text("hòa", "hoa"));
    CHECK_FALSE(same_text("Nam", "Năm"));
    CHECK(tone_placement_key("Hòa Bình") == tone_placement_key("Hoà Bình"));
}

TEST_CASE("Vietnamese case mapping") {
    CHECK(to_upper("nữ ưởng đ") == "NỮ ƯỞNG Đ");
    CHECK(to_lower("ĐỖ THỊ MẪU") == "đỗ thị mẫu");
}
