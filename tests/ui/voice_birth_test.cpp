// Issue 15's proof, whole: a birth registration with the screen unseen, keypad keys only
// (docs/keypad.md), from the home screen through every form page, the review and the
// confirmation to the receipt, in the real app (KioskProcess, in-process) with the real
// store. The walker is a blind user: it presses 2 or 8 until it hears the item it wants
// (the shorter way round, as the spoken position tells), then 5, or Enter on a key of the
// on-screen keyboard. Each step's text handed to espeak-ng is checked against a golden
// (tests/data/voice/birth-registration-vi.txt, QUAY_UPDATE_GOLDENS=1 rewrites it): no digit,
// no raw abbreviation; each step's captured sound holds speech. The dossier must be stored.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "../audio/capture.hpp"
#include "kiosk.hpp"
#include "kiosk_run.hpp"
#include "quay/clock.hpp"
#include "quay/platform/script.hpp"
#include "quay/store/store.hpp"
#include "voice_golden.hpp"

using namespace quay;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// Said at least this long at every step: a short word ("Lê") still takes 0.1 s.
constexpr std::size_t kStepSpeech = audio::sample_rate / 10;

class BlindWalk {
  public:
    BlindWalk(kiosk_app::KioskProcess& k, test::Capture& cap) : k_(k), cap_(cap) {}

    // Moves the focus to the item `id` by 2 (next) or 8 (previous), the shorter way.
    void to(const std::string& id) {
        const auto& f = k_.app().kiosk();
        const auto& items = f.screen_items();
        const auto it = std::find_if(items.begin(), items.end(),
                                     [&](const flow::FocusItem& i) { return i.id == id; });
        REQUIRE_MESSAGE(it != items.end(), "no item " << id << " on " << k_.app().screen_name());
        const int n = static_cast<int>(items.size()), want = static_cast<int>(it - items.begin());
        const auto at = f.focused_item();
        if (at && at->index == want) return;
        const int fwd = at ? (want - at->index + n) % n : want + 1;
        const int back = at ? (at->index - want + n) % n : n - want;
        step("to " + id, fwd <= back ? test::keys("kp_2", fwd) : test::keys("kp_8", back));
        REQUIRE(f.focused_item());
        CHECK(f.focused_item()->item.id == id);
    }
    // Goes to the item and presses it (5).
    void press(const std::string& id) {
        to(id);
        step("press " + id, "key kp_5\n");
    }
    // Types on the on-screen keyboard of the open box, key by key ("space", "tone:grave").
    void type(const std::vector<std::string>& keys) {
        for (const auto& key : keys)
            press(key.starts_with("tone:") ? key : "key:" + key);
    }
    // Digits into an open digits box, as the keypad sends them with NumLock on.
    void digits(const std::string& name, const std::string& ds) {
        std::string script;
        for (const char d : ds)
            script += std::string("key kp_") + d + "\ntext \"" + d + "\"\n";
        step(name, script);
    }
    void step(const std::string& name, const std::string& script) {
        k_.play(platform::parse_script(script + "frames 3\n"));
        REQUIRE(k_.voice().wait_until_quiet(20s));
        const std::string said = test::joined(k_.voice().last_sentences());
        CHECK_MESSAGE(!said.empty(), name);
        for (const char c : said)
            CHECK_MESSAGE(!(c >= '0' && c <= '9'), name << ": a digit in " << said);
        for (const char* raw : {"UBND", "CCCD", "TP.", "Tp.", "HĐND"})
            CHECK_MESSAGE(said.find(raw) == std::string::npos,
                          name << ": " << raw << " in " << said);
        const auto fresh = cap_.samples(heard_);
        heard_ += fresh.size();
        CHECK_MESSAGE(test::loud_samples(fresh) > kStepSpeech,
                      name << ": silent, " << heard_ << " samples so far");
        test::check_spoken_names(k_.app().kiosk(), name);
        lines_.push_back(name + "\t" + said);
    }
    const std::vector<std::string>& lines() const { return lines_; }
    std::string screen() const { return k_.app().screen_name(); }

  private:
    kiosk_app::KioskProcess& k_;
    test::Capture& cap_;
    std::size_t heard_ = 0;
    std::vector<std::string> lines_;
};

// A letters box: open it (5 on the box), type, close it (0).
void fill_text(BlindWalk& w, const std::string& field, const std::vector<std::string>& keys) {
    w.press("field:" + field);
    w.type(keys);
    w.step("close " + field, "key kp_0\n");
}

void fill_digits(BlindWalk& w, const std::string& field, const std::string& ds) {
    w.press("field:" + field);
    w.digits("type " + field, ds);
    w.step("close " + field, "key enter\n");
}

// A box with a list opens its picker: the first item.
void pick_first(BlindWalk& w, const std::string& opener) {
    w.press(opener);
    CHECK(w.screen() == "picker");
    w.press("pick:0");
    CHECK(w.screen() == "form");
}

void next_page(BlindWalk& w, const char* want) {
    w.press("action.next");
    CHECK(w.screen() == want);
}

void walk(BlindWalk& w) {
    w.step("voice on", "key kp_period\n");
    w.press("event:birth");
    CHECK(w.screen() == "procedure_list");
    w.press("proc:1.001193");
    CHECK(w.screen() == "procedure");
    w.press("action.start");
    CHECK(w.screen() == "form");
    // 1/9: the applicant. Letters by the keyboard (names take a capital by themselves),
    // the ID number by the keypad's digits, the date of birth as the picker offers it
    // (30 years ago), the address's province from its list.
    fill_text(w, "applicant.full_name", {"l", "ê", "space", "a", "n"});  // Lê An
    fill_digits(w, "applicant.id_number", "001090123456");
    w.press("field:applicant.date_of_birth");
    w.press("date:day-");
    w.press("date:done");
    pick_first(w, "picker:applicant.address");
    next_page(w, "form");
    // 2/9: contact.
    fill_digits(w, "applicant.phone", "0912345678");
    next_page(w, "form");
    // 3/9: the request: relationship (Cha).
    pick_first(w, "field:quan_he_voi_nguoi_duoc_khai_sinh");
    next_page(w, "form");
    // 4/9: the child: a name with a tone mark, the date, a choice, a list.
    fill_text(w, "tre_ho_ten", {"l", "ê", "space", "b", "i", "n", "h", "tone:grave"});
    w.press("field:tre_ngay_sinh");
    w.press("date:done");
    w.press("option:tre_gioi_tinh:Nam");
    pick_first(w, "field:tre_dan_toc");
    next_page(w, "form");
    // 5/9: nationality, places from the province list.
    pick_first(w, "field:tre_quoc_tich");
    pick_first(w, "picker:tre_noi_sinh");
    pick_first(w, "picker:tre_que_quan");
    next_page(w, "form");
    // 6/9: the mother.
    fill_text(w, "me_ho_ten", {"m", "a", "i", "space", "h", "a", "tone:grave"});
    fill_digits(w, "me_nam_sinh", "1992");
    pick_first(w, "field:me_dan_toc");
    pick_first(w, "field:me_quoc_tich");
    next_page(w, "form");
    next_page(w, "form");  // 7/9, 8/9: optional only
    next_page(w, "form");
    next_page(w, "review");
    w.press("review.declare");
    // Saving takes a moment: the receipt's code and where to go are said once it shows.
    w.to("action.confirm");
    w.step("confirm: the receipt", "key kp_5\nwait-for screen receipt 30\n");
}

}  // namespace

TEST_CASE("a birth registration, screen unseen, keys only: stored, and every step spoken") {
    test::KioskDir d("voice-birth");
    test::Capture cap("voice-birth");
    std::vector<std::string> got;
    {
        kiosk_app::KioskProcess k(test::headless_options(d.write_config()));
        REQUIRE(k.voice().unavailable_reason().empty());
        BlindWalk w(k, cap);
        walk(w);
        CHECK(w.screen() == "receipt");
        got = w.lines();
    }
    SystemClock clock;
    auto store = store::Store::open(d.path() / "data", clock);
    const auto items = store.items();
    REQUIRE(items.size() == 1);
    CHECK(items[0].procedure_code == "1.001193");
    CHECK(items[0].receipt_code == "TEST01-261122-0001");

    test::check_voice_golden("birth-registration-vi.txt", got);
}
