// Liên thông bundles on the screens (docs/bundles.md): the offer on a procedure page or a
// guided outcome, where the citizen is in the bundle's form, and the review's headings.
// What a bundle asks and sends is flow::FormPlan's; these only show it.
#include "quay/ui/glyphs.hpp"
#include "quay/ui/theme.hpp"
#include "screens/screen.hpp"

namespace quay::ui {

namespace {

std::string procedure_line(Ctx& c, int index) {
    const auto* plan = c.k.plan();
    const auto& ps = plan->procedures();
    return locale::format(c.tr("bundle.form.procedure"),
                          {{"n", std::to_string(index + 1)},
                           {"total", std::to_string(ps.size())},
                           {"name", c.t(ps[static_cast<std::size_t>(index)]->name)}});
}

}  // namespace

void bundle_offer(Ctx& c) {
    const auto* b = c.k.bundle_offer();
    if (b == nullptr) return;
    Widgets& w = c.w;
    w.spacing(16);
    const ImVec2 top = card(c, {w.colors().info_bg, 0, w.colors().focus}, [&](float inner) {
        w.text(c.tr("bundle.offer.title"), w.fonts().heading, w.colors().text, inner);
        w.spacing(4);
        w.text(c.tr("bundle.offer.intro"), w.fonts().body, w.colors().text, inner);
        w.spacing(8);
        int n = 0;
        for (const auto& code : b->procedures)
            if (const auto* p = c.k.catalog().find(code))
                w.text(std::to_string(++n) + ". " + c.t(p->name), w.fonts().bold, w.colors().text,
                       inner);
        if (!b->note.empty()) {
            w.spacing(8);
            w.text(c.t(b->note), w.fonts().body, w.colors().muted, inner);
        }
        // A guided outcome that names the bundle starts it from the action bar already.
        const auto o = c.k.location().screen == flow::Screen::guided_outcome ? c.k.guide_outcome()
                                                                             : std::nullopt;
        if (o && o->bundle == b->code) return;
        w.spacing(12);
        const std::string label = locale::format(c.tr("bundle.offer.start"),
                                                 {{"n", std::to_string(b->procedures.size())}});
        if (w.button("bundle.start", label, ImVec2(inner, w.px(theme::target)),
                     ButtonKind::secondary))
            c.emit(flow::intent::StartBundle{});
    });
    w.record("bundle.offer", c.tr("bundle.offer.title"), top,
             ImVec2(top.x + c.width, ImGui::GetCursorScreenPos().y));
}

void bundle_form_progress(Ctx& c, const flow::FormPage& page) {
    const auto* plan = c.k.plan();
    if (plan == nullptr || plan->bundle() == nullptr) return;
    Widgets& w = c.w;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const std::string line =
        page.procedure < 0 ? locale::format(c.tr("bundle.form.shared"),
                                            {{"total", std::to_string(plan->procedures().size())}})
                           : procedure_line(c, page.procedure);
    w.text(line, w.fonts().bold, w.colors().focus, c.width);
    w.record("bundle.progress", line, at, ImGui::GetItemRectMax());
    w.spacing(4);
}

void bundle_review_heading(Ctx& c, int procedure) {
    const auto* plan = c.k.plan();
    if (plan == nullptr || plan->bundle() == nullptr) return;
    Widgets& w = c.w;
    w.spacing(24);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    // The applicant's pages first: what every procedure's dossier carries.
    const std::string line =
        procedure < 0 ? locale::format(c.tr("bundle.form.shared"),
                                       {{"total", std::to_string(plan->procedures().size())}})
                      : procedure_line(c, procedure);
    w.text(line, w.fonts().heading, w.colors().focus, c.width);
    w.record(procedure < 0 ? std::string("review.shared")
                           : "review.procedure:" + std::to_string(procedure),
             line, at, ImGui::GetItemRectMax());
    if (procedure < 0) return;
    // What this procedure's dossier also carries from pages above (the shared fields).
    std::string shared;
    for (const auto& s : plan->sent(procedure)) {
        const auto* asked = plan->find(s.key);
        if (asked == nullptr || plan->page_of(s.key) < 0) continue;
        if (plan->pages()[static_cast<std::size_t>(plan->page_of(s.key))].procedure == procedure)
            continue;
        shared += (shared.empty() ? "" : "; ") + c.t(asked->label);
    }
    if (!shared.empty())
        w.text(locale::format(c.tr("bundle.review.shared"), {{"fields", shared}}), w.fonts().body,
               w.colors().muted, c.width);
}

}  // namespace quay::ui
