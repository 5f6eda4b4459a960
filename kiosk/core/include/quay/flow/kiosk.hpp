#pragma once
// The kiosk's rules in one state machine, with no UI library in sight: screens send
// intents, background work comes back as events, and what must run off the UI thread
// (saving, printing, asking the portal, checking a PIN) leaves as effects. Time comes from
// a quay::Clock, so every timeout is tested with a ManualClock.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "quay/catalog/catalog.hpp"
#include "quay/catalog/guided.hpp"
#include "quay/catalog/lists.hpp"
#include "quay/clock.hpp"
#include "quay/flow/editor.hpp"
#include "quay/flow/focus.hpp"
#include "quay/flow/form_plan.hpp"
#include "quay/flow/navigator.hpp"
#include "quay/flow/session.hpp"
#include "quay/flow/staff_view.hpp"
#include "quay/locale/locale.hpp"
#include "quay/staff/pin.hpp"

namespace quay::flow {

struct Timeouts {
    std::chrono::seconds idle_prompt{60};     // no touch → "Bạn còn ở đây không?"
    std::chrono::seconds idle_countdown{15};  // then wipe and home
    std::chrono::seconds receipt_clear{30};   // a finished dossier's screen
    std::chrono::seconds staff_lock{120};
    std::chrono::seconds notice{6};  // how long a short message stays
    // "Saving…" ends by then even if the store never answers (busy, disk hung): back to
    // the review with ui.error.saving_slow (docs/flow.md "Saving always ends").
    std::chrono::seconds saving{20};
    // While a receipt shows and the portal has not got the dossier yet, ask again this often.
    std::chrono::seconds delivery_poll{2};
    // A stored newer catalogue is applied after the home screen has been untouched this long,
    // so a restart never cuts into someone's session.
    std::chrono::seconds catalog_reload_quiet{60};
};

struct Settings {
    Language default_language = Language::vi;
    bool staff_enabled = false;  // a staff PIN hash is configured
    Timeouts timeouts;
    staff::ThrottlePolicy pin_policy;
    std::int64_t pin_failures = 0;  // wrong PINs since the last right one (from the store)
    bool out_of_service = false;    // staff switched the kiosk off for new dossiers (store)
};

// ---- intents: what a person asked for ------------------------------------------------
namespace intent {
struct Home {};       // from a form or review with typed data: asks first (leave_prompt)
struct LeaveForm {};  // "leave and erase what you typed"
struct StayHere {};   // "stay", closes the leave prompt
struct Back {};
struct SetLanguage {
    Language language;
};
struct ToggleLargeText {};
struct ToggleHighContrast {};
struct OpenSearch {};
struct OpenBrowseEvents {};
struct OpenBrowseFields {};
struct OpenEvent {
    std::string code;
};
struct OpenField {
    std::string code;
};
struct OpenProcedure {
    std::string code;
};
// From a procedure page, or a guided outcome: its first procedure, or the whole bundle
// when the outcome names one (docs/bundles.md).
struct StartForm {};
// "Nộp liên thông": the bundle the screen offers (Kiosk::bundle_offer), in one form.
struct StartBundle {};
struct OpenGuide {  // "Answer a few questions" (a life event's list or a procedure page)
    std::string code;
};
struct Answer {  // an option of the guided question on screen
    std::string option;
};
struct NextPage {};  // validates the page; on the last page: the review
struct EditPage {    // from the review
    int page;
};
struct Confirm {};  // "Xác nhận nộp": refused until the declaration is ticked
struct Declare {  // "Tôi cam đoan những thông tin trên là đúng sự thật" on the review
    bool agreed;
};
struct OpenStatus {};
struct LookupStatus {};
struct Focus {
    std::string field;
};
struct Blur {};
struct Key {  // on-screen keyboard key
    char32_t c;
};
struct Space {};
struct Backspace {};
struct ToneKey {
    Tone tone;
};
struct SetMethod {
    InputMethod method;
};
struct TypeText {  // physical keyboard
    std::string text;
};
struct SetValue {  // choice, date picker
    std::string field;
    std::string value;
};
struct StillHere {};
struct Rate {  // a face on the receipt screen: 1 unhappy .. 4 very happy
    int value = 0;
};
struct StaffCorner {};  // a tap in the top-left corner of the home screen
struct StaffSubmitPin {};
struct StaffRefresh {};
struct StaffResend {
    std::string dossier_id;
};
struct StaffPause {};
struct StaffResume {};
struct StaffReprint {};
struct StaffFeePaid {};  // the code typed in key::staff_fee_paid
struct StaffLock {};
struct NextField {};          // the keyboard's "next box" key: the next box to type in
struct DismissFormNotice {};  // closes the notice at the top of the form (after a scan)
struct CallHelp {};           // "Cần giúp đỡ? Gọi cán bộ", on every citizen screen
struct CloseHelp {};          // closes the "where to go" panel it opened
struct PrintChecklist {};     // a procedure page: print what to bring, before starting
struct StaffSetService {      // the staff's out-of-service switch (persisted)
    bool in_service;
};
struct StaffAckHelp {};    // staff have seen to the help calls listed
struct StaffTestPrint {};  // a short test page through the receipts' printer pipeline
// Without touch (docs/keypad.md): move the focus through the screen's items in reading
// order (wrapping at the ends), and activate the focused one exactly as a tap would.
struct FocusNext {};
struct FocusPrevious {};
struct Activate {};
struct Speech {  // read again, louder, softer, faster, slower: for the speaker
    SpeechCommand command;
};
struct ToggleVoice {};  // the top bar's "Đọc to": speak the screens, or stop
struct OpenPicker {     // a form field with a reference list: its picker (docs/pickers.md)
    std::string field;
};
struct Pick {  // an item of the picker on screen: fills the field, back to the form
    std::string value;
};
struct TypeInstead {};  // the picker's "Khác — tự gõ": the field is typed from now on
}  // namespace intent

using Intent = std::variant<
    intent::Home, intent::LeaveForm, intent::StayHere, intent::Back, intent::SetLanguage,
    intent::ToggleLargeText, intent::ToggleHighContrast, intent::OpenSearch,
    intent::OpenBrowseEvents, intent::OpenBrowseFields, intent::OpenEvent, intent::OpenField,
    intent::OpenProcedure, intent::StartForm, intent::NextPage, intent::EditPage, intent::Confirm,
    intent::Declare, intent::OpenStatus, intent::LookupStatus, intent::Focus, intent::Blur,
    intent::Key, intent::Space, intent::Backspace, intent::ToneKey, intent::SetMethod,
    intent::TypeText, intent::SetValue, intent::StillHere, intent::Rate, intent::StaffCorner,
    intent::StaffSubmitPin, intent::StaffRefresh, intent::StaffResend, intent::StaffPause,
    intent::StaffResume, intent::StaffReprint, intent::StaffFeePaid, intent::StaffLock,
    intent::NextField, intent::DismissFormNotice, intent::CallHelp, intent::CloseHelp,
    intent::PrintChecklist, intent::StaffSetService, intent::StaffAckHelp, intent::OpenGuide,
    intent::Answer, intent::FocusNext, intent::FocusPrevious, intent::Activate, intent::Speech,
    intent::ToggleVoice, intent::OpenPicker, intent::Pick, intent::TypeInstead,
    intent::StaffTestPrint, intent::StartBundle>;

// ---- events: results of background work and devices -----------------------------------
struct CitizenIdScan {
    std::string id_number, full_name, date_of_birth /* YYYY-MM-DD */, address;
};

namespace event {
struct Submitted {
    std::string dossier_id, receipt_code;
    std::optional<std::int64_t> queue_number = std::nullopt;
    // The fee's VietQR, when one is made (receipt::fee_payment): shown on the receipt screen.
    std::string payment_qr = {};
    std::int64_t payment_amount_dong = 0;
    std::string payment_account_name = {};
};
// A bundle stored (Store::submit_bundle): one Submitted per dossier, in the bundle's order.
struct BundleSubmitted {
    std::string bundle_id;
    std::vector<Submitted> dossiers;
};
struct SubmitFailed {
    std::string message_key;  // locale key
    // The store's paths of the fields it refused ("applicant.phone", "fields.tre_ho_ten";
    // for a bundle "drafts[1].fields.x"): the flow marks them and opens the first page
    // that holds one.
    std::vector<std::string> fields = {};
};
struct Printed {
    std::string dossier_id;
    PrintState state;
};
struct Delivered {
    std::string dossier_id, portal_ref;
};
struct NotDeliveredYet {  // answer to a WatchDelivery: the flow asks again later
    std::string dossier_id;
};
struct StatusAnswered {
    std::uint64_t lookup = 0;  // effect::LookupStatus::lookup it answers
    StatusAnswer answer;
};
struct StaffViewLoaded {
    StaffView view;
};
struct StaffActionDone {  // a staff action finished; a StaffViewLoaded follows
    std::string message_key;
};
struct PinChecked {
    bool ok;
};
struct ScannedCitizenId {
    CitizenIdScan card;
};
struct ScannedReceiptCode {
    std::string receipt_code;
};
struct ScanRejected {};  // unreadable or unknown data from the scanner
struct Notice {          // a short message from background work (locale key)
    std::string message_key;
};
// A newer catalogue is stored (delivery::CatalogSyncWorker); the app starts again on it
// once the kiosk is at rest (reload_due).
struct CatalogReplaced {
    std::string catalog_version;
};
// What the screen on show can be tapped on, in reading order (the UI sends it when it
// changes). Not activity: nobody touched anything.
struct ScreenItems {
    std::vector<FocusItem> items;
};
}  // namespace event

using Event =
    std::variant<event::Submitted, event::BundleSubmitted, event::SubmitFailed, event::Printed,
                 event::Delivered, event::NotDeliveredYet, event::StatusAnswered,
                 event::StaffViewLoaded, event::StaffActionDone, event::PinChecked,
                 event::ScannedCitizenId, event::ScannedReceiptCode, event::ScanRejected,
                 event::Notice, event::CatalogReplaced, event::ScreenItems>;

// ---- effects: work for the app to run off the UI thread --------------------------------
namespace effect {
struct Submit {
    // quayctl.md `submit` draft shape, or a bundle {"bundle", "drafts"} (docs/bundles.md):
    // answered by event::BundleSubmitted.
    nlohmann::json draft;
    // Set once the flow has stopped waiting (the saving deadline passed): a submit that
    // has not started yet must not start (answer SubmitFailed); one already in the store
    // finishes whole (one transaction) and the flow still takes its answer.
    std::shared_ptr<std::atomic<bool>> given_up = std::make_shared<std::atomic<bool>>(false);
};
struct Print {
    std::string dossier_id;
    Language language = Language::vi;  // the receipt's (the citizen's)
    // A bundle: every dossier of it (dossier_id first) on one slip; empty otherwise.
    std::vector<std::string> bundle = {};
    std::string bundle_code = {};
};
struct WatchDelivery {  // answer event::Delivered, or NotDeliveredYet
    std::string dossier_id;
};
struct LookupStatus {
    std::uint64_t lookup = 0;  // echoed in event::StatusAnswered
    std::string receipt_code, id_last4;
    // Set when the citizen no longer waits for it (a newer lookup, left the screen): the
    // request is abandoned; its answer, if any, is dropped by the lookup number.
    std::shared_ptr<std::atomic<bool>> cancelled = std::make_shared<std::atomic<bool>>(false);
};
struct VerifyPin {
    std::string pin;
};
struct StaffRefresh {};
struct StaffResend {
    std::string dossier_id;
};
struct StaffPause {};
struct StaffResume {};
struct StaffReprint {
    std::string receipt_code;
};
// A citizen asked for help: recorded (no personal data) for the staff screen and metrics.
struct CallHelp {
    std::string screen;  // where they were (a screen name, never what they typed)
};
// The procedure's documents, fees and time on paper, before any dossier exists.
struct PrintChecklist {
    std::string procedure_code;
    Language language = Language::vi;
};
struct StaffSetService {
    bool in_service;
};
struct StaffAckHelp {};
struct StaffTestPrint {};  // outcome: StaffActionDone, then a fresh StaffViewLoaded
struct StaffFeePaid {      // store::Store::mark_fee_paid
    std::string receipt_code;
};
struct Rate {  // store::Store::rate: nothing of the dossier goes with it
    int value = 0;
};
struct Speech {  // a speech key: the app hands it to the speaker
    SpeechCommand command;
};
struct Say {  // voice mode: display text for the speaker (it normalises); empty: stop
    std::string text;
    Language language = Language::vi;
};
}  // namespace effect

using Effect = std::variant<effect::Submit, effect::Print, effect::WatchDelivery,
                            effect::LookupStatus, effect::VerifyPin, effect::StaffRefresh,
                            effect::StaffResend, effect::StaffPause, effect::StaffResume,
                            effect::StaffReprint, effect::CallHelp, effect::PrintChecklist,
                            effect::StaffSetService, effect::StaffAckHelp, effect::StaffFeePaid,
                            effect::Rate, effect::Speech, effect::Say, effect::StaffTestPrint>;

// What the inactivity rules show right now.
struct IdlePrompt {
    bool visible = false;
    int seconds_left = 0;
};

class Kiosk {
  public:
    Kiosk(const catalog::Catalog& catalog, const locale::Locale& locale, const Clock& clock,
          Settings settings);

    void apply(const Intent& intent);  // every intent is also activity
    void on(const Event& event);
    void activity();  // a touch that asked for nothing (scrolling, a tap on empty space)
    void tick();      // timers: call every frame

    std::vector<Effect> take_effects();

    const Location& location() const { return nav_.current(); }
    bool can_go_back() const { return nav_.can_go_back(); }
    const Session& session() const { return session_; }
    const catalog::Catalog& catalog() const { return *catalog_; }
    const catalog::Procedure* procedure() const;  // of the procedure screen or the form
    // The bundle intent::StartBundle would start here: on a guided outcome, the one it
    // names or else the bundle its first procedure starts; on a procedure page, the bundle
    // that procedure starts. nullptr: none (or out of service).
    const catalog::Bundle* bundle_offer() const;
    const FormPlan* plan() const { return plan_.get(); }
    // On the guided screens: the guide, where the answers so far lead, and the outcome.
    const catalog::Guide* guide() const;
    std::optional<catalog::GuideWalk> guide_walk() const;
    std::optional<catalog::Outcome> guide_outcome() const;
    const Settings& settings() const { return settings_; }
    IdlePrompt idle_prompt() const;
    // Whole seconds until a finished dossier's screen clears itself (0 on other screens):
    // the receipt screen counts them down.
    int receipt_seconds_left() const;
    // Time until tick() has something to do; nullopt: nothing scheduled.
    std::optional<std::chrono::milliseconds> next_timer() const;
    // The focused field is a name and the next letter starts a word: it will be a capital.
    bool next_letter_upper() const { return editor_.next_upper(); }
    // A short message to show (locale key), or empty.
    std::string notice() const;
    // The first field of the current form page with a problem (for the action bar).
    const catalog::FormField* first_problem_on_page() const;
    // Staff PIN: attempts are refused until this much time has passed.
    std::chrono::milliseconds pin_wait() const;
    // "Leave and erase what you typed?" is showing (Home from a form or the review).
    bool leave_prompt() const { return leave_prompt_; }
    // The staff screen's data, once loaded, and the last staff action's message (locale key).
    const std::optional<StaffView>& staff_view() const { return staff_view_; }
    const std::string& staff_message() const { return staff_message_; }
    // A newer catalogue waits and nobody is using the kiosk: the app may start again on it.
    bool reload_due() const;
    // The open box takes only digits (an ID, a phone, a year, the PIN): the digit pad shows
    // and the keypad's digits type into it. False with no box open.
    bool box_takes_digits() const;
    // The box the "next box" key moves to (the next one on this form page or screen that
    // is typed in); nullopt: none, the key just closes the keyboard.
    std::optional<std::string> next_field() const;
    // The notice at the top of the form after a scan (locale key), shown until dismissed
    // or the page changes; empty: none.
    const std::string& form_notice() const { return form_notice_; }
    // After a scan whose address names a province the 2025 merger absorbed (shown with the
    // form notice, until it goes): the old and the current name. The address is not changed.
    std::optional<catalog::FormerProvince> moved_province() const {
        return form_notice_.empty() ? std::nullopt : moved_province_;
    }
    // The reference list a form field picks from (even if the person chose to type it:
    // Session::typed); nullptr: none, or the catalogue has no list by that name.
    const catalog::ReferenceList* list_of(std::string_view field) const;
    // Its box opens the picker (a list, not an address's last part, not chosen to type):
    // the "next box" key passes it by.
    bool opens_picker(std::string_view field) const;
    // On the picker screen: the field, the list shown (the field's, or after a province the
    // communes of that province when the catalogue has them), and the items of it the
    // filter box matches.
    const catalog::FormField* picker_field() const;
    const catalog::ReferenceList* picker_list() const;
    std::vector<const catalog::ListItem*> picker_items() const;
    // The "where to go for help" panel is open (a help call was just made).
    bool help_open() const { return help_open_; }
    // Staff switched the kiosk out of service: no new dossier starts; delivery goes on.
    bool out_of_service() const { return out_of_service_; }
    // The item the keys have focused on this screen (nullopt: none yet), and the items
    // the screen last reported (event::ScreenItems).
    std::optional<FocusedItem> focused_item() const { return cursor_.current(); }
    const std::vector<FocusItem>& screen_items() const { return cursor_.items(); }
    // The item intent::Activate asked for, once: the UI treats it as a tap on that item.
    std::optional<std::string> take_activation() { return std::exchange(activation_, {}); }

  private:
    template <class T>
    void handle(const T&);
    void go(Location l);
    void prefill(int page);
    void go_home();
    void end_session();
    void focus(std::string field);
    void blur();
    void store_edit();
    EditMode mode_of(std::string_view field) const;
    std::size_t max_chars_of(std::string_view field) const;
    void validate(const std::string& field);
    void refused_by_store(const std::vector<std::string>& paths);
    bool validate_page(int page);
    nlohmann::json build_draft(int procedure) const;
    nlohmann::json build_submission() const;
    void start_form(const catalog::Procedure& p, const std::set<std::string>& skip);
    void start_bundle(const catalog::Bundle& b,
                      const std::map<std::string, std::set<std::string>>& skip);
    void start_plan(std::unique_ptr<FormPlan> plan, const std::string& code);
    void start_offered_bundle();
    // `bundle` by value: it is the session's, which this wipes.
    void take_submitted(const std::vector<event::Submitted>& dossiers, std::string bundle);
    std::vector<std::string> undelivered() const;
    void show_notice(std::string key);
    void forget_moved_notice();
    void follow_screen();  // a new screen starts with nothing focused
    // Voice mode (docs/voice.md): what to say, built in kiosk_voice.cpp.
    void say(std::string text);
    void voice_on();
    std::string spoken_screen() const;
    std::string spoken_focus() const;
    std::string spoken_errors() const;
    std::string spoken_echo() const;
    void return_focus_to(std::string id);
    void run_timers();  // tick()'s work
    void cancel_lookup();
    std::chrono::steady_clock::time_point now() const { return clock_->monotonic(); }

    const catalog::Catalog* catalog_;
    const locale::Locale* locale_;
    const Clock* clock_;
    Settings settings_;
    Navigator nav_;
    Session session_;
    TextEditor editor_;
    std::unique_ptr<FormPlan> plan_;
    std::vector<std::string> guide_path_;  // options chosen; the screen's page says how many count
    std::vector<Effect> effects_;
    std::chrono::steady_clock::time_point last_activity_;
    std::optional<std::string> replaced_catalog_;  // event::CatalogReplaced
    // Submits are answered in order (one job queue): the n-th answer is for the n-th
    // Submit. session_submit_: this session's (0: none); its given_up flag.
    std::uint64_t submits_sent_ = 0, submits_answered_ = 0, session_submit_ = 0;
    std::shared_ptr<std::atomic<bool>> given_up_;
    nlohmann::json saving_draft_;  // what that submit stores
    std::chrono::steady_clock::time_point saving_since_;
    bool answer_is_mine();  // counts one answer; true when it is this session's
    std::string notice_;
    std::chrono::steady_clock::time_point notice_until_;
    std::deque<std::chrono::steady_clock::time_point> corner_taps_;
    staff::PinThrottle pin_throttle_;
    bool pin_checking_ = false;
    bool leave_prompt_ = false;
    std::optional<StaffView> staff_view_;
    std::string staff_message_;
    std::uint64_t lookups_sent_ = 0;                    // the newest lookup's number
    std::shared_ptr<std::atomic<bool>> lookup_cancel_;  // the lookup still awaited, if any
    std::optional<std::chrono::steady_clock::time_point> watch_again_at_;
    std::string form_notice_;
    Location form_notice_at_;
    std::optional<catalog::FormerProvince> moved_province_;
    std::string picker_communes_;  // the picker shows this communes list (after a province)
    bool help_open_ = false;
    bool out_of_service_ = false;
    FocusCursor cursor_;
    bool screen_to_say_ = false;  // voice: the new screen is said once its items arrive
    Location cursor_at_;          // where the cursor's items were reported
    std::optional<std::string> activation_;
    // Voice: what changed after the keys acted (an item activated, digits typed) is said
    // when the screen next reports its items, unless something else was said first.
    enum class Echo { none, activated, typed };
    Echo echo_ = Echo::none;
    std::optional<std::string> refocus_;  // where the focus goes once keys it was on go
};

}  // namespace quay::flow
