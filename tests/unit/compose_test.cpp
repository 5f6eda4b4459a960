// Telex/VNI composition: every vector of telex-vni.md §9 (copied here by hand), the extra
// checks listed under it, and the engine's own rules (docs/vietnamese-input.md).
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "quay/text/compose.hpp"
#include "quay/text/utf8.hpp"

using namespace quay::text;

namespace {

struct Vector {
    int row;
    InputMethod method;
    std::string_view keys;
    std::string_view traditional;
    std::string_view modern;  // empty: same as traditional
};

constexpr auto T = InputMethod::telex;
constexpr auto V = InputMethod::vni;

// telex-vni.md §9, all 40 rows.
constexpr Vector kSpec[] = {
    {1, T, "tieengs", "tiếng", ""},
    {2, T, "Vieejt", "Việt", ""},
    {3, T, "nguwowif", "người", ""},
    {4, T, "nguoiwf", "người", ""},
    {5, T, "dduwowngf", "đường", ""},
    {6, T, "hoaf", "hòa", "hoà"},
    {7, T, "hoanf", "hoàn", ""},
    {8, T, "Uyr ban nhaan daan", "Ủy ban nhân dân", "Uỷ ban nhân dân"},
    {9, T, "quys", "quý", ""},
    {10, T, "giaf", "già", ""},
    {11, T, "ginf", "gìn", ""},
    {12, T, "khuyur", "khuỷu", ""},
    {13, T, "thuowr", "thuở", ""},
    {14, T, "ass", "as", ""},
    {15, T, "aaa", "aa", ""},
    {16, T, "xooong", "xoong", ""},
    {17, T, "w", "ư", ""},
    {18, T, "ww", "w", ""},
    {19, T, "caf phee", "cà phê", ""},
    {20, T, "asf", "à", ""},
    {21, T, "losz", "lo", ""},
    {22, T, "Aw", "Ă", ""},
    {23, T, "chuyrene", "chuyển", ""},
    {24, T, "tesst", "test", ""},
    {25, T, "VIEETJ NAM", "VIỆT NAM", ""},
    {26, V, "tie6ng1", "tiếng", ""},
    {27, V, "Vie65t", "Việt", ""},
    {28, V, "nguoi72", "người", ""},
    {29, V, "d9u7o7ng2", "đường", ""},
    {30, V, "hoa2", "hòa", "hoà"},
    {31, V, "Uy3 ban", "Ủy ban", "Uỷ ban"},
    {32, V, "quy1", "quý", ""},
    {33, V, "thuo73", "thuở", ""},
    {34, V, "thu7o73", "thưở", ""},
    {35, V, "a11", "a1", ""},
    {36, V, "a10", "a", ""},
    {37, V, "a60", "â0", ""},
    {38, V, "so61 12", "số 12", ""},
    {39, V, "A61", "Ấ", ""},
    {40, V, "hoa8c5", "hoặc", ""},
};

std::string tel(std::string_view keys, ToneStyle s = ToneStyle::traditional) {
    return compose(InputMethod::telex, keys, s);
}
std::string vni(std::string_view keys, ToneStyle s = ToneStyle::traditional) {
    return compose(InputMethod::vni, keys, s);
}

bool has_combining_mark(std::string_view utf8) {
    for (char32_t c : decode(utf8)) {
        if (c >= 0x0300 && c <= 0x036F) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("telex-vni.md §9: all 40 vectors, both tone styles") {
    CHECK(std::size(kSpec) == 40);
    for (const auto& v : kSpec) {
        CAPTURE(v.row);
        CAPTURE(v.keys);
        const std::string old_style = compose(v.method, v.keys, ToneStyle::traditional);
        const std::string new_style = compose(v.method, v.keys, ToneStyle::modern);
        CHECK(old_style == v.traditional);
        CHECK(new_style == (v.modern.empty() ? v.traditional : v.modern));
        CHECK(is_nfc(old_style));
        CHECK_FALSE(has_combining_mark(old_style));
    }
}

TEST_CASE("telex-vni.md §9: the further checks") {
    CHECK(tel("acf") == "acf");  // huyền cannot sit on a stop final
    CHECK(tel("acs") == "ác");
    CHECK(tel("atf") == "atf");
    CHECK(tel("did") == "đi");  // the mark key reaches a letter further left
    CHECK(vni("d99") == "d9");
    CHECK(vni("Nguye6n64") == "Nguyen64");  // a repeated modifier toggles its target
    CHECK(vni("khuyu3") == "khuỷu");
    CHECK(tel("1990") == "1990");  // Telex: digits are boundaries
    CHECK(tel("sas") == "sá");     // the first s is a consonant
}

TEST_CASE("tone placement rules (§5)") {
    CHECK(tel("mais") == "mái");  // two vowels, no final: the first
    CHECK(tel("chaos") == "cháo");
    CHECK(tel("muaf") == "mùa");
    CHECK(tel("tuis") == "túi");
    CHECK(tel("toans") == "toán");  // with a final: the second
    CHECK(tel("hoachj") == "hoạch");
    CHECK(tel("huyfnh") == "huỳnh");
    CHECK(tel("ngoaif") == "ngoài");  // three vowels: the middle
    CHECK(tel("xoays") == "xoáy");
    CHECK(tel("khuyas") == "khuýa");
    CHECK(tel("ngoeor") == "ngoẻo");
    CHECK(tel("thuees") == "thuế");  // marked vowel wins
    CHECK(tel("muoons") == "muốn");
    CHECK(tel("tuaanf") == "tuần");
    CHECK(tel("cuwar") == "cửa");
    CHECK(tel("guwir") == "gửi");
    CHECK(tel("ddaauf") == "đầu");
    CHECK(tel("ruwowuj") == "rượu");
    CHECK(tel("quoocs") == "quốc");  // qu is the initial
    CHECK(tel("giuwxa") == "giữa");  // gi is the initial
    CHECK(tel("gif") == "gì");
    CHECK(tel("giuwowngf") == "giường");
    CHECK(tel("khoer") == "khỏe");
    CHECK(tel("khoer", ToneStyle::modern) == "khoẻ");
    CHECK(tel("thuyr") == "thủy");
    CHECK(tel("thuyr", ToneStyle::modern) == "thuỷ");
    CHECK(tel("hoanf", ToneStyle::modern) == "hoàn");  // style only without a final
    CHECK(tel("Coongj hoaf") == "Cộng hòa");
}

TEST_CASE("free tone marking: the tone follows the word as it grows") {
    CHECK(tel("chuyr") == "chủy");
    CHECK(tel("chuyr", ToneStyle::modern) == "chuỷ");
    CHECK(tel("hoafn") == "hoàn");
    CHECK(tel("vieejt") == tel("vieetj"));
    CHECK(tel("tiengse") == "tiếng");
}

TEST_CASE("uppercase: case comes from the base letter") {
    CHECK(tel("aW") == "ă");
    CHECK(tel("Dd") == "Đ");
    CHECK(tel("dD") == "đ");
    CHECK(tel("DD") == "Đ");
    CHECK(tel("NGUWOWIF") == "NGƯỜI");
    CHECK(tel("VIEETJ") == "VIỆT");
    CHECK(tel("W") == "Ư");
    CHECK(tel("ASS") == "AS");  // caps lock: undo keeps the typed case
    CHECK(tel("TrAANFf") == "TrÂNf");
    CHECK(vni("D9U7O7NG2") == "ĐƯỜNG");
}

TEST_CASE("undo by the same key, then letters") {
    CHECK(tel("eee") == "ee");
    CHECK(tel("ooo") == "oo");
    CHECK(tel("aww") == "aw");
    CHECK(tel("oww") == "ow");
    CHECK(tel("uww") == "uw");
    CHECK(tel("ddd") == "dd");
    CHECK(tel("www") == "ww");  // Unikey: after an undo more presses are literal
    CHECK(tel("wwww") == "www");
    CHECK(tel("uoww") == "ươ");
    CHECK(tel("uowww") == "uow");
    CHECK(tel("assa") == "asa");
    CHECK(vni("a66") == "a6");
    CHECK(vni("a88") == "a8");
    CHECK(tel("afs") == "á");  // a different tone replaces
    CHECK(vni("a12") == "à");
}

TEST_CASE("z and 0 remove only the tone") {
    CHECK(tel("asz") == "a");
    CHECK(tel("aasz") == "â");  // the circumflex stays
    CHECK(tel("loz") == "loz");
    CHECK(tel("z") == "z");
    CHECK(vni("a610") == "â");
    CHECK(vni("0") == "0");
}

TEST_CASE("the u + o + w cluster (§6)") {
    CHECK(tel("uowc") == "ươc");
    CHECK(tel("uowi") == "ươi");
    CHECK(tel("uown") == "ươn");
    CHECK(tel("uwow") == "ươ");
    CHECK(tel("huow") == "huơ");
    CHECK(tel("dduwowngo") == "đuông");
    CHECK(vni("tu7o7i1") == "tưới");
    CHECK(tel("muaw") == "mưa");  // ă would not be a syllable, ư is
    CHECK(tel("tw") == "tư");
}

TEST_CASE("English words, codes and numbers are left as typed") {
    for (std::string_view w : {"email", "hello", "address", "support", "catr", "tsoa", "fix",
                               "jazz", "zoom", "quick", "hotline", "abc-123", "Skype"}) {
        CAPTURE(w);
        CHECK(tel(w) == w);
    }
    CHECK(tel("web") == "ưeb");  // a lone w is ư (the Unikey choice, documented)
    CHECK(tel("HS-2024/17") == "HS-2024/17");
    CHECK(vni("2025") == "2025");
    CHECK(vni("0912345678") == "0912345678");
    CHECK(tel("a.b, c!") == "a.b, c!");
}

TEST_CASE("Backspace: the last letter of the word goes, the tone stays") {
    CHECK(tel("loanj\b") == "lọa");
    CHECK(tel("hanhj\b") == "hạn");
    CHECK(tel("VIEETJ\b") == "VIỆ");
    CHECK(tel("as\b") == "");
    CHECK(tel("bas\bs") == "bs");  // no vowel left: the tone went with it
    CHECK(tel("ass\bs") == "á");   // after Backspace the key works again
    CHECK(tel("ab \b\b") == "a");  // a committed word: plain delete
    CHECK(tel("\b\b") == "");
    CHECK(tel("chuyeenr\b") == "chuyể");
    CHECK(tel("chuyeenr\b\b") == "chủy");
}

TEST_CASE("Composer: fed one key at a time, tone bar") {
    Composer c;
    for (char32_t k : std::u32string_view(U"Nguyen"))
        CHECK(c.key(k));
    CHECK(c.word() == "Nguyen");
    CHECK(c.tone(Tone::tilde));
    CHECK(c.word() == "Nguỹen");  // the tone bar adds no letter mark
    CHECK(c.key(U'e'));
    CHECK(c.word() == "Nguyễn");  // the tone moved to ê
    CHECK(c.tone(Tone::acute));
    CHECK(c.word() == "Nguyến");
    CHECK(c.tone(Tone::level));
    CHECK(c.word() == "Nguyên");
    CHECK_FALSE(c.key(U' '));  // a boundary: the caller commits
    CHECK_FALSE(c.key(U','));
    CHECK_FALSE(c.key(U'1'));  // Telex: digits are boundaries
    CHECK(c.word() == "Nguyên");
    c.clear();
    CHECK(c.empty());
    CHECK_FALSE(c.tone(Tone::acute));  // no word
    CHECK(c.key(U'b'));
    CHECK_FALSE(c.tone(Tone::acute));  // no vowel
    CHECK(c.word() == "b");

    Composer v(InputMethod::vni, ToneStyle::modern);
    for (char32_t k : std::u32string_view(U"hoa2"))
        CHECK(v.key(k));
    CHECK(v.word() == "hoà");
    CHECK(v.is_word_key(U'7'));
    CHECK_FALSE(Composer{}.is_word_key(U'7'));
}

TEST_CASE("Composer::load makes a written word current again") {
    Composer c;
    CHECK(c.load(U"Việt"));
    CHECK(c.word() == "Việt");
    CHECK(c.backspace());
    CHECK(c.word() == "Việ");
    CHECK(c.tone(Tone::grave));
    CHECK(c.word() == "Viề");
    CHECK(c.load(U"hoà"));
    CHECK(c.tone(Tone::grave));
    CHECK(c.word() == "hòa");  // re-placed in the composer's style
    CHECK_FALSE(c.load(U"a b"));
    CHECK_FALSE(c.load(U"áà"));  // two tones: not one syllable
    CHECK_FALSE(c.load(U""));
    CHECK(c.word() == "hòa");  // a refused load changed nothing
}

TEST_CASE("letters typed already composed are kept exactly") {
    CHECK(tel("Nguyễn Văn An") == "Nguyễn Văn An");
    CHECK(tel("hoà") == "hoà");  // not re-placed behind the user's back
    CHECK(tel("Đông") == "Đông");
    CHECK(tel("Ωmega") == "Ωmega");
}

TEST_CASE("output is NFC, with no combining mark, for every tone on every vowel") {
    const std::string_view vowels[] = {"a", "aw", "aa", "e", "ee", "i",
                                       "o", "oo", "ow", "u", "uw", "y"};
    const std::string_view tones = "sfrxj";
    int n = 0;
    for (auto v : vowels) {
        for (char t : tones) {
            for (bool up : {false, true}) {
                std::string keys(v);
                if (up) keys[0] = static_cast<char>(keys[0] - 'a' + 'A');
                keys.push_back(t);
                const std::string out = tel(keys);
                CAPTURE(keys);
                CHECK(is_nfc(out));
                CHECK(decode(out).size() == 1);  // one precomposed code point
                CHECK_FALSE(has_combining_mark(out));
                ++n;
            }
        }
    }
    CHECK(n == 120);
    // Combining marks typed by hand still come out composed.
    CHECK(compose(T, std::u32string_view(U"a\u0301")) == "á");
}

TEST_CASE("invalid bytes and code points never crash and become U+FFFD") {
    CHECK(tel("a\xff"
              "s") == "a\xef\xbf\xbds");
    CHECK(tel("\xe1\xbb") == "\xef\xbf\xbd\xef\xbf\xbd");                  // truncated sequence
    CHECK(tel("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // surrogate
    CHECK(is_nfc(tel("\xc0\xaf\xf4\x90\x80\x80 Vieetj")));
    const char32_t bad[] = {U'a', 0xD800, U's', 0x110000, U'b'};
    const std::string out = compose(T, std::u32string_view(bad, 5));
    CHECK(out ==
          "a\xef\xbf\xbds\xef\xbf\xbd"
          "b");
    CHECK(is_nfc(out));
    CHECK(tel(std::string_view("a\0s", 3)) == std::string("a\0s", 3));
}

TEST_CASE("long words stay plain and quick") {
    const std::string keys(5000, 'a');
    const std::string out = tel(keys);
    CHECK((out == std::string(4999, 'a')));  // aaa → aa, then every a is a letter
    CHECK(is_nfc(out));
    const std::string ds(3000, 'd');
    CHECK((tel(ds) == std::string(2999, 'd')));
}

TEST_CASE("plain input (ABC): every key is typed as it is; the tone bar still works") {
    CHECK(compose(InputMethod::plain, "birth certificate for a newborn") ==
          "birth certificate for a newborn");
    CHECK(compose(InputMethod::plain, "Williams 1999, 12 ww dd aa") ==
          "Williams 1999, 12 ww dd aa");
    Composer c(InputMethod::plain);
    CHECK_FALSE(c.key(U'a'));  // the caller types it itself
    CHECK(c.load(U"Hoa"));
    CHECK(c.tone(Tone::grave));
    CHECK(c.word() == "Hòa");
}
