// A procedure page, read like service-public.fr: who, situations, steps, documents, fees,
// time, where to receive the result, legal basis, last updated.
#include <algorithm>
#include <cmath>

#include "quay/ui/glyphs.hpp"
#include "quay/ui/theme.hpp"
#include "screens/screen.hpp"

namespace quay::ui {

std::string document_kind(const Ctx& c, const catalog::Document& d) {
    if (d.original && d.copies == 0) return std::string(c.tr("ui.procedure.original"));
    if (d.original) return c.count("ui.procedure.original_and_copies", d.copies);
    return c.count("ui.procedure.copies", d.copies);
}

namespace {

constexpr float kMaxLineChars = 90;

void section(Ctx& c, std::string_view title) {
    c.w.spacing(20);
    c.w.heading(title);
    c.w.spacing(4);
}

// Text indented behind a marker drawn in the margin (numbers, bullets).
void marked(Ctx& c, std::string_view marker, std::string_view body, ImU32 marker_color,
            bool circle) {
    Widgets& w = c.w;
    const float indent = w.px(64);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* f = w.fonts().bold;
    const float lh = line_height(f);
    if (circle) {
        const float r = lh * 0.5f;
        dl->AddCircleFilled(ImVec2(at.x + r, at.y + lh / 2), r, w.colors().primary);
        draw_centered_text(dl, f, ImVec2(at.x, at.y), ImVec2(at.x + 2 * r, at.y + lh),
                           w.colors().primary_text, marker);
    } else {
        draw_centered_text(dl, f, ImVec2(at.x, at.y), ImVec2(at.x + w.px(32), at.y + lh),
                           marker_color, marker);
    }
    ImGui::SetCursorScreenPos(ImVec2(at.x + indent, at.y));
    ImGui::BeginGroup();
    w.text(body, nullptr, 0, c.width - indent);
    ImGui::EndGroup();
}

}  // namespace

std::string format_date(std::string_view iso) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::string(iso);
    return std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" +
           std::string(iso.substr(0, 4));
}

void draw_procedure(Ctx& c) {
    const catalog::Procedure* p = c.k.procedure();
    if (p == nullptr) return;
    Widgets& w = c.w;
    // Lines of at most about 90 characters (issue 14, item 8: landscape lines ran ~165):
    // the page keeps a reading width and leaves the rest of a wide screen empty.
    const float full = c.width;
    ImFont* body = w.fonts().body;
    const char* sample = "abcdefghijklmnopqrstuvwxyz";
    const float per_char = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, sample).x / 26;
    c.width = std::min(full, std::floor(per_char * kMaxLineChars));
    w.text(c.t(p->agency), w.fonts().body, w.colors().muted, c.width);
    const auto guides = catalog::guides_for_procedure(c.k.catalog(), p->code);
    if (!guides.empty()) {
        w.spacing(12);
        guide_buttons(c, guides);
    }
    bundle_offer(c);

    section(c, c.tr("ui.procedure.who"));
    w.text(c.t(p->who), nullptr, 0, c.width);

    if (!p->situations.empty()) {
        section(c, c.tr("ui.procedure.situations"));
        int& tab = c.st.situation_tab;
        if (tab >= static_cast<int>(p->situations.size())) tab = 0;
        float x = 0;
        const float gap = w.px(theme::gap);
        for (std::size_t i = 0; i < p->situations.size(); ++i) {
            const std::string& label = c.t(p->situations[i].title);
            const float bw = std::min(
                c.width,
                w.fonts()
                        .bold->CalcTextSizeA(w.fonts().bold->FontSize, FLT_MAX, 0, label.c_str())
                        .x +
                    w.px(56));
            if (i > 0 && x + gap + bw <= c.width) {
                ImGui::SameLine(0, gap);
                x += gap;
            } else {
                x = 0;
            }
            x += bw;
            const auto kind =
                static_cast<int>(i) == tab ? ButtonKind::selected : ButtonKind::secondary;
            if (w.button("situation:" + p->situations[i].code, label, ImVec2(bw, 0), kind))
                tab = static_cast<int>(i);
        }
        w.spacing(4);
        w.text(c.t(p->situations[static_cast<std::size_t>(tab)].description), nullptr, 0, c.width);
    }

    if (!p->steps.empty()) {
        section(c, c.tr("ui.procedure.steps"));
        for (std::size_t i = 0; i < p->steps.size(); ++i)
            marked(c, std::to_string(i + 1), c.t(p->steps[i]), 0, true);
    }

    // A part the catalogue does not have from a source (an empty list included) is shown
    // with "ask the staff", never left out: no list must not read as nothing to bring or pay.
    const auto ask_staff = [&] {
        w.text(c.tr("ui.procedure.ask_staff"), w.fonts().bold, 0, c.width);
    };
    const bool documents_unsure = p->inferred("documents");
    if (!p->documents.empty() || documents_unsure) {
        section(c, c.tr("ui.procedure.documents"));
        for (const auto& d : p->documents) {
            std::string body = c.t(d.name) + "\n" + document_kind(c, d);
            if (!d.note.empty()) body += "\n" + c.t(d.note);
            marked(c, glyph::bullet, body, w.colors().primary, false);
        }
        if (documents_unsure) ask_staff();
        // The list on paper, to gather the papers at home before starting (issue 14).
        if (!p->documents.empty()) {
            w.spacing(8);
            if (w.button("procedure.print_checklist", c.tr("ui.help.print_checklist"),
                         ImVec2(c.width, 0)))
                c.emit(flow::intent::PrintChecklist{});
        }
    }

    const bool fees_unsure = p->inferred("fees");
    if (!p->fees.empty() || fees_unsure) {
        section(c, c.tr("ui.procedure.fees"));
        for (const auto& f : p->fees) {
            std::string amount = !f.amount_dong ? std::string(c.tr("ui.procedure.fee_by_province"))
                                 : *f.amount_dong == 0 ? std::string(c.tr("ui.procedure.free"))
                                                       : c.money(*f.amount_dong);
            std::string body = c.t(f.name) + ": " + amount;
            if (!f.note.empty()) body += "\n" + c.t(f.note);
            marked(c, glyph::bullet, body, w.colors().primary, false);
        }
        if (fees_unsure) ask_staff();
    }

    if (!p->processing_time.empty()) {
        section(c, c.tr("ui.procedure.time"));
        w.text(c.t(p->processing_time), nullptr, 0, c.width);
        if (p->inferred("processing_time")) ask_staff();
    }
    if (!p->result_at.empty()) {
        section(c, c.tr("ui.procedure.result_at"));
        w.text(c.t(p->result_at), nullptr, 0, c.width);
    }
    if (!p->legal_basis.empty()) {
        section(c, c.tr("ui.procedure.legal_basis"));
        for (const auto& l : p->legal_basis)
            marked(c, glyph::bullet, l, w.colors().muted, false);
    }
    w.spacing(20);
    if (!p->last_updated.empty()) {
        w.text(locale::format(c.tr("ui.procedure.last_updated"),
                              {{"date", format_date(p->last_updated)}}),
               w.fonts().body, w.colors().muted, c.width);
    }
    w.spacing(16);
    c.width = full;
}

}  // namespace quay::ui
