// Guided questions, GOV.UK style: one question per screen with big answer buttons and
// its place in the questions; then the outcome (what to file, what to bring for this case,
// the fee after exemptions, warnings) or an exit page (where this is done instead).
// Everything shown comes from flow::Kiosk's guide_walk() / guide_outcome().
#include "quay/ui/glyphs.hpp"
#include "quay/ui/theme.hpp"
#include "screens/screen.hpp"

namespace quay::ui {

namespace {

void bullet(Ctx& c, const std::string& body) {
    c.w.text(std::string(glyph::bullet) + " " + body, nullptr, 0, c.width);
    c.w.spacing(4);
}

void section(Ctx& c, std::string_view title) {
    c.w.spacing(20);
    c.w.heading(title);
    c.w.spacing(4);
}

void warnings(Ctx& c, const std::vector<const catalog::GuideWarning*>& list) {
    for (const auto* warning : list) {
        c.w.spacing(8);
        card(c, {c.w.colors().warn_bg, 0, c.w.colors().warn}, [&](float inner) {
            c.w.text(c.t(warning->text), c.w.fonts().bold, c.w.colors().warn, inner);
        });
    }
}

std::string fee_line(const Ctx& c, const catalog::ResolvedFee& f) {
    const std::string amount = !f.amount_dong        ? std::string(c.tr("ui.guided.ask_staff"))
                               : *f.amount_dong == 0 ? std::string(c.tr("ui.procedure.free"))
                                                     : c.money(*f.amount_dong);
    std::string line = c.t(f.fee->name) + ": " + amount;
    if (!f.note.empty()) line += "\n" + c.t(f.note);
    return line;
}

}  // namespace

void guide_buttons(Ctx& c, const std::vector<const catalog::Guide*>& guides) {
    for (const auto* g : guides) {
        if (c.w.button("guide:" + g->code, c.t(g->title), ImVec2(c.width, c.w.px(theme::target)),
                       ButtonKind::primary))
            c.emit(flow::intent::OpenGuide{g->code});
        c.w.spacing(12);
    }
}

void draw_guided(Ctx& c) {
    const auto walk = c.k.guide_walk();
    if (!walk || walk->finished()) return;
    Widgets& w = c.w;
    w.text(locale::format(c.tr("ui.guided.progress"),
                          {{"n", std::to_string(walk->asked.size() + 1)},
                           {"max", std::to_string(catalog::max_questions)}}),
           w.fonts().body, c.w.colors().muted);
    w.spacing(8);
    w.heading(c.t(walk->node->text));
    if (!walk->node->help.empty())
        w.text(c.t(walk->node->help), w.fonts().body, c.w.colors().muted);
    w.spacing(16);
    for (const auto& o : walk->node->options) {
        if (w.button("answer:" + o.code, c.t(o.label), ImVec2(c.width, w.px(theme::target)),
                     ButtonKind::secondary))
            c.emit(flow::intent::Answer{o.code});
        w.spacing(12);
    }
}

void draw_guided_outcome(Ctx& c) {
    const auto o = c.k.guide_outcome();
    if (!o) return;
    Widgets& w = c.w;
    w.heading(c.t(o->node->text));
    if (o->exit()) {
        w.spacing(8);
        w.text(c.t(o->node->office));
        if (!o->node->bring.empty()) {
            section(c, c.tr("ui.guided.bring"));
            for (const auto& b : o->node->bring)
                bullet(c, c.t(b));
        }
    } else {
        section(c, c.tr("ui.guided.procedures"));
        for (const auto& p : o->procedures) {
            const auto* proc = c.k.catalog().find(p.procedure);
            bullet(c, c.t(proc->name) + " (" + proc->code + ")");
        }
        bundle_offer(c);  // before the documents: it changes what is filed
        section(c, c.tr("ui.procedure.documents"));
        for (const auto& d : o->documents) {
            std::string body = c.t(d.name) + "\n" + document_kind(c, *d.document);
            if (!d.note.empty()) body += "\n" + c.t(d.note);
            bullet(c, body);
        }
        if (!o->fees.empty()) {
            section(c, c.tr("ui.procedure.fees"));
            for (const auto& f : o->fees)
                bullet(c, fee_line(c, f));
        }
    }
    warnings(c, o->warnings);
    if (o->ask_staff()) {
        w.spacing(12);
        w.text(c.tr("ui.guided.ask_staff_note"), w.fonts().body, c.w.colors().muted);
    }
    w.spacing(16);
}

}  // namespace quay::ui
