#pragma once
// Shared by the screen files: what a screen may read and how it asks for things.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quay/catalog/catalog.hpp"
#include "quay/catalog/guided.hpp"
#include "quay/catalog/search.hpp"
#include "quay/clock_status.hpp"
#include "quay/flow/kiosk.hpp"
#include "quay/locale/words.hpp"
#include "quay/ui/widgets.hpp"

namespace quay::ui {

// UI-only state: drafts of pickers and views of background data. Reset with the session.
struct UiState {
    std::optional<std::string> date_field;  // the date picker is open for this field
    int day = 1, month = 1, year = 2000;
    int situation_tab = 0;
    std::string search_query;  // results below were computed for "lang:query"
    std::vector<const catalog::Procedure*> search_results;
    bool shift = false;  // on-screen keyboard: next letter upper case
};

struct Ctx {
    Widgets& w;
    const flow::Kiosk& k;
    UiState& st;
    std::vector<flow::Intent>& out;
    const catalog::SearchIndex* search{};  // in the session's language
    float width{};                         // content width
    float panel_fit{};  // a side panel's height: its keys shrink (to the touch target) to fit
    std::string status_url{};  // receipt QR payload pattern ({receipt_code})
    int today_year = 2026, today_month = 1, today_day = 1;
    // The days today may be (clock_status): the date picker's years come from it.
    TodayRange today_range{std::chrono::year_month_day{std::chrono::year{2026},
                                                       std::chrono::month{1}, std::chrono::day{1}}};

    void emit(flow::Intent i) { out.push_back(std::move(i)); }
    std::string_view tr(std::string_view key) const { return w.tr(key); }
    // "1 procedure" / "3 procedures" (locale::count); "20.000 đ" (locale::money).
    std::string count(std::string_view key, std::int64_t n) const {
        return locale::count(w.strings(), key, n);
    }
    std::string money(std::int64_t dong) const { return locale::money(w.strings(), dong); }
    const std::string& t(const catalog::Text& text) const { return text.in(w.language()); }
    const flow::Session& session() const { return k.session(); }
};

// One function per screen: its title, its scrolling content, its action bar (if any).
std::string screen_title(Ctx& c);
void screen_content(Ctx& c);
bool screen_has_actions(const Ctx& c);
void screen_actions(Ctx& c);
// The "◀ ▶ Chọn" bar while voice mode is on (voice_bar.cpp): its height (0: not shown).
float voice_bar_height(const Ctx& c);
void draw_voice_bar(Ctx& c, ImVec2 at, float width);

void draw_home(Ctx& c);
void draw_search(Ctx& c);
void draw_browse_events(Ctx& c);
void draw_browse_fields(Ctx& c);
void draw_procedure_list(Ctx& c);
void draw_procedure(Ctx& c);
void draw_form(Ctx& c);
void draw_review(Ctx& c);
void draw_saving(Ctx& c);
void draw_receipt(Ctx& c);
void draw_status(Ctx& c);
void draw_status_result(Ctx& c);
void draw_staff_pin(Ctx& c);
void draw_staff(Ctx& c);
void draw_guided(Ctx& c);
void draw_guided_outcome(Ctx& c);
void draw_picker(Ctx& c);
// Under a form field with a reference list: the province button of an address, or "choose
// from the list" once the person chose to type (docs/pickers.md).
void picker_button(Ctx& c, const catalog::FormField& f);
// Liên thông bundles (bundle.cpp): the offer card (procedure page, guided outcome), the
// "Thủ tục 2 trên 3" line above a bundle's form page, a procedure's heading on the review.
void bundle_offer(Ctx& c);
void bundle_form_progress(Ctx& c, const flow::FormPage& page);
void bundle_review_heading(Ctx& c, int procedure);
// "Answer a few questions" buttons for these guides (life event list, procedure page).
void guide_buttons(Ctx& c, const std::vector<const catalog::Guide*>& guides);

// A field as a tappable box: label, value (or a hint), error under it.
void field_box(Ctx& c, const catalog::FormField& f);
void plain_field_box(Ctx& c, std::string_view key, std::string_view label, bool secret = false);
// Value as people read it (dates dd/mm/yyyy, choice labels).
std::string display_value(const Ctx& c, const catalog::FormField& f, const std::string& v);
// "Bản chính", "Bản chính và 2 bản sao", "1 bản sao"
std::string document_kind(const Ctx& c, const catalog::Document& d);
// "2026-11-02" → "02/11/2026"
std::string format_date(std::string_view iso);

// A panel around content of unknown height: body draws it, given the inner width.
// Returns the panel's top-left corner.
struct CardLook {
    ImU32 fill;
    ImU32 border = 0;  // 0: none
    ImU32 accent = 0;  // a bar down the left edge; 0: none
};
ImVec2 card(Ctx& c, const CardLook& look, const std::function<void(float inner)>& body);

// Which input panel the focused field needs.
enum class Panel { none, keyboard, digits, date };
Panel panel_for(const Ctx& c);
float panel_height(const Ctx& c, Panel p, float width);
void draw_keyboard(Ctx& c, float width);
void draw_digit_pad(Ctx& c, float width);
void draw_date_picker(Ctx& c, float width);

}  // namespace quay::ui
