// After confirming: saving, the receipt screen; and the status lookup.
#include "quay/error.hpp"
#include "quay/receipt/qr.hpp"
#include "quay/ui/glyphs.hpp"
#include "quay/ui/theme.hpp"
#include "screens/screen.hpp"

namespace quay::ui {

namespace {

// The printed receipt's QR code (the same encoder and error correction), drawn as
// rectangles (no texture) with its quiet zone.
void draw_qr(Ctx& c, const std::string& payload, float size) {
    receipt::QrMatrix qr;
    try {
        qr = receipt::encode_qr(payload);
    } catch (const Error&) {
        return;
    }
    const int n = qr.size;
    const int q = receipt::qr_quiet_zone;
    const float cell = std::floor(size / static_cast<float>(n + 2 * q));
    const float side = cell * static_cast<float>(n + 2 * q);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, ImVec2(a.x + side, a.y + side), IM_COL32_WHITE);
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            if (!qr.at(x, y)) continue;
            const ImVec2 p(a.x + cell * static_cast<float>(x + q),
                           a.y + cell * static_cast<float>(y + q));
            dl->AddRectFilled(p, ImVec2(p.x + cell, p.y + cell), IM_COL32_BLACK);
        }
    }
    ImGui::Dummy(ImVec2(side, side));
    c.w.record("receipt.qr", payload, a, ImVec2(a.x + side, a.y + side));
}

void banner(Ctx& c, std::string_view id, std::string_view message, ImU32 bg, ImU32 fg) {
    Widgets& w = c.w;
    const float pad = w.px(20);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const float h = w.text_height(message, w.fonts().bold, c.width - 2 * pad) + 2 * pad;
    ImGui::GetWindowDrawList()->AddRectFilled(a, ImVec2(a.x + c.width, a.y + h), bg,
                                              w.px(theme::rounding));
    ImGui::SetCursorScreenPos(ImVec2(a.x + pad, a.y + pad));
    w.text(message, w.fonts().bold, fg, c.width - 2 * pad);
    w.record(id, message, a, ImVec2(a.x + c.width, a.y + h));
    ImGui::SetCursorScreenPos(ImVec2(a.x, a.y + h));
    ImGui::Dummy(ImVec2(c.width, 0));
}

std::string_view status_key(std::string_view s) {
    if (s == "received") return "ui.status.state.received";
    if (s == "processing") return "ui.status.state.processing";
    if (s == "needs_supplement") return "ui.status.state.needs_supplement";
    if (s == "ready_for_pickup") return "ui.status.state.ready_for_pickup";
    if (s == "returned") return "ui.status.state.returned";
    if (s == "rejected") return "ui.status.state.rejected";
    return "ui.status.state.unknown";
}

}  // namespace

void draw_saving(Ctx& c) {
    c.w.spacing(40);
    c.w.heading(c.tr("ui.saving.message"));
    c.w.text(c.tr("ui.saving.wait"), c.w.fonts().body, theme::muted);
}

void draw_receipt(Ctx& c) {
    const auto& r = c.session().receipt;
    if (!r) return;
    Widgets& w = c.w;
    banner(c, "receipt.saved", c.tr("ui.receipt.saved"), theme::ok_bg, theme::ok);
    w.spacing(16);
    w.text(c.tr("ui.receipt.code_label"), w.fonts().bold, theme::muted);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    w.text(r->receipt_code, w.font_set().code, theme::text);
    w.record("receipt.code", r->receipt_code, at, ImGui::GetItemRectMax());
    w.spacing(12);
    if (r->delivered) {
        banner(c, "receipt.delivery",
               locale::format(c.tr("ui.receipt.delivered"), {{"ref", r->portal_ref}}), theme::ok_bg,
               theme::ok);
    } else {
        banner(c, "receipt.delivery", c.tr("ui.receipt.pending"), theme::warn_bg, theme::text);
    }
    w.spacing(12);
    using flow::PrintState;
    bool show_qr = false;
    switch (r->print) {
        case PrintState::none:
        case PrintState::printing:
            banner(c, "receipt.print", c.tr("ui.receipt.printing"), theme::warn_bg, theme::text);
            break;
        case PrintState::printed:
            banner(c, "receipt.print", c.tr("ui.receipt.printed"), theme::ok_bg, theme::ok);
            break;
        case PrintState::paper_out:
            banner(c, "receipt.print", c.tr("ui.receipt.print_paper_out"), theme::error_bg,
                   theme::error);
            show_qr = true;
            break;
        case PrintState::offline:
        case PrintState::error:
            banner(c, "receipt.print", c.tr("ui.receipt.print_failed"), theme::error_bg,
                   theme::error);
            show_qr = true;
            break;
        case PrintState::no_printer:
            banner(c, "receipt.print", c.tr("ui.receipt.no_printer"), theme::warn_bg, theme::text);
            show_qr = true;
            break;
    }
    w.spacing(12);
    if (show_qr)
        w.text(c.tr("ui.receipt.photograph"), w.fonts().bold);
    else
        w.text(c.tr("ui.receipt.qr_hint"), w.fonts().body, theme::muted);
    w.spacing(8);
    std::string payload = c.status_url;
    if (auto p = payload.find("{receipt_code}"); p != std::string::npos)
        payload.replace(p, 14, r->receipt_code);
    draw_qr(c, payload, std::min(c.width, w.px(420)));
    w.spacing(12);
    w.text(c.tr("ui.receipt.keep"), w.fonts().body, theme::muted);
}

void draw_status(Ctx& c) {
    Widgets& w = c.w;
    w.text(c.tr("ui.status.intro"));
    w.spacing(16);
    plain_field_box(c, flow::key::status_code, c.tr("ui.status.code"));
    w.spacing(12);
    plain_field_box(c, flow::key::status_last4, c.tr("ui.status.last4"));
    w.spacing(16);
    w.text(c.tr("ui.status.scan_hint"), w.fonts().body, theme::muted);
}

void draw_status_result(Ctx& c) {
    Widgets& w = c.w;
    const auto& s = c.session().status;
    if (c.session().status_pending || !s) {
        w.spacing(24);
        w.heading(c.tr("ui.status.asking"));
        return;
    }
    using K = flow::StatusAnswer::Kind;
    switch (s->kind) {
        case K::found: {
            w.text(c.tr("ui.status.code"), w.fonts().bold, theme::muted);
            w.heading(s->receipt_code);
            w.spacing(12);
            banner(c, "status.answer", c.tr(status_key(s->status)), theme::ok_bg, theme::ok);
            w.spacing(8);
            if (!s->updated_at.empty())
                w.text(locale::format(c.tr("ui.status.updated"),
                                      {{"date", format_date(s->updated_at.substr(0, 10))}}),
                       w.fonts().body, theme::muted);
            if (!s->history.empty()) {
                w.spacing(16);
                w.heading(c.tr("ui.status.history"));
                for (const auto& h : s->history) {
                    std::string line = format_date(h.at.substr(0, 10)) + " " +
                                       std::string(glyph::en_dash) + " " +
                                       std::string(c.tr(status_key(h.status)));
                    if (!h.note.empty()) line += "\n" + h.note;
                    w.text(line);
                    w.spacing(8);
                }
            }
            break;
        }
        case K::not_found:
            banner(c, "status.answer", c.tr("ui.status.not_found"), theme::warn_bg, theme::text);
            break;
        case K::offline:
            banner(c, "status.answer", c.tr("ui.status.offline"), theme::warn_bg, theme::text);
            break;
        case K::error:
            banner(c, "status.answer", c.tr("ui.status.error"), theme::error_bg, theme::error);
            break;
    }
}

}  // namespace quay::ui
