// Every kiosk screen in Vietnamese and English, portrait 1080x1920 and landscape 1920x1080,
// in normal and in large text, against the goldens in docs/screens (shown to operators by
// docs/screens/README.md). One quay-kiosk per language and orientation walks every screen with one
// script, against its own portal simulator (a delivered receipt, a status answer) whose clock
// stands still, so the screens are the same on every run. A screen fails when more pixels than the
// golden tolerance allows differ (quay::platform::matches_golden: a few scattered pixels,
// never a dense patch such as a changed digit); the actual PNG and a diff are written next
// to the run's output. Each screenshot has a second golden, the items the frame recorded
// (docs/screens/items/<screen>-<lang>-<orientation>.json): the same ids and labels in the
// same order, every edge within a pixel (quay::platform::compare_items). Every screen's
// items are also checked for layout faults: a label outside its widget, two widgets on top
// of each other (quay::platform::layout_faults).
// QUAY_UPDATE_GOLDENS=1 rewrites both goldens instead (docs/development.md).
#include <doctest/doctest.h>
#include <stb_image_write.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <future>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk_run.hpp"
#include "quay/platform/item_golden.hpp"
#include "quay/platform/item_layout.hpp"
#include "quay/platform/screenshot.hpp"
#include "sim.hpp"

namespace {

namespace fs = std::filesystem;
using quay::platform::Image;
using quay::test::KioskDir;
using quay::test::KioskResult;

const quay::platform::GoldenTolerance kTolerance;
const int kChannelThreshold = kTolerance.channel_threshold;
// The staff screen shows what differs from run to run by design: the simulator's port,
// the disk's free megabytes and the scanner FIFO's per-run directory (a few digits and
// letters each, ~600 px at the old text size, up to ~2400 at the 28 px em). A layout
// change still moves many thousands of pixels.
const quay::platform::GoldenTolerance kStaffTolerance{kChannelThreshold, 3500, 220};
// The kiosk's test clock starts at 2026-11-22 09:00 +07:00 (docs/kiosk-script.md).
constexpr const char* kTestEpoch = "1795312800";
// Argon2id of the PIN 246810 (quayctl staff-pin).
constexpr const char* kPinHash =
    "$argon2id$v=19$m=65536,t=2,p=1$eZdB/ituJWKs1gbmhjRJDA$"
    "j/7oVCKRwpERCCJppjWPYfdBdjKP0uWao9oTukVu4Js";

// The screenshots each script takes, in order.
// clang-format off
const std::vector<std::string> kShots = {"home",
                                         "home-contrast",
                                         "search",
                                         "procedure",
                                         "procedure-large",
                                         "procedure-contrast",
                                         "procedure_list",
                                         "guided",
                                         "guided_outcome",
                                         "browse_fields",
                                         "browse_events",
                                         "form",
                                         "picker",
                                         "picker-filter",
                                         "confirm_home",
                                         "form-keyboard",
                                         "form-keyboard-contrast",
                                         "form-date",
                                         "review",
                                         "review-declared",
                                         "receipt",
                                         "receipt-rating",
                                         "status",
                                         "status_result",
                                         "staff_pin",
                                         "staff",
                                         "idle-prompt",
                                         // A liên thông bundle (docs/bundles.md), not in
                                         // large text (shots_of).
                                         "bundle_offer",
                                         "bundle_form",
                                         "bundle_review",
                                         "bundle_receipt"};
// clang-format on

struct Language {
    std::string code, search, reason, destination, delivered, bundle_pending;
};

// Telex is on in both languages: the English words avoid its tone and mark keys.
const Language kVi{"vi",
                   "khai tuwr",
                   "ddi lamf awn xa",
                   "haf nooij",
                   "Cổng dịch vụ công đã nhận hồ sơ (số tham chiếu H22.99-261122-000001).",
                   "Đã lưu trên ki-ốt, sẽ tự gửi khi có mạng"};
const Language kEn{"en",
                   "death",
                   "on holiday",
                   "da nang",
                   "The public service portal has received the application (reference "
                   "H22.99-261122-000001).",
                   "Saved on this kiosk; sent automatically when online"};

struct Variant {
    const Language* lang;
    std::string orientation, size;
    bool large = false;  // the whole walk with "Chữ to" on
    std::string name() const { return lang->code + "-" + orientation + (large ? "-large" : ""); }
};

// The shots of a variant: the large-text walk has no separate procedure-large.
std::vector<std::string> shots_of(const Variant& v) {
    std::vector<std::string> shots = kShots;
    if (v.large) std::erase(shots, "procedure-large");
    if (v.large)
        std::erase_if(shots, [](const std::string& s) { return s.starts_with("bundle_"); });
    if (v.large && v.orientation == "landscape")
        shots.erase(std::find(shots.begin(), shots.end(), "receipt"), shots.end());
    return shots;
}

// Screens with a prompt over the page: the page's items lie under the prompt's by design.
bool has_overlay(const std::string& shot) {
    return shot == "confirm_home" || shot == "idle-prompt";
}

// The birth bundle from its guided outcome (no father named): the offer, a form page of
// its first procedure, the review, the receipt once both dossiers are delivered.
std::string bundle_walk(const Language& l, bool landscape) {
    const std::string close = "tap #key:done\n";
    std::ostringstream s;
    s << "tap #idle.continue\n"
         "tap #nav.home\n"
         "tap #event:birth\n"
         "tap #guide:khai_sinh\n"
         "tap #answer:new\n"
         "tap #answer:no_father\n"
         "tap #answer:hospital\n"
         "tap #answer:on_time\n"
         "expect screen guided_outcome\n"
         "screenshot bundle_offer\n"
         "drag #bundle.offer 0 -300\n"
         "tap #bundle.start\n"
         "expect screen form\n"
         "scan \"001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|15042021\\r\"\n"
         "wait-for item #form.notice\n"
         "tap #action.next\n"
         "tap #field:applicant.phone\n"
         "text \"0912345678\"\n"
      << close
      << "tap #action.next\n"
         "tap #field:quan_he_voi_nguoi_duoc_khai_sinh\n"
         "tap #pick:0\n"
         "tap #action.next\n"
         "tap #field:tre_ho_ten\n"
         "text \"Nguyễn Minh Khang\"\n"
      << close
      << "tap #field:tre_ngay_sinh\n"
         "tap #date:done\n"
      << (landscape ? "" : "drag #field:tre_ngay_sinh 0 -300\n")
      << "tap #option:tre_gioi_tinh:Nam\n"
         "tap #field:tre_dan_toc\n"
         "tap #pick:0\n"
         "screenshot bundle_form\n"
         "tap #action.next\n"
         "tap #field:tre_quoc_tich\n"
         "tap #pick:0\n"
         "tap #field:tre_noi_sinh\n"
         "text \"Hà Nội\"\n"
      << close << (landscape ? "drag #field:tre_noi_sinh 0 -400\n" : "")
      << "tap #field:tre_que_quan\n"
         "text \"Hà Nội\"\n"
      << close
      << "tap #action.next\n"
         "tap #field:me_ho_ten\n"
         "text \"Trần Thị Bình\"\n"
      << close
      << "tap #field:me_nam_sinh\n"
         "text \"1992\"\n"
      << close
      << "tap #field:me_dan_toc\n"
         "tap #pick:0\n"
         "tap #field:me_quoc_tich\n"
         "tap #pick:0\n"
         "tap #action.next\n"
         "tap #action.next\n"  // the residence page comes filled in (the bundle's prefill)
         "tap #action.next\n"
         "tap #action.next\n"
         "tap #action.next\n"
         "expect screen review\n"
         "screenshot bundle_review\n";
    for (int i = 0; i < 12; ++i)
        s << "drag 540 800 0 -600\n";
    s << "tap #review.declare\n"
         "tap #action.confirm\n"
         "wait-for screen receipt\n"
         "wait-gone \""
      << l.bundle_pending
      << "\" 60\n"
         "tap #receipt.saved\n"  // the countdown restarts: the same seconds every run
         "screenshot bundle_receipt\n";
    return s.str();
}

std::string script_for(const Language& l, bool large, bool landscape) {
    // Portrait: the status lookup and the fields are below the life events; landscape has
    // them beside the search, in view.
    const std::string to_lower_home = landscape ? "" : "drag #event:birth 0 -700\n";
    // Large text is the session's: on again after each session ends (receipt, staff).
    const std::string large_on = large ? "tap #text.large\n" : "";
    const std::string large_shot = large ? ""
                                         : "tap #text.large\n"
                                           "screenshot procedure-large\n"
                                           "tap #text.large\n";
    // The high-contrast theme on a few key screens, then back.
    auto contrast = [](const std::string& shot) {
        return "tap #text.contrast\nscreenshot " + shot + "-contrast\ntap #text.contrast\n";
    };
    std::ostringstream s;
    s << "expect screen home\n"
      << large_on << "screenshot home\n"
      << contrast("home")
      << "tap #home.search\n"
         "osk \""
      << l.search
      << "\"\n"
         "wait-for item #proc:1.000656\n"
         "screenshot search\n"
         "tap #proc:1.000656\n"
         "expect screen procedure\n"
         "screenshot procedure\n"
      << large_shot << contrast("procedure")
      << "tap #nav.home\n"
         "tap #event:moving_house\n"
         "expect screen procedure_list\n"
         "screenshot procedure_list\n"
         "tap #guide:cu_tru\n"  // guided questions: one per screen, then the outcome
         "expect screen guided\n"
         "screenshot guided\n"
         "tap #answer:permanent\n"
         "tap #answer:relative\n"
         "tap #answer:no\n"
         "expect screen guided_outcome\n"
         "screenshot guided_outcome\n"
         "tap #nav.home\n"
      << to_lower_home
      << "tap #home.fields\n"
         "expect screen browse_fields\n"
         "screenshot browse_fields\n"
         "tap #nav.home\n"
         "tap #home.search\n"
         "osk \"zzz\"\n"
         "tap #key:done\n"  // large text: the keyboard hid the way to browse
         "tap #search.browse\n"
         "expect screen browse_events\n"
         "screenshot browse_events\n"
         "tap #nav.home\n"
         "tap #event:moving_house\n"
      << (landscape ? "drag 540 700 0 -500\n" : "")  // below the fold (under the guide)
      << "tap #proc:1.003677\n"
         "tap #action.start\n"
         "expect screen form\n"
         // An address from before the 2025 merger: the notice says so (docs/pickers.md).
         "scan \"001090123456||Nguyễn Văn An|01011990|Nam|Thôn Đông, Xã Tân Mỹ, Tỉnh Bắc "
         "Giang|15042021\\r\"\n"
         "wait-for item #form.notice\n"  // the card was read (the name may be below the fold)
         "screenshot form\n"             // with the notice about the scanned card
         "drag 540 700 0 -600\n"         // the address is below the fold
         "tap #picker:applicant.address\n"
         "expect screen picker\n"
         "screenshot picker\n"
         "tap #field:picker.filter\n"
         "osk \"bac giang\"\n"  // the old name finds Bắc Ninh
         "screenshot picker-filter\n"
         "tap #pick:7\n"
         "expect screen form\n"
         "tap #nav.home\n"
         "expect item #confirm_home.stay\n"
         "screenshot confirm_home\n"
         "tap #confirm_home.stay\n"
         "tap #action.next\n"
         "tap #field:applicant.phone\n"
         "osk \"0912345678\"\n"
         "tap #action.next\n"
         "tap #field:ly_do_tam_vang\n"
         "osk \""
      << l.reason
      << "\"\n"
         "screenshot form-keyboard\n"  // the notice still shows: above the keyboard
      << contrast("form-keyboard")
      << "advance 10\n"     // and now it is gone
         "tap #key:done\n"  // the keyboard closes: the dates come into view
         "tap #field:tam_vang_tu_ngay\n"
         "screenshot form-date\n"
         "tap #date:done\n"
         "drag #field:tam_vang_tu_ngay 0 -300\n"  // landscape: below the fold
         "tap #field:tam_vang_den_ngay\n"
         "tap #date:month+\n"
         "tap #date:done\n"
         "drag #field:tam_vang_den_ngay 0 -400\n"  // landscape: below the fold
         "tap #field:dia_chi_noi_den\n"
         "osk \""
      << l.destination
      << "\"\n"
         "tap #action.next\n"
         "tap #action.next\n"
         "expect screen review\n"
         "screenshot review\n"
         "drag 540 800 0 -600\n"
         "drag 540 800 0 -600\n"
         "drag 540 800 0 -600\n"
         "drag 540 800 0 -600\n"
         "drag 540 800 0 -600\n"
         "tap #review.declare\n"
         "screenshot review-declared\n";
    // Not yet: large text in landscape scrolls the receipt's delivery banner out of the
    // script's sight; its walk ends at the review (shots_of).
    if (large && landscape) return s.str();
    s << "tap #action.confirm\n"
         "wait-for screen receipt\n"
      << (large ? "drag #receipt.saved 0 -400\n" : "")  // large text: the banner is lower
      << "wait-for item \"" << l.delivered
      << "\" 60\n"
         // A touch restarts the receipt's countdown: the seconds on its button are then the same
         // on every run (the wait above took real time).
         "tap #receipt.delivery\n"
         "screenshot receipt\n"
         // The one-tap rating sits under the codes and next steps.
         "drag 540 900 0 -900\n"
         "drag 540 900 0 -900\n"
         "drag 540 900 0 -900\n"
         "expect item #rating:4\n"
         "screenshot receipt-rating\n"
         "tap #action.done\n"
      << large_on << to_lower_home
      << "tap #home.status\n"
         "scan \"https://dichvucong.gov.vn/tra-cuu?ma=TEST01-261122-0001\\r\"\n"
         "wait-for item #key:5\n"
         "osk \"345\"\n"
         "screenshot status\n"
         "osk \"6\"\n"
         "tap #action.lookup\n"
         "wait-for item #status.answer 60\n"
         "screenshot status_result\n"
         "tap #nav.home\n"
         "tap #staff.corner\n"
         "tap #staff.corner\n"
         "tap #staff.corner\n"
         "tap #staff.corner\n"
         "tap #staff.corner\n"
         "expect screen staff_pin\n"
         "osk \"246810\"\n"
         "screenshot staff_pin\n"
         "tap #action.unlock\n"
         "wait-for screen staff 60\n"
         "wait-for item #staff.pause 60\n"
         "screenshot staff\n"
         "tap #staff.lock\n"
         "expect screen home\n"
      << large_on << to_lower_home
      << "tap #home.status\n"
         "advance 60\n"
         "expect item #idle.continue\n"
         "screenshot idle-prompt\n";
    if (!large) s << bundle_walk(l, landscape);
    return s.str();
}

struct Run {
    Variant variant;
    std::unique_ptr<KioskDir> dir;
    std::unique_ptr<quay::testing::Sim> sim;
    std::future<KioskResult> result;
    fs::path fifo;  // removed once the kiosk is done
};

// Starts one kiosk (in the background) for a variant, with its own simulator.
Run start(const Variant& v) {
    Run r{v, std::make_unique<KioskDir>("screens-" + v.name()), nullptr, {}, {}};
    const fs::path dir = r.dir->path();
    fs::create_directories(dir / "sim");
    r.sim = std::make_unique<quay::testing::Sim>(
        dir / "sim", quay::testing::SimOptions{}.with_args({"--fixed-time", kTestEpoch}));
    {
        std::ofstream(dir / "token") << "test-kiosk-token\n";
        fs::permissions(dir / "token", fs::perms::owner_read | fs::perms::owner_write);
    }
    // The staff screen shows the scanner's path: one outside the checkout keeps the golden
    // close wherever the tree is, and the process id at its end makes it this run's own
    // (two runs of this test at once never share the FIFO).
    const fs::path fifo = fs::temp_directory_path() /
                          ("quay-screens-" + v.name() + ".fifo-" + std::to_string(::getpid()));
    fs::remove(fifo);
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    r.fifo = fifo;
    const fs::path cfg = dir / "quay.toml";
    std::ofstream(cfg) << "[kiosk]\nid = \"TEST01\"\ndata_dir = \"data\"\nlanguage = \""
                       << v.lang->code << "\"\n"
                       << "[portal]\nurl = \"" << r.sim->url() << "\"\ntoken_file = \"token\"\n"
                       << "[delivery]\nbackoff_base_ms = 20\nbackoff_cap_ms = 200\n"
                       << "[scanner]\ndevice = \"" << fifo.string() << "\"\n"
                       << "[staff]\npin_hash = \"" << kPinHash << "\"\n"
                       << "[test]\nmode = true\n";
    const std::string script = script_for(*v.lang, v.large, v.orientation == "landscape");
    r.result = std::async(std::launch::async, [d = r.dir.get(), cfg, script, v] {
        return d->run_script(cfg, script, {"--size", v.size, "--lang", v.lang->code});
    });
    return r;
}

// The goldens are written with stb's strongest compression: they live in the repository.
void write_golden(const fs::path& path, const Image& img) {
    stbi_write_png_compression_level = 9;
    stbi_write_force_png_filter = -1;
    REQUIRE(stbi_write_png(path.c_str(), img.size.w, img.size.h, 4, img.rgba.data(),
                           img.size.w * 4) != 0);
}

// Red where the pixel differs, the golden faded elsewhere.
Image diff_image(const Image& golden, const Image& actual) {
    Image d{golden.size, golden.rgba};
    for (std::size_t i = 0; i < d.rgba.size(); i += 4) {
        int worst = 0;
        for (std::size_t c = 0; c < 4; ++c)
            worst = std::max(worst, std::abs(int(golden.rgba[i + c]) - int(actual.rgba[i + c])));
        for (std::size_t c = 0; c < 3; ++c)
            d.rgba[i + c] = static_cast<unsigned char>(255 - (255 - d.rgba[i + c]) / 4);
        if (worst > kChannelThreshold) {
            d.rgba[i] = 255;
            d.rgba[i + 1] = 0;
            d.rgba[i + 2] = 0;
        }
        d.rgba[i + 3] = 255;
    }
    return d;
}

// False (and a failure) when the script's screenshot step wrote no such file.
bool written(const fs::path& actual) {
    if (fs::exists(actual)) return true;
    FAIL_CHECK("the kiosk's script wrote no " << actual.string());
    return false;
}

void check_shot(const Variant& v, const KioskDir& dir, const std::string& shot, bool update) {
    const fs::path golden =
        fs::path(QUAY_SOURCE_DIR) / "docs/screens" / (shot + "-" + v.name() + ".png");
    const fs::path actual = dir.shots() / (shot + ".png");
    INFO("screen ", shot, " (", v.name(), ")");
    if (!written(actual)) return;
    const Image got = quay::platform::read_png(actual);
    if (update) {
        fs::create_directories(golden.parent_path());
        write_golden(golden, got);
        return;
    }
    if (!fs::exists(golden)) {
        FAIL_CHECK("no golden " << golden.string() << " (actual: " << actual.string()
                                << "); to make it: QUAY_UPDATE_GOLDENS=1 ctest -R ui_screens_test, "
                                   "look at the PNGs, commit them");
        return;
    }
    const Image want = quay::platform::read_png(golden);
    const auto d = quay::platform::compare(want, got, kChannelThreshold);
    if (!d.same_size) {
        FAIL_CHECK(actual.string()
                   << " is " << got.size.w << "x" << got.size.h << ", golden " << golden.string()
                   << " is " << want.size.w << "x" << want.size.h);
        return;
    }
    if (!quay::platform::matches_golden(d, shot == "staff" ? kStaffTolerance : kTolerance)) {
        const fs::path diff = dir.shots() / (shot + "-diff.png");
        const Image di = diff_image(want, got);
        quay::platform::write_png(diff, di.size, di.rgba);
        FAIL_CHECK(d.differing_pixels
                   << " pixels (at most " << d.densest_tile << " in one "
                   << quay::platform::kDiffTile << " px tile) differ by more than "
                   << kChannelThreshold << " from " << golden.string() << "; actual "
                   << actual.string() << ", diff (red) " << diff.string()
                   << "; if the change is intended: QUAY_UPDATE_GOLDENS=1 ctest -R "
                      "ui_screens_test");
    }
}

// The item golden: ids, labels and rectangles of what the screenshot's frame recorded.
// Per-run text (the simulator's URL, the scanner FIFO) is replaced by a placeholder before
// comparing or writing.
void check_items(const Variant& v, const KioskDir& dir, const std::string& shot,
                 const std::vector<std::pair<std::string, std::string>>& per_run, bool update) {
    const fs::path golden =
        fs::path(QUAY_SOURCE_DIR) / "docs/screens/items" / (shot + "-" + v.name() + ".json");
    const fs::path actual = dir.shots() / (shot + ".items.json");
    INFO("items of screen ", shot, " (", v.name(), ")");
    if (!written(actual)) return;
    auto items = quay::platform::read_items(actual);
    // The disk's free megabytes (staff screen) change between any two runs.
    const std::regex free_mb(R"(\(\d+ MB\))");
    for (auto& item : items) {
        for (const auto& [text, placeholder] : per_run)
            for (auto at = item.label.find(text); at != std::string::npos;
                 at = item.label.find(text, at + placeholder.size()))
                item.label.replace(at, text.size(), placeholder);
        item.label = std::regex_replace(item.label, free_mb, "(<free> MB)");
    }
    if (update) {
        quay::platform::write_items(golden, items);
        return;
    }
    if (!fs::exists(golden)) {
        FAIL_CHECK("no item golden " << golden.string() << " (actual: " << actual.string()
                                     << "); to make it: QUAY_UPDATE_GOLDENS=1 ctest -R "
                                        "ui_screens_test, review the diff, commit it");
        return;
    }
    const auto diffs = quay::platform::compare_items(quay::platform::read_items(golden), items);
    if (diffs.empty()) return;
    std::string all;
    for (const auto& d : diffs)
        all += "\n  " + d;
    FAIL_CHECK(diffs.size() << " item(s) differ from " << golden.string() << " (actual "
                            << actual.string() << "):" << all
                            << "\nif the change is intended: QUAY_UPDATE_GOLDENS=1 ctest -R "
                               "ui_screens_test");
}

// No label runs outside its widget and no two labelled widgets overlap (the notice floats
// over the page on purpose; under a prompt only the labels are checked).
void check_layout(const Variant& v, const KioskDir& dir, const std::string& shot) {
    const fs::path actual = dir.shots() / (shot + ".items.json");
    INFO("layout of screen ", shot, " (", v.name(), ")");
    if (!fs::exists(actual)) return;  // check_shot says so
    const float width = std::stof(v.size.substr(0, v.size.find('x')));
    const auto faults = quay::platform::layout_faults(quay::platform::read_items(actual),
                                                      {"notice"}, 1.0f, !has_overlay(shot), width);
    std::string all;
    for (const auto& f : faults)
        all += "\n  " + f;
    CHECK_MESSAGE(faults.empty(), faults.size()
                                      << " layout fault(s) in " << actual.string() << all);
}

}  // namespace

TEST_CASE("every screen, vi and en, portrait and landscape, matches its golden in docs/screens") {
    const char* env = std::getenv("QUAY_UPDATE_GOLDENS");
    const bool update = env != nullptr && std::string(env) == "1";
    const std::vector<Variant> variants = {
        {&kVi, "portrait", "1080x1920"},        {&kEn, "portrait", "1080x1920"},
        {&kVi, "landscape", "1920x1080"},       {&kEn, "landscape", "1920x1080"},
        {&kVi, "portrait", "1080x1920", true},  {&kEn, "portrait", "1080x1920", true},
        {&kVi, "landscape", "1920x1080", true}, {&kEn, "landscape", "1920x1080", true}};
    // Two kiosks at a time: CI has two cores.
    for (std::size_t i = 0; i < variants.size(); i += 2) {
        std::vector<Run> runs;
        for (std::size_t j = i; j < std::min(i + 2, variants.size()); ++j)
            runs.push_back(start(variants[j]));
        for (auto& r : runs) {
            const KioskResult res = r.result.get();
            INFO("kiosk ", r.variant.name(), " in ", r.dir->path().string());
            CHECK_MESSAGE(res.exit_code == 0, res.stderr_text);
            CHECK(r.sim->stop() == 0);
            fs::remove(r.fifo);
            const std::vector<std::pair<std::string, std::string>> per_run = {
                {r.sim->url(), "<portal>"}, {r.fifo.string(), "<scanner>"}};
            for (const auto& shot : shots_of(r.variant)) {
                check_shot(r.variant, *r.dir, shot, update);
                check_items(r.variant, *r.dir, shot, per_run, update);
                check_layout(r.variant, *r.dir, shot);
            }
        }
    }
}
