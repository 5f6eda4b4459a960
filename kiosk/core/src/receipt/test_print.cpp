#include "quay/receipt/test_print.hpp"

#include <cstdio>

namespace quay::receipt {

namespace {

Paragraph line(std::string text, bool bold = false, TextSize size = TextSize::normal,
               Align align = Align::left) {
    return Paragraph{{{std::move(text), bold}}, size, align, false, false};
}

}  // namespace

std::string test_print_qr(const TestPrintHeader& h) {
    char when[32];
    const auto& t = h.printed_at;
    std::snprintf(when, sizeof when, "%04d-%02d-%02d %02d:%02d", t.date.year, t.date.month,
                  t.date.day, t.hour, t.minute);
    return "QUAY-TEST " + std::string(h.kiosk_id) + " " + when;
}

Layout make_test_print(const TestPrintHeader& h, const locale::Strings& s) {
    Layout l;
    auto& b = l.blocks;
    b.push_back(
        line(std::string(s.tr("staff2.test_print.title")), true, TextSize::large, Align::centre));
    b.push_back(Rule{});
    b.push_back(line(locale::format(s.tr("staff2.test_print.kiosk"), {{"kiosk", h.kiosk_id}})));
    b.push_back(line(locale::format(s.tr("staff2.test_print.time"),
                                    {{"time", time_in_words(h.printed_at, s)}})));
    b.push_back(
        line(locale::format(s.tr("staff2.test_print.printer"), {{"state", h.printer_state}})));
    b.push_back(Space{6});
    b.push_back(line(std::string(s.tr("staff2.test_print.font")), true));
    b.push_back(line(std::string(s.tr("staff2.test_print.font_sample"))));
    b.push_back(Space{6});
    b.push_back(
        line(std::string(s.tr("staff2.test_print.qr")), false, TextSize::small, Align::centre));
    l.qr_payload = test_print_qr(h);
    b.push_back(QrBlock{l.qr_payload});
    b.push_back(Rule{});
    b.push_back(line(std::string(s.tr("staff2.test_print.not_receipt")), true, TextSize::normal,
                     Align::centre));
    return l;
}

}  // namespace quay::receipt
