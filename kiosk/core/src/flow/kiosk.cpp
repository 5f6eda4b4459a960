#include "quay/flow/kiosk.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "quay/catalog/validate.hpp"
#include "quay/clock_status.hpp"
#include "quay/error.hpp"
#include "quay/text/utf8.hpp"

namespace quay::flow {

namespace {

using namespace std::chrono;
using Ms = milliseconds;

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Screens where the inactivity prompt may appear (a person is in the middle of something).
bool prompts_when_idle(Screen s) {
    return s != Screen::home && s != Screen::saving && s != Screen::receipt && s != Screen::staff &&
           s != Screen::staff_pin;
}

// Fields that hold a receipt code: upper-case letters, digits and '-'.
bool is_code_field(std::string_view f) {
    return f == key::status_code || f == key::staff_reprint || f == key::staff_fee_paid;
}

bool is_staff(Screen s) {
    return s == Screen::staff || s == Screen::staff_pin;
}

// A countdown shows whole seconds, rounded up (15 … 1).
int whole_seconds(steady_clock::duration left) {
    const auto ms = duration_cast<Ms>(left).count();
    return static_cast<int>(std::max<long>(0, (ms + 999) / 1000));
}

// A countdown that ends at `end`: wake at its next whole second so the number on screen
// moves, and at `end` itself.
steady_clock::time_point next_second(steady_clock::time_point end, steady_clock::time_point n) {
    if (end <= n) return end;
    const auto left = duration_cast<Ms>(end - n).count();
    return n + Ms(left % 1000 == 0 ? 1000 : left % 1000);
}

// The session key of a field the store names by its draft path: "applicant.phone" is
// the session's own key, "fields.<code>" the procedure field <code>; a bundle's paths
// start "drafts[i]." and name the i-th procedure's field (docs/bundles.md).
std::string session_key(const FormPlan& plan, std::string_view path) {
    int procedure = 0;
    if (path.starts_with("drafts[")) {
        const auto close = path.find("].");
        if (close == std::string_view::npos) return {};
        procedure = std::atoi(std::string(path.substr(7, close - 7)).c_str());
        path = path.substr(close + 2);
    }
    if (path.starts_with("fields.")) return plan.key_of(procedure, path.substr(7));
    return std::string(path);
}

}  // namespace

Kiosk::Kiosk(const catalog::Catalog& catalog, const locale::Locale& locale, const Clock& clock,
             Settings settings)
    : catalog_(&catalog),
      locale_(&locale),
      clock_(&clock),
      settings_(settings),
      last_activity_(clock.monotonic()),
      pin_throttle_(clock, settings_.pin_policy, settings_.pin_failures),
      out_of_service_(settings_.out_of_service) {
    session_.wipe(settings_.default_language);  // the kiosk's language and its input method
}

const catalog::Procedure* Kiosk::procedure() const {
    if (location().screen == Screen::procedure) return catalog_->find(location().param);
    if (plan_) return &plan_->procedure();
    return nullptr;
}

std::vector<Effect> Kiosk::take_effects() {
    return std::exchange(effects_, {});
}

void Kiosk::show_notice(std::string key) {
    notice_ = std::move(key);
    notice_until_ = now() + settings_.timeouts.notice;
}

std::string Kiosk::notice() const {
    return now() < notice_until_ ? notice_ : std::string();
}

std::chrono::milliseconds Kiosk::pin_wait() const {
    return pin_throttle_.wait_remaining();
}

// ---- navigation helpers ---------------------------------------------------------------

void Kiosk::go(Location l) {
    blur();
    if (l.screen == Screen::form) {
        session_.declared = false;
        prefill(l.page);
    }
    nav_.push(std::move(l));
}

// A bundle's usual answers (catalog::Prefill) on the page about to open: each field once,
// only while empty, and from the applicant's value as it is now (the ID card is read on
// the first page, before any prefilled field's page).
void Kiosk::prefill(int page) {
    if (!plan_) return;
    for (const auto& [key, pre] : plan_->prefills(page)) {
        if (session_.prefilled.contains(key) || !session_.value(key).empty()) continue;
        const std::string value = pre->from_applicant.empty()
                                      ? pre->value
                                      : session_.value("applicant." + pre->from_applicant);
        if (value.empty()) continue;
        session_.values[key] = value;
        session_.prefilled.insert(key);
    }
}

void Kiosk::go_home() {
    // Home from a dossier: the same person stays, what they typed goes (and with it any
    // late answer about it).
    session_submit_ = 0;
    const Language lang = session_.language;
    const bool large = session_.large_text;
    const bool contrast = session_.high_contrast;
    const bool voice = session_.voice;
    const InputMethod method = session_.method;
    editor_.wipe();
    session_.wipe(settings_.default_language);
    session_.language = lang;
    session_.large_text = large;
    session_.high_contrast = contrast;
    session_.voice = voice;
    session_.method = method;
    plan_.reset();
    guide_path_.clear();
    leave_prompt_ = false;
    help_open_ = false;
    form_notice_.clear();
    cancel_lookup();
    nav_.home();
}

void Kiosk::end_session() {
    session_submit_ = 0;  // a late answer for this session is no longer shown
    editor_.wipe();
    session_.wipe(settings_.default_language);
    plan_.reset();
    guide_path_.clear();
    nav_.home();
    corner_taps_.clear();
    notice_.clear();
    leave_prompt_ = false;
    cancel_lookup();
    watch_again_at_.reset();
    staff_view_.reset();
    staff_message_.clear();
    form_notice_.clear();
    help_open_ = false;
}

// The citizen no longer waits for the status lookup in flight: the app abandons the
// request, and its answer (if one still comes) is not the newest lookup's, so it is dropped.
void Kiosk::cancel_lookup() {
    if (lookup_cancel_) lookup_cancel_->store(true);
    lookup_cancel_.reset();
}

// ---- fields ---------------------------------------------------------------------------

EditMode Kiosk::mode_of(std::string_view field) const {
    if (field == key::search || field == key::picker_filter) return EditMode::vietnamese;
    if (plan_) {
        if (const auto* f = plan_->find(field);
            f && catalog::keyboard_for(*f) == catalog::Keyboard::vietnamese)
            return EditMode::vietnamese;
    }
    return EditMode::plain;
}

std::size_t Kiosk::max_chars_of(std::string_view field) const {
    if (field == key::search) return 60;
    if (field == key::picker_filter) return 40;
    if (is_code_field(field)) return 32;
    if (field == key::status_last4) return 4;
    if (field == key::staff_pin) return 12;
    if (plan_) {
        if (const auto* f = plan_->find(field)) return catalog::max_chars(*f);
    }
    return 200;
}

void Kiosk::store_edit() {
    if (!session_.focused) return;
    session_.values[*session_.focused] = editor_.value();
}

void Kiosk::focus(std::string field) {
    if (session_.focused && *session_.focused == field) return;
    blur();
    const auto* f = plan_ ? plan_->find(field) : nullptr;
    editor_.begin(session_.value(field), mode_of(field), max_chars_of(field),
                  f && catalog::is_person_name(*f) ? Capitalise::words : Capitalise::none);
    editor_.set_method(session_.method);
    session_.focused = std::move(field);
}

void Kiosk::blur() {
    if (!session_.focused) return;
    const std::string f = *session_.focused;
    session_.focused.reset();
    editor_.wipe();
    auto it = session_.values.find(f);
    if (it != session_.values.end()) {
        std::string t(text::trim(it->second));
        std::fill(it->second.begin(), it->second.end(), '\0');
        it->second = std::move(t);
    }
    if (plan_ && plan_->find(f)) {
        session_.left.insert(f);
        validate(f);
    }
}

void Kiosk::validate(const std::string& field) {
    if (!plan_) return;
    const auto* f = plan_->find(field);
    if (f == nullptr) return;
    // The catalogue's one definition of the field, as the store will check it.
    if (auto problem = catalog::validate_value(*f, session_.value(field), today_range(*clock_)))
        session_.errors[field] = std::move(problem->key);
    else
        session_.errors.erase(field);
}

void Kiosk::refused_by_store(const std::vector<std::string>& paths) {
    if (!plan_) return;
    int first_bad = -1;
    for (const auto& path : paths) {
        const std::string k = session_key(*plan_, path);
        if (plan_->find(k) == nullptr) continue;
        validate(k);
        // A rule only the store knows still points at the field.
        if (!session_.errors.count(k)) session_.errors[k] = "validation.rejected";
        const int page = plan_->page_of(k);
        if (first_bad < 0 || page < first_bad) first_bad = page;
    }
    if (first_bad < 0) return;
    session_.from_review = true;
    nav_.push({Screen::form, location().param, first_bad});
}

const catalog::FormField* Kiosk::first_problem_on_page() const {
    if (!plan_ || location().screen != Screen::form) return nullptr;
    const int page = location().page;
    if (page < 0 || page >= plan_->page_count()) return nullptr;
    for (const auto* f : plan_->pages()[static_cast<std::size_t>(page)].fields)
        if (session_.errors.count(f->code)) return f;
    return nullptr;
}

bool Kiosk::validate_page(int page) {
    if (!plan_ || page < 0 || page >= plan_->page_count()) return true;
    bool ok = true;
    for (const auto* f : plan_->pages()[static_cast<std::size_t>(page)].fields) {
        session_.left.insert(f->code);
        validate(f->code);
        ok &= !session_.errors.count(f->code);
    }
    return ok;
}

nlohmann::json Kiosk::build_draft(int procedure) const {
    using nlohmann::json;
    const auto& p = *plan_->procedures().at(static_cast<std::size_t>(procedure));
    auto opt = [&](std::string_view k) -> json {
        const std::string v = session_.value(k);
        return v.empty() ? json(nullptr) : json(v);
    };
    json draft;
    draft["procedure_code"] = p.code;
    draft["applicant"] = {
        {"full_name", session_.value(applicant::full_name)},
        {"id_number", session_.value(applicant::id_number)},
        {"date_of_birth", session_.value(applicant::date_of_birth)},
        {"phone", session_.value(applicant::phone)},
        {"email", opt(applicant::email)},
        {"address", session_.value(applicant::address)},
    };
    json fields = json::object();
    for (const auto& [key, f] : plan_->sent(procedure)) {
        const std::string v = session_.value(key);
        if (v.empty()) continue;
        if (f->type == catalog::FieldType::number) {
            const double d = std::strtod(v.c_str(), nullptr);
            if (d == std::floor(d) && std::abs(d) < 9e15)
                fields[f->code] = static_cast<std::int64_t>(d);
            else
                fields[f->code] = d;
        } else {
            fields[f->code] = v;
        }
    }
    draft["fields"] = fields;
    if (plan_->bundle() == nullptr) {
        if (session_.fee_due) draft["fee_due"] = *session_.fee_due;
    } else if (const auto due = session_.bundle_fees_due.find(p.code);
               due != session_.bundle_fees_due.end()) {
        draft["fee_due"] = due->second;
    }
    // No documents/fees: the store fills them from the catalogue (their one builder).
    return draft;
}

// What Confirm stores: one draft, or a bundle whose rules Store::submit_bundle checks.
nlohmann::json Kiosk::build_submission() const {
    if (plan_->bundle() == nullptr) return build_draft(0);
    nlohmann::json drafts = nlohmann::json::array();
    for (int i = 0; i < static_cast<int>(plan_->procedures().size()); ++i)
        drafts.push_back(build_draft(i));
    return {{"bundle", plan_->bundle()->code}, {"drafts", std::move(drafts)}};
}

// ---- intents --------------------------------------------------------------------------

template <class T>
void Kiosk::handle(const T&) {}

template <>
void Kiosk::handle(const intent::Home&) {
    const Screen s = location().screen;
    if (s == Screen::saving) return;
    if (is_staff(s)) {
        end_session();
        return;
    }
    // Leaving erases what was typed: ask first.
    if ((s == Screen::form || s == Screen::review || s == Screen::picker) &&
        !session_.values.empty()) {
        blur();
        leave_prompt_ = true;
        return;
    }
    go_home();
}

template <>
void Kiosk::handle(const intent::LeaveForm&) {
    if (leave_prompt_) go_home();
}

template <>
void Kiosk::handle(const intent::StayHere&) {
    leave_prompt_ = false;
}

template <>
void Kiosk::handle(const intent::Back&) {
    const Screen s = location().screen;
    if (s == Screen::saving) return;
    if (s == Screen::review) session_.declared = false;
    if (s == Screen::receipt || is_staff(s)) {
        handle(intent::Home{});
        return;
    }
    blur();
    if (s == Screen::form && session_.from_review) {
        nav_.back_to(Screen::review);
        session_.from_review = false;
        return;
    }
    nav_.back();
    if (location().screen != Screen::form && location().screen != Screen::review &&
        location().screen != Screen::procedure) {
        session_.from_review = false;
    }
}

template <>
void Kiosk::handle(const intent::SetLanguage& i) {
    if (i.language != session_.language) {
        session_.method = default_method(i.language);
        editor_.set_method(session_.method);  // commits the word being composed
    }
    session_.language = i.language;
}

template <>
void Kiosk::handle(const intent::ToggleLargeText&) {
    session_.large_text = !session_.large_text;
}

template <>
void Kiosk::handle(const intent::ToggleHighContrast&) {
    session_.high_contrast = !session_.high_contrast;
}

template <>
void Kiosk::handle(const intent::OpenSearch&) {
    go({Screen::search, {}, 0});
    focus(std::string(key::search));
}

template <>
void Kiosk::handle(const intent::OpenBrowseEvents&) {
    go({Screen::browse_events, {}, 0});
}

template <>
void Kiosk::handle(const intent::OpenBrowseFields&) {
    go({Screen::browse_fields, {}, 0});
}

template <>
void Kiosk::handle(const intent::OpenEvent& i) {
    go({Screen::procedure_list, "event:" + i.code, 0});
}

template <>
void Kiosk::handle(const intent::OpenField& i) {
    go({Screen::procedure_list, "field:" + i.code, 0});
}

template <>
void Kiosk::handle(const intent::OpenProcedure& i) {
    if (catalog_->find(i.code) == nullptr) return;
    go({Screen::procedure, i.code, 0});
}

template <>
void Kiosk::handle(const intent::StartForm&) {
    if (location().screen == Screen::guided_outcome) {
        const auto o = guide_outcome();
        if (!o || o->exit() || o->procedures.empty()) return;
        if (catalog_->find_bundle(o->bundle) != nullptr) {
            start_offered_bundle();
            return;
        }
        const auto& code = o->procedures.front().procedure;
        const auto skipped = o->skipped_fields.find(code);
        const auto* p = catalog_->find(code);
        start_form(*p,
                   skipped == o->skipped_fields.end() ? std::set<std::string>{} : skipped->second);
        if (location().screen == Screen::form) session_.fee_due = catalog::fee_due(*o, *p);
        return;
    }
    const auto* p =
        location().screen == Screen::procedure ? catalog_->find(location().param) : nullptr;
    if (p == nullptr) return;
    start_form(*p, {});
}

const catalog::Bundle* Kiosk::bundle_offer() const {
    if (out_of_service_) return nullptr;
    std::string first;
    if (location().screen == Screen::guided_outcome) {
        const auto o = guide_outcome();
        if (!o || o->exit() || o->procedures.empty()) return nullptr;
        if (const auto* b = catalog_->find_bundle(o->bundle)) return b;
        first = o->procedures.front().procedure;
    } else if (location().screen == Screen::procedure) {
        first = location().param;
    } else {
        return nullptr;
    }
    // A bundle starts with the procedure the citizen came for (its first): the birth
    // registration offers the birth bundle; the residence registration offers none.
    for (const auto& b : catalog_->bundles)
        if (!b.procedures.empty() && b.procedures.front() == first) return &b;
    return nullptr;
}

template <>
void Kiosk::handle(const intent::StartBundle&) {
    start_offered_bundle();
}

void Kiosk::start_offered_bundle() {
    const auto* b = bundle_offer();
    if (b == nullptr) return;
    std::map<std::string, std::set<std::string>> skip;
    std::optional<catalog::Outcome> o;
    if (location().screen == Screen::guided_outcome) {
        o = guide_outcome();
        if (o) skip = o->skipped_fields;
    }
    start_bundle(*b, skip);
    if (location().screen != Screen::form || !o) return;
    for (const auto* p : plan_->procedures())
        if (const auto due = catalog::fee_due(*o, *p)) session_.bundle_fees_due[p->code] = *due;
}

void Kiosk::start_form(const catalog::Procedure& procedure, const std::set<std::string>& skip) {
    if (out_of_service_) return;  // out of service: no new dossier
    start_plan(std::make_unique<FormPlan>(procedure, *locale_, skip), procedure.code);
}

void Kiosk::start_bundle(const catalog::Bundle& bundle,
                         const std::map<std::string, std::set<std::string>>& skip) {
    if (out_of_service_) return;
    start_plan(std::make_unique<FormPlan>(bundle, *catalog_, *locale_, skip), bundle.code);
}

// `code`: the procedure's, or the bundle's (then the form's screens carry it as param).
void Kiosk::start_plan(std::unique_ptr<FormPlan> plan, const std::string& code) {
    if (session_.procedure_code != code) {
        // Another procedure: its answers go; the applicant's own details stay.
        for (auto it = session_.values.begin(); it != session_.values.end();) {
            if (it->first.rfind("applicant.", 0) == 0) {
                ++it;
                continue;
            }
            std::fill(it->second.begin(), it->second.end(), '\0');
            it = session_.values.erase(it);
        }
        session_.errors.clear();
        session_.left.clear();
        session_.prefilled.clear();
        session_.procedure_code = code;
    }
    plan_ = std::move(plan);
    session_.fee_due.reset();  // a guided outcome sets it again right after
    session_.bundle_fees_due.clear();
    session_.from_review = false;
    go({Screen::form, code, 0});
}

template <>
void Kiosk::handle(const intent::OpenGuide& i) {
    if (!catalog_->find_guide(i.code)) return;
    guide_path_.clear();
    go({Screen::guided, i.code, 0});
}

template <>
void Kiosk::handle(const intent::Answer& i) {
    if (location().screen != Screen::guided) return;
    const auto* g = guide();
    if (g == nullptr) return;
    // Back keeps the later answers in guide_path_ but the screen's page says how many count.
    auto path = guide_path_;
    path.resize(static_cast<std::size_t>(location().page));
    path.push_back(i.option);
    catalog::GuideWalk w;
    try {
        w = catalog::walk(*g, path);
    } catch (const Error&) {
        return;  // not an option of this question
    }
    guide_path_ = std::move(path);
    const int answered = static_cast<int>(guide_path_.size());
    go({w.finished() ? Screen::guided_outcome : Screen::guided, g->code, answered});
}

const catalog::Guide* Kiosk::guide() const {
    const Screen s = location().screen;
    if (s != Screen::guided && s != Screen::guided_outcome) return nullptr;
    return catalog_->find_guide(location().param);
}

std::optional<catalog::GuideWalk> Kiosk::guide_walk() const {
    const auto* g = guide();
    if (g == nullptr) return std::nullopt;
    auto path = guide_path_;
    path.resize(std::min(path.size(), static_cast<std::size_t>(location().page)));
    try {
        return catalog::walk(*g, path);
    } catch (const Error&) {
        return std::nullopt;
    }
}

std::optional<catalog::Outcome> Kiosk::guide_outcome() const {
    const auto w = guide_walk();
    if (!w || !w->finished()) return std::nullopt;
    return catalog::resolve(*catalog_, *guide(), *w);
}

template <>
void Kiosk::handle(const intent::NextPage&) {
    if (location().screen != Screen::form || !plan_) return;
    blur();
    const int page = location().page;
    if (!validate_page(page)) return;
    if (session_.from_review) {
        nav_.back_to(Screen::review);
        session_.from_review = false;
    } else if (page + 1 >= plan_->page_count()) {
        go({Screen::review, location().param, 0});
    } else {
        go({Screen::form, location().param, page + 1});
    }
}

template <>
void Kiosk::handle(const intent::EditPage& i) {
    if (location().screen != Screen::review || !plan_) return;
    if (i.page < 0 || i.page >= plan_->page_count()) return;
    session_.from_review = true;
    go({Screen::form, location().param, i.page});
}

template <>
void Kiosk::handle(const intent::Confirm&) {
    if (location().screen != Screen::review || !plan_) return;
    int first_bad = -1;
    for (int p = plan_->page_count() - 1; p >= 0; --p)
        if (!validate_page(p)) first_bad = p;
    if (first_bad >= 0) {
        session_.from_review = true;
        go({Screen::form, location().param, first_bad});
        return;
    }
    if (!session_.declared) {  // nothing is saved before the citizen has declared
        session_.errors[std::string(key::declaration)] = "ui.review.declare_first";
        return;
    }
    session_.submit_error.clear();
    saving_since_ = now();
    auto draft = build_submission();
    if (session_submit_ > submits_answered_ && draft == saving_draft_) {
        // The same dossier's submit is still out (the saving deadline passed): wait for
        // that one again rather than store it twice; if it has not started, it may.
        given_up_->store(false);
    } else {
        saving_draft_ = draft;
        effect::Submit submit{std::move(draft)};
        given_up_ = submit.given_up;  // an older one stays given up: it never starts
        session_submit_ = ++submits_sent_;
        effects_.push_back(std::move(submit));
    }
    go({Screen::saving, location().param, 0});
}

template <>
void Kiosk::handle(const intent::Declare& i) {
    if (location().screen != Screen::review) return;
    session_.declared = i.agreed;
    session_.errors.erase(std::string(key::declaration));
}

bool Kiosk::answer_is_mine() {
    return ++submits_answered_ == session_submit_;
}

template <>
void Kiosk::handle(const intent::OpenStatus&) {
    go({Screen::status, {}, 0});
    focus(std::string(key::status_code));
}

template <>
void Kiosk::handle(const intent::LookupStatus&) {
    if (location().screen != Screen::status) return;
    blur();
    const std::string code(text::trim(session_.value(key::status_code)));
    const std::string last4 = session_.value(key::status_last4);
    bool ok = true;
    if (code.empty()) {
        session_.errors[std::string(key::status_code)] = "ui.status.error.code";
        ok = false;
    } else {
        session_.errors.erase(std::string(key::status_code));
    }
    if (last4.size() != 4 || !all_digits(last4)) {
        session_.errors[std::string(key::status_last4)] = "ui.status.error.last4";
        ok = false;
    } else {
        session_.errors.erase(std::string(key::status_last4));
    }
    if (!ok) return;
    session_.status.reset();
    session_.status_pending = true;
    cancel_lookup();  // a newer question replaces any still in flight
    effect::LookupStatus lookup{++lookups_sent_, code, last4};
    lookup_cancel_ = lookup.cancelled;
    effects_.push_back(std::move(lookup));
    go({Screen::status_result, {}, 0});
}

template <>
void Kiosk::handle(const intent::Focus& i) {
    focus(i.field);
}

template <>
void Kiosk::handle(const intent::Blur&) {
    // Voice: the keyboard goes, and the focus on one of its keys with it; back to the box.
    if (session_.focused) return_focus_to("field:" + *session_.focused);
    blur();
}

template <>
void Kiosk::handle(const intent::Key& i) {
    if (!session_.focused) return;
    const std::string& f = *session_.focused;
    char32_t c = i.c;
    if (box_takes_digits() && (c < U'0' || c > U'9')) return;
    if (is_code_field(f)) {
        if (c >= U'a' && c <= U'z') c = c - U'a' + U'A';
        const bool ok = (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9') || c == U'-';
        if (!ok) return;
    }
    editor_.key(c);
    store_edit();
    session_.errors.erase(f);
}

bool Kiosk::box_takes_digits() const {
    if (!session_.focused) return false;
    const std::string& f = *session_.focused;
    if (f == key::status_last4 || f == key::staff_pin) return true;
    const auto* ff = plan_ ? plan_->find(f) : nullptr;
    return ff != nullptr && catalog::keyboard_for(*ff) == catalog::Keyboard::digits;
}

template <>
void Kiosk::handle(const intent::Space&) {
    if (!session_.focused || mode_of(*session_.focused) != EditMode::vietnamese) return;
    editor_.space();
    store_edit();
}

template <>
void Kiosk::handle(const intent::Backspace&) {
    if (!session_.focused) return;
    editor_.backspace();
    store_edit();
}

template <>
void Kiosk::handle(const intent::ToneKey& i) {
    if (!session_.focused || mode_of(*session_.focused) != EditMode::vietnamese) return;
    editor_.tone(i.tone);
    store_edit();
}

template <>
void Kiosk::handle(const intent::SetMethod& i) {
    session_.method = i.method;
    editor_.set_method(i.method);
}

template <>
void Kiosk::handle(const intent::TypeText& i) {
    if (!session_.focused) return;
    for (char32_t c : text::decode(text::to_nfc(i.text))) {
        if (c == U' ')
            handle(intent::Space{});
        else
            handle(intent::Key{c});
    }
    if (session_.voice) echo_ = Echo::typed;  // the keypad's digits: the box is read back
}

template <>
void Kiosk::handle(const intent::SetValue& i) {
    return_focus_to("field:" + i.field);  // from the date picker's keys: back to its box
    blur();
    session_.values[i.field] = text::to_nfc(i.value);
    session_.left.insert(i.field);
    validate(i.field);
}

template <>
void Kiosk::handle(const intent::StaffCorner&) {
    if (location().screen != Screen::home || !settings_.staff_enabled) return;
    const auto t = now();
    corner_taps_.push_back(t);
    while (!corner_taps_.empty() && t - corner_taps_.front() > seconds(3))
        corner_taps_.pop_front();
    if (corner_taps_.size() >= 5) {
        corner_taps_.clear();
        go({Screen::staff_pin, {}, 0});
        focus(std::string(key::staff_pin));
    }
}

template <>
void Kiosk::handle(const intent::StaffSubmitPin&) {
    if (location().screen != Screen::staff_pin || pin_checking_) return;
    if (pin_wait() > Ms(0)) {
        show_notice("ui.staff.pin_wait");
        return;
    }
    const std::string pin = session_.value(key::staff_pin);
    if (pin.empty()) return;
    blur();
    effects_.push_back(effect::VerifyPin{pin});
    auto& v = session_.values[std::string(key::staff_pin)];
    std::fill(v.begin(), v.end(), '\0');
    v.clear();
    pin_checking_ = true;
}

template <>
void Kiosk::handle(const intent::StaffRefresh&) {
    if (location().screen == Screen::staff) effects_.push_back(effect::StaffRefresh{});
}

template <>
void Kiosk::handle(const intent::StaffResend& i) {
    if (location().screen == Screen::staff) effects_.push_back(effect::StaffResend{i.dossier_id});
}

template <>
void Kiosk::handle(const intent::StaffPause&) {
    if (location().screen == Screen::staff) effects_.push_back(effect::StaffPause{});
}

template <>
void Kiosk::handle(const intent::StaffResume&) {
    if (location().screen == Screen::staff) effects_.push_back(effect::StaffResume{});
}

template <>
void Kiosk::handle(const intent::StaffReprint&) {
    if (location().screen != Screen::staff) return;
    blur();
    const std::string code(text::trim(session_.value(key::staff_reprint)));
    if (code.empty()) return;
    effects_.push_back(effect::StaffReprint{code});
}

template <>
void Kiosk::handle(const intent::Rate& i) {
    auto& r = session_.receipt;
    if (location().screen != Screen::receipt || !r || r->rating != 0) return;  // one per slip
    if (i.value < 1 || i.value > 4) return;
    r->rating = i.value;
    effects_.push_back(effect::Rate{i.value});
}

template <>
void Kiosk::handle(const intent::StaffFeePaid&) {
    if (location().screen != Screen::staff) return;
    blur();
    const std::string code(text::trim(session_.value(key::staff_fee_paid)));
    if (code.empty()) return;
    effects_.push_back(effect::StaffFeePaid{code});
}

template <>
void Kiosk::handle(const intent::StaffLock&) {
    if (is_staff(location().screen)) end_session();
}

std::optional<std::string> Kiosk::next_field() const {
    if (!session_.focused) return std::nullopt;
    const std::string& f = *session_.focused;
    if (f == key::status_code) return std::string(key::status_last4);
    if (location().screen != Screen::form || !plan_) return std::nullopt;
    const int page = std::clamp(location().page, 0, plan_->page_count() - 1);
    const auto& fields = plan_->pages()[static_cast<std::size_t>(page)].fields;
    bool after = false;
    for (const auto* field : fields) {
        if (after && field->type != catalog::FieldType::choice &&
            field->type != catalog::FieldType::date && !opens_picker(field->code))
            return field->code;
        after = after || field->code == f;
    }
    return std::nullopt;
}

template <>
void Kiosk::handle(const intent::NextField&) {
    if (auto next = next_field()) {
        focus(std::move(*next));
    } else {
        blur();
    }
}

template <>
void Kiosk::handle(const intent::DismissFormNotice&) {
    form_notice_.clear();
}

template <>
void Kiosk::handle(const intent::CallHelp&) {
    if (is_staff(location().screen)) return;
    help_open_ = true;
    effects_.push_back(effect::CallHelp{std::string(to_string(location().screen))});
}

template <>
void Kiosk::handle(const intent::CloseHelp&) {
    help_open_ = false;
}

template <>
void Kiosk::handle(const intent::PrintChecklist&) {
    if (location().screen != Screen::procedure || catalog_->find(location().param) == nullptr)
        return;
    effects_.push_back(effect::PrintChecklist{location().param, session_.language});
    show_notice("ui.help.checklist_printing");
}

template <>
void Kiosk::handle(const intent::StaffSetService& i) {
    if (location().screen == Screen::staff)
        effects_.push_back(effect::StaffSetService{i.in_service});
}

template <>
void Kiosk::handle(const intent::StaffAckHelp&) {
    if (location().screen == Screen::staff) effects_.push_back(effect::StaffAckHelp{});
}

template <>
void Kiosk::handle(const intent::StaffTestPrint&) {
    if (location().screen == Screen::staff) effects_.push_back(effect::StaffTestPrint{});
}

// A keypad key also starts voice mode (issue 15: "it starts with a key").
template <>
void Kiosk::handle(const intent::FocusNext&) {
    if (!session_.voice) voice_on();
    cursor_.next();
    echo_ = Echo::none;
    say(spoken_focus());
}

template <>
void Kiosk::handle(const intent::FocusPrevious&) {
    if (!session_.voice) voice_on();
    cursor_.previous();
    echo_ = Echo::none;
    say(spoken_focus());
}

// One path for a tap and a key: the UI fires the focused item as if it had been tapped.
template <>
void Kiosk::handle(const intent::Activate&) {
    if (!session_.voice) voice_on();
    if (const auto f = cursor_.current()) {
        activation_ = f->item.id;
        echo_ = Echo::activated;  // what it did is said once the screen shows it
    }
}

template <>
void Kiosk::handle(const intent::Speech& i) {
    if (!session_.voice) {
        voice_on();  // says the screen: "read again" has nothing more to do
        if (i.command == SpeechCommand::read_again) return;
    }
    effects_.push_back(effect::Speech{i.command});
}

template <>
void Kiosk::handle(const intent::ToggleVoice&) {
    if (!session_.voice) return voice_on();
    session_.voice = false;
    effects_.push_back(effect::Say{{}, session_.language});  // stop at once
}

// ---- pickers (docs/pickers.md) --------------------------------------------------------

const catalog::ReferenceList* Kiosk::list_of(std::string_view field) const {
    const auto* f = plan_ ? plan_->find(field) : nullptr;
    if (f == nullptr || f->list.empty()) return nullptr;
    return catalog_->find_list(f->list);
}

bool Kiosk::opens_picker(std::string_view field) const {
    const auto* list = list_of(field);
    return list != nullptr && !list->last_part && !session_.typed.contains(std::string(field));
}

const catalog::FormField* Kiosk::picker_field() const {
    if (location().screen != Screen::picker || !plan_) return nullptr;
    return plan_->find(location().param);
}

const catalog::ReferenceList* Kiosk::picker_list() const {
    if (location().screen != Screen::picker) return nullptr;
    if (!picker_communes_.empty()) return catalog_->find_list(picker_communes_);
    return list_of(location().param);
}

std::vector<const catalog::ListItem*> Kiosk::picker_items() const {
    const auto* list = picker_list();
    if (list == nullptr) return {};
    return catalog::filter_list(*list, session_.value(key::picker_filter));
}

template <>
void Kiosk::handle(const intent::OpenPicker& i) {
    if (location().screen != Screen::form || list_of(i.field) == nullptr) return;
    session_.typed.erase(i.field);
    session_.values.erase(std::string(key::picker_filter));
    picker_communes_.clear();
    go({Screen::picker, i.field, location().page});
}

template <>
void Kiosk::handle(const intent::Pick& i) {
    const auto* list = picker_list();
    if (list == nullptr) return;
    const auto item =
        std::find_if(list->items.begin(), list->items.end(),
                     [&](const catalog::ListItem& it) { return it.value == i.value; });
    if (item == list->items.end()) return;
    const std::string field = location().param;
    blur();
    auto& v = session_.values[field];
    if (!list->within.empty())
        v = catalog::with_commune(*list, v, item->value);
    else
        v = list->last_part ? catalog::with_last_part(*list, v, item->value) : item->value;
    session_.left.insert(field);
    validate(field);
    session_.values.erase(std::string(key::picker_filter));
    // A province whose communes the catalogue lists: they come next, on the same screen.
    const auto* communes = list->last_part ? catalog::communes_of(*catalog_, item->value) : nullptr;
    if (communes != nullptr && list->within.empty()) {
        picker_communes_ = communes->code;
        return;
    }
    picker_communes_.clear();
    nav_.back();
}

template <>
void Kiosk::handle(const intent::TypeInstead&) {
    if (location().screen != Screen::picker) return;
    const std::string field = location().param;
    session_.typed.insert(field);
    blur();
    session_.values.erase(std::string(key::picker_filter));
    picker_communes_.clear();
    nav_.back();
    focus(field);
}

void Kiosk::apply(const Intent& intent) {
    activity();
    const auto errors_before = session_.errors.size();
    std::visit([this](const auto& i) { handle(i); }, intent);
    forget_moved_notice();
    follow_screen();
    // Voice: a refused page or value is said at once (what is wrong, and where).
    if (session_.voice && session_.errors.size() > errors_before) say(spoken_errors());
}

// The form's notice belongs to the page it was shown on.
void Kiosk::forget_moved_notice() {
    // A picker opened from the page returns to it: the notice waits.
    if (!form_notice_.empty() && location().screen != Screen::picker &&
        !(location() == form_notice_at_))
        form_notice_.clear();
}

// Focus belongs to the screen it was on: a new screen (or form page) starts with nothing
// focused and no items until it reports its own; an activation meant for the old screen
// is dropped.
void Kiosk::follow_screen() {
    if (location() == cursor_at_) return;
    cursor_at_ = location();
    cursor_.clear();
    activation_.reset();
    echo_ = Echo::none;
    refocus_.reset();
    screen_to_say_ = session_.voice;
}

void Kiosk::activity() {
    last_activity_ = now();
}

// ---- events ---------------------------------------------------------------------------

void Kiosk::on(const Event& ev) {
    std::visit(
        [this](const auto& e) {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, event::Submitted>) {
                // Late (after the saving deadline) but this session's: it IS stored, so
                // the citizen gets the receipt wherever they are in the session. An
                // earlier session's: stored and delivered; that citizen has left.
                if (!answer_is_mine()) return;
                take_submitted({e}, {});
            } else if constexpr (std::is_same_v<E, event::BundleSubmitted>) {
                if (!answer_is_mine() || e.dossiers.empty()) return;
                take_submitted(e.dossiers, session_.procedure_code);
            } else if constexpr (std::is_same_v<E, event::SubmitFailed>) {
                if (!answer_is_mine()) return;
                session_submit_ = 0;
                session_.submit_error = e.message_key;
                if (location().screen != Screen::saving) return;
                nav_.back_to(Screen::review);
                refused_by_store(e.fields);
            } else if constexpr (std::is_same_v<E, event::Printed>) {
                if (session_.receipt && session_.receipt->dossier_id == e.dossier_id)
                    session_.receipt->print = e.state;
            } else if constexpr (std::is_same_v<E, event::Delivered>) {
                for (auto& r : session_.bundle_receipts)
                    if (r.dossier_id == e.dossier_id) {
                        r.delivered = true;
                        r.portal_ref = e.portal_ref;
                    }
                if (session_.receipt && session_.receipt->dossier_id == e.dossier_id) {
                    session_.receipt->delivered = true;
                    session_.receipt->portal_ref = e.portal_ref;
                }
                if (undelivered().empty()) watch_again_at_.reset();
            } else if constexpr (std::is_same_v<E, event::NotDeliveredYet>) {
                const auto waiting = undelivered();
                if (location().screen == Screen::receipt &&
                    std::find(waiting.begin(), waiting.end(), e.dossier_id) != waiting.end())
                    watch_again_at_ = now() + settings_.timeouts.delivery_poll;
            } else if constexpr (std::is_same_v<E, event::StatusAnswered>) {
                // Only the newest lookup's answer, and only while the citizen waits for it.
                if (e.lookup != lookups_sent_ || location().screen != Screen::status_result) return;
                lookup_cancel_.reset();
                session_.status = e.answer;
                session_.status_pending = false;
            } else if constexpr (std::is_same_v<E, event::StaffViewLoaded>) {
                out_of_service_ = e.view.out_of_service;  // the store's word, always
                if (location().screen == Screen::staff) staff_view_ = e.view;
            } else if constexpr (std::is_same_v<E, event::StaffActionDone>) {
                if (location().screen == Screen::staff) staff_message_ = e.message_key;
            } else if constexpr (std::is_same_v<E, event::PinChecked>) {
                pin_checking_ = false;
                // Counted even when the person has left the screen meanwhile.
                if (e.ok) {
                    pin_throttle_.record_success();
                } else {
                    pin_throttle_.record_failure();
                }
                if (location().screen != Screen::staff_pin) return;
                if (e.ok) {
                    nav_.replace({Screen::staff, {}, 0});
                    effects_.push_back(effect::StaffRefresh{});
                } else {
                    show_notice("ui.staff.pin_wrong");
                }
            } else if constexpr (std::is_same_v<E, event::ScannedCitizenId>) {
                if (location().screen == Screen::picker) {
                    blur();
                    nav_.back();  // the form the picker was opened from
                }
                const Screen s = location().screen;
                if ((s != Screen::form && s != Screen::review) || !plan_) {
                    show_notice(s == Screen::saving || is_staff(s) ? "ui.scan.not_now"
                                                                   : "ui.scan.start_form_first");
                    return;
                }
                blur();
                const std::pair<std::string_view, const std::string*> parts[] = {
                    {applicant::full_name, &e.card.full_name},
                    {applicant::id_number, &e.card.id_number},
                    {applicant::date_of_birth, &e.card.date_of_birth},
                    {applicant::address, &e.card.address},
                };
                for (const auto& [k, v] : parts) {
                    if (v->empty()) continue;
                    session_.values[std::string(k)] = text::to_nfc(*v);
                    session_.left.insert(std::string(k));
                    validate(std::string(k));
                }
                activity();
                if (s != Screen::form || location().page != 0) {
                    session_.from_review = s == Screen::review || session_.from_review;
                    nav_.push({Screen::form, location().param, 0});
                }
                // Not a toast over the fields: a notice at the top of the page they check.
                form_notice_ = "ui.scan.id_filled";
                form_notice_at_ = location();
                // Said, never rewritten: the commune may have changed too (docs/pickers.md).
                moved_province_ = catalog::former_province(*catalog_, e.card.address);
            } else if constexpr (std::is_same_v<E, event::ScannedReceiptCode>) {
                const Screen s = location().screen;
                activity();
                if (s == Screen::staff) {
                    // Either staff action may want it: reprint or mark the fee paid.
                    session_.values[std::string(key::staff_reprint)] = e.receipt_code;
                    session_.values[std::string(key::staff_fee_paid)] = e.receipt_code;
                    return;
                }
                if (s == Screen::saving || s == Screen::staff_pin || s == Screen::form ||
                    s == Screen::review) {
                    show_notice("ui.scan.not_now");
                    return;
                }
                if (s != Screen::status) go({Screen::status, {}, 0});
                session_.values[std::string(key::status_code)] = e.receipt_code;
                session_.errors.erase(std::string(key::status_code));
                focus(std::string(key::status_last4));
            } else if constexpr (std::is_same_v<E, event::ScanRejected>) {
                show_notice("ui.scan.unrecognised");
            } else if constexpr (std::is_same_v<E, event::Notice>) {
                show_notice(e.message_key);
            } else if constexpr (std::is_same_v<E, event::CatalogReplaced>) {
                replaced_catalog_ = e.catalog_version;
            } else if constexpr (std::is_same_v<E, event::ScreenItems>) {
                follow_screen();
                cursor_.set_items(e.items);
                if (screen_to_say_) {
                    screen_to_say_ = false;
                    say(spoken_screen());
                } else if (echo_ != Echo::none && session_.voice) {
                    const auto f = cursor_.current();
                    if (refocus_ && (!f || f->item.kind == ItemKind::key)) cursor_.focus(*refocus_);
                    if (auto echo = spoken_echo(); !echo.empty()) say(std::move(echo));
                }
                refocus_.reset();
            }
        },
        ev);
    forget_moved_notice();
    follow_screen();
}

// The dossiers just stored (one, or a bundle's in its order): the receipt screen, one
// print, and a watch on each until the portal has it.
void Kiosk::take_submitted(const std::vector<event::Submitted>& dossiers, std::string bundle) {
    session_submit_ = 0;
    std::vector<ReceiptInfo> receipts;
    for (std::size_t i = 0; i < dossiers.size(); ++i) {
        const auto& e = dossiers[i];
        ReceiptInfo r;
        r.dossier_id = e.dossier_id;
        r.receipt_code = e.receipt_code;
        r.queue_number = e.queue_number;
        r.payment_qr = e.payment_qr;
        r.payment_amount_dong = e.payment_amount_dong;
        r.payment_account_name = e.payment_account_name;
        r.procedure_code = plan_ && i < plan_->procedures().size() ? plan_->procedures()[i]->code
                                                                   : session_.procedure_code;
        r.print = PrintState::printing;
        receipts.push_back(std::move(r));
    }
    const Language lang = session_.language;
    const bool large = session_.large_text;
    const bool contrast = session_.high_contrast;
    const bool voice = session_.voice;
    end_session();  // the dossiers are stored: what was typed is no longer needed
    session_.language = lang;
    session_.large_text = large;
    session_.high_contrast = contrast;
    session_.voice = voice;
    session_.receipt = receipts.front();
    effect::Print print{receipts.front().dossier_id, lang};
    if (!bundle.empty()) {
        session_.bundle_code = bundle;
        for (const auto& r : receipts)
            print.bundle.push_back(r.dossier_id);
        print.bundle_code = bundle;
        session_.bundle_receipts = std::move(receipts);
    }
    nav_.push({Screen::receipt, {}, 0});
    effects_.push_back(std::move(print));
    for (auto& id : undelivered())
        effects_.push_back(effect::WatchDelivery{std::move(id)});
    last_activity_ = now();
}

// The receipt's dossiers the portal has not got yet (a bundle's each).
std::vector<std::string> Kiosk::undelivered() const {
    std::vector<std::string> ids;
    if (!session_.bundle_receipts.empty()) {
        for (const auto& r : session_.bundle_receipts)
            if (!r.delivered) ids.push_back(r.dossier_id);
    } else if (session_.receipt && !session_.receipt->delivered) {
        ids.push_back(session_.receipt->dossier_id);
    }
    return ids;
}

// ---- time -----------------------------------------------------------------------------

int Kiosk::receipt_seconds_left() const {
    if (location().screen != Screen::receipt) return 0;
    return whole_seconds(settings_.timeouts.receipt_clear - (now() - last_activity_));
}

IdlePrompt Kiosk::idle_prompt() const {
    const Screen s = location().screen;
    if (!prompts_when_idle(s)) return {};
    const auto idle = now() - last_activity_;
    const auto& t = settings_.timeouts;
    if (idle < t.idle_prompt) return {};
    const auto left = t.idle_prompt + t.idle_countdown - idle;
    return {true, whole_seconds(left)};
}

void Kiosk::tick() {
    run_timers();
    follow_screen();
}

void Kiosk::run_timers() {
    const Screen s = location().screen;
    const auto idle = now() - last_activity_;
    const auto& t = settings_.timeouts;
    if (lookup_cancel_ && s != Screen::status_result) cancel_lookup();
    if (watch_again_at_ && now() >= *watch_again_at_) {
        watch_again_at_.reset();
        if (s == Screen::receipt)
            for (auto& id : undelivered())
                effects_.push_back(effect::WatchDelivery{std::move(id)});
    }
    if (s == Screen::saving) {
        // The store has not answered in time: say so plainly; the submit is not started
        // if it has not started yet, and a late answer is still taken (on()).
        if (now() - saving_since_ < t.saving) return;
        if (given_up_) given_up_->store(true);
        session_.submit_error = "ui.error.saving_slow";
        nav_.back_to(Screen::review);
        last_activity_ = now();
        return;
    }
    if (is_staff(s)) {
        if (idle >= t.staff_lock) end_session();
    } else if (s == Screen::receipt) {
        if (idle >= t.receipt_clear) end_session();
    } else if (s == Screen::home) {
        if (!session_.pristine(settings_.default_language) && idle >= t.idle_prompt) end_session();
    } else if (idle >= t.idle_prompt + t.idle_countdown) {
        end_session();
    }
}

bool Kiosk::reload_due() const {
    return replaced_catalog_ && location().screen == Screen::home &&
           session_.pristine(settings_.default_language) && !leave_prompt_ &&
           now() - last_activity_ >= settings_.timeouts.catalog_reload_quiet;
}

std::optional<std::chrono::milliseconds> Kiosk::next_timer() const {
    const auto n = now();
    std::optional<steady_clock::time_point> due;
    auto consider = [&](steady_clock::time_point tp) {
        if (!due || tp < *due) due = tp;
    };
    if (!notice_.empty() && notice_until_ > n) consider(notice_until_);
    if (const auto w = pin_wait(); w > Ms(0)) consider(n + w);
    const Screen s = location().screen;
    const auto& t = settings_.timeouts;
    if (s == Screen::saving) {
        consider(saving_since_ + t.saving);
    } else if (is_staff(s)) {
        consider(last_activity_ + t.staff_lock);
    } else if (s == Screen::receipt) {
        consider(next_second(last_activity_ + t.receipt_clear, n));
        if (watch_again_at_) consider(*watch_again_at_);
    } else if (s == Screen::home) {
        if (!session_.pristine(settings_.default_language))
            consider(last_activity_ + t.idle_prompt);
        else if (replaced_catalog_ && !leave_prompt_)
            consider(last_activity_ + t.catalog_reload_quiet);
    } else if (s != Screen::saving) {
        const auto prompt_at = last_activity_ + t.idle_prompt;
        if (n < prompt_at) {
            consider(prompt_at);
        } else {
            consider(next_second(prompt_at + t.idle_countdown, n));
        }
    }
    if (!due) return std::nullopt;
    return std::max(Ms(0), duration_cast<Ms>(*due - n));
}

}  // namespace quay::flow
