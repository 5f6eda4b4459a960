// Voice mode (issue 15, docs/voice.md): what the kiosk says. The flow decides when (a new
// screen once its items are known, a focus move, a refused value) and what, in display
// text; the app's speaker normalises it (digits in groups, dates and money in words) and
// speaks it. The words come from locale/<lang>/voice.json.
#include "quay/flow/kiosk.hpp"

namespace quay::flow {

using locale::format;

namespace {

std::string_view kind_key(ItemKind k) {
    switch (k) {
        case ItemKind::field:
            return "voice.kind.field";
        case ItemKind::key:
            return "voice.kind.key";
        case ItemKind::check:
            return "voice.kind.check";
        case ItemKind::button:
            break;
    }
    return "voice.kind.button";
}

void add(std::string& to, std::string_view sentence) {
    if (sentence.empty()) return;
    if (!to.empty()) to += ' ';
    to += sentence;
    if (to.back() != '.' && to.back() != '?' && to.back() != '!' && to.back() != ':') to += '.';
}

// A tick box's state, a chosen option, or the value as shown.
std::string_view spoken_value(const FocusItem& item, const locale::Strings& s) {
    if (item.kind == ItemKind::check)
        return s.tr(item.value == "1" ? "voice2.checked" : "voice2.unchecked");
    if (item.kind == ItemKind::field && item.value.empty()) return s.tr("voice.empty");
    if (item.value == "selected") return s.tr("voice.selected");  // a choice or setting that is on
    return item.value;
}

}  // namespace

std::string spoken_name(const FocusItem& item, const locale::Strings& strings) {
    const std::string key = "voice2.item." + item.id;
    if (strings.has(key)) return std::string(strings.tr(key));
    return item.label;
}

void Kiosk::say(std::string text) {
    echo_ = Echo::none;  // something newer is said
    if (!session_.voice) return;
    effects_.push_back(effect::Say{std::move(text), session_.language});
}

// A box closed or a date set by the keys: its keys go, the focus returns to the box, and
// the box is said with its value.
void Kiosk::return_focus_to(std::string id) {
    if (!session_.voice) return;
    refocus_ = std::move(id);
    echo_ = Echo::activated;
}

void Kiosk::voice_on() {
    session_.voice = true;
    const auto& s = locale_->strings(session_.language);
    std::string text(s.tr("voice.on"));
    add(text, spoken_screen());
    say(std::move(text));
}

// The screen's name and what matters on it: the form's page and step, the question, the
// receipt's code and what to do now.
std::string Kiosk::spoken_screen() const {
    const auto& s = locale_->strings(session_.language);
    const Language lang = session_.language;
    const Location& at = location();
    std::string out;
    switch (at.screen) {
        case Screen::form:
            if (plan_ && at.page >= 0 && at.page < plan_->page_count()) {
                // A bundle: which procedure the page is for ("Thủ tục 2 trên 3: …").
                const int proc = plan_->pages()[static_cast<std::size_t>(at.page)].procedure;
                const auto total = std::to_string(plan_->procedures().size());
                if (plan_->bundle() && proc < 0)
                    add(out, format(s.tr("bundle.form.shared"), {{"total", total}}));
                else if (plan_->bundle())
                    add(out, format(s.tr("bundle.form.procedure"),
                                    {{"n", std::to_string(proc + 1)},
                                     {"total", total},
                                     {"name", plan_->procedures()[static_cast<std::size_t>(proc)]
                                                  ->name.in(lang)}}));
                add(out,
                    format(s.tr("voice.step"), {{"n", std::to_string(at.page + 1)},
                                                {"total", std::to_string(plan_->page_count())}}));
                add(out, plan_->pages()[static_cast<std::size_t>(at.page)].title.in(lang));
            }
            break;
        case Screen::procedure:
            if (const auto* p = catalog_->find(at.param)) add(out, p->name.in(lang));
            break;
        case Screen::guided:
            if (const auto w = guide_walk(); w && w->node) add(out, w->node->text.in(lang));
            break;
        case Screen::guided_outcome:
            if (const auto o = guide_outcome(); o && o->node) add(out, o->node->text.in(lang));
            break;
        case Screen::receipt:
            if (const auto& rs = session_.bundle_receipts; !rs.empty()) {
                add(out, format(s.tr("voice.bundle.saved"), {{"n", std::to_string(rs.size())}}));
                for (std::size_t i = 0; i < rs.size(); ++i) {
                    const auto* p = catalog_->find(rs[i].procedure_code);
                    add(out, format(s.tr("voice.bundle.code"),
                                    {{"n", std::to_string(i + 1)},
                                     {"name", p ? p->name.in(lang) : rs[i].procedure_code},
                                     {"code", rs[i].receipt_code}}));
                }
                add(out, s.tr("ui.receipt.now.go_counter"));
                break;
            }
            add(out, s.tr("ui.receipt.saved"));
            if (session_.receipt) {
                add(out,
                    format(s.tr("voice.receipt_code"), {{"code", session_.receipt->receipt_code}}));
            }
            add(out, s.tr("ui.receipt.now.go_counter"));
            break;
        default: {
            // Keys voice.screen.<screen> (locale/<lang>/voice.json), one per screen name.
            const std::string key = std::string("voice.screen.").append(to_string(at.screen));
            add(out, s.tr(key));
        } break;
    }
    add(out, format(s.tr("voice.items"), {{"count", std::to_string(cursor_.items().size())}}));
    return out;
}

// "Họ, chữ đệm, tên. Nguyễn Văn An. Ô điền. 3 trên 12."
std::string Kiosk::spoken_focus() const {
    const auto f = cursor_.current();
    if (!f) return {};
    const auto& s = locale_->strings(session_.language);
    std::string out;
    add(out, spoken_name(f->item, s));
    add(out, spoken_value(f->item, s));
    add(out, s.tr(kind_key(f->item.kind)));
    add(out, format(s.tr("voice.position"),
                    {{"n", std::to_string(f->index + 1)}, {"total", std::to_string(f->count)}}));
    return out;
}

// After the keys acted on this screen: what changed. A key of the keyboard (or the keypad's
// digits) typed into the open box: the box's value so far. The box just opened: its name,
// value and how to reach the keyboard. Anything else: its name and its value now (a date
// part, a choice, the tick box).
std::string Kiosk::spoken_echo() const {
    const auto f = cursor_.current();
    if (!f) return {};
    const auto& s = locale_->strings(session_.language);
    const bool box_open = session_.focused.has_value();
    const bool on_the_box = box_open && f->item.id == "field:" + *session_.focused;
    std::string out;
    if (box_open && (f->item.kind == ItemKind::key || echo_ == Echo::typed)) {
        const std::string& v = session_.value(*session_.focused);
        add(out, v.empty() ? s.tr("voice.empty") : std::string_view(v));
        return out;
    }
    add(out, spoken_name(f->item, s));
    add(out, spoken_value(f->item, s));
    if (on_the_box) add(out, s.tr("voice2.box_open"));
    return out;
}

// Every refused value of the screen: the field's label, then why.
std::string Kiosk::spoken_errors() const {
    const auto& s = locale_->strings(session_.language);
    std::string out;
    for (const auto& [field, message] : session_.errors) {
        const auto* f = plan_ ? plan_->find(field) : nullptr;
        if (f) add(out, f->label.in(session_.language));
        add(out, s.tr(message));
    }
    return out;
}

}  // namespace quay::flow
