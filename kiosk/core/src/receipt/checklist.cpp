#include "quay/receipt/checklist.hpp"

namespace quay::receipt {
namespace {

Paragraph line(std::string text, bool bold = false, TextSize size = TextSize::normal,
               Align align = Align::left) {
    return Paragraph{{{std::move(text), bold}}, size, align, false, false};
}

Paragraph labelled(std::string_view label, std::string value) {
    return Paragraph{{{std::string(label) + " ", true}, {std::move(value), false}},
                     TextSize::normal,
                     Align::left,
                     false,
                     false};
}

}  // namespace

Layout make_checklist(const catalog::Procedure& p, Language lang, const ChecklistHeader& h,
                      const locale::Strings& s) {
    Layout l;
    auto& b = l.blocks;
    const auto t = [lang](const catalog::Text& text) { return text.in(lang); };
    b.push_back(line(h.centre_name.empty() ? std::string(s.tr("receipt.centre_default"))
                                           : std::string(h.centre_name),
                     true, TextSize::normal, Align::centre));
    b.push_back(Rule{});
    b.push_back(
        line(std::string(s.tr("receipt.checklist.title")), true, TextSize::large, Align::centre));
    b.push_back(line(t(p.name), true, TextSize::normal, Align::centre));
    b.push_back(line(locale::format(s.tr("receipt.procedure_code"), {{"code", p.code}}), false,
                     TextSize::small, Align::centre));
    if (!t(p.agency).empty()) b.push_back(labelled(s.tr("receipt.agency"), t(p.agency)));

    b.push_back(Space{6});
    b.push_back(line(std::string(s.tr("receipt.documents")), true));
    int n = 0;
    for (const auto& d : p.documents) {
        std::string text = document_tags({t(d.name), d.original, d.copies}, s) + " " + t(d.name);
        if (!t(d.note).empty()) text += " (" + t(d.note) + ")";
        Paragraph item{{{"(" + std::to_string(++n) + ") ", false}, {std::move(text), false}},
                       TextSize::normal,
                       Align::left,
                       true,
                       false};
        b.push_back(std::move(item));
    }
    if (p.documents.empty())
        b.push_back(line(std::string(s.tr("receipt.no_documents"))));
    else
        b.push_back(line(std::string(s.tr("receipt.tag_legend")), false, TextSize::small));
    // As on the procedure page: a part not from a source says to ask the staff.
    const auto ask_staff = [&] {
        b.push_back(line(std::string(s.tr("receipt.checklist.ask_staff")), true));
    };
    if (p.inferred("documents")) ask_staff();

    if (!p.fees.empty() || p.inferred("fees")) {
        b.push_back(Space{6});
        b.push_back(line(std::string(s.tr("receipt.fees")), true));
        for (const auto& f : p.fees) {
            Paragraph item{{{"– " + t(f.name) + ": ", false},
                            {fee_in_words({t(f.name), f.amount_dong}, s), true}},
                           TextSize::normal,
                           Align::left,
                           true,
                           false};
            b.push_back(std::move(item));
        }
        if (p.inferred("fees")) ask_staff();
    }
    b.push_back(Space{6});
    if (!t(p.processing_time).empty()) {
        b.push_back(labelled(s.tr("receipt.checklist.time"), t(p.processing_time)));
        if (p.inferred("processing_time")) ask_staff();
    }
    if (!t(p.result_at).empty()) b.push_back(labelled(s.tr("receipt.result_at"), t(p.result_at)));
    b.push_back(Rule{});
    b.push_back(line(std::string(s.tr("receipt.checklist.not_receipt")), true, TextSize::normal,
                     Align::centre));
    b.push_back(Space{6});
    b.push_back(
        line(locale::format(s.tr("receipt.footer"),
                            {{"kiosk_id", h.kiosk_id}, {"time", time_in_words(h.printed_at, s)}}),
             false, TextSize::small, Align::centre));
    return l;
}

}  // namespace quay::receipt
