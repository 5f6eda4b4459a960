// After confirming: saving, the receipt screen; and the status lookup.
#include <cstdio>

#include "quay/error.hpp"
#include "quay/flow/status_meaning.hpp"
#include "quay/receipt/civil_time.hpp"
#include "quay/receipt/format.hpp"
#include "quay/receipt/qr.hpp"
#include "quay/ui/glyphs.hpp"
#include "quay/ui/theme.hpp"
#include "screens/screen.hpp"

namespace quay::ui {

namespace {

// The printed receipt's QR code (the same encoder and error correction), drawn as
// rectangles (no texture) with its quiet zone.
void draw_qr(Ctx& c, const std::string& payload, float size, std::string_view id = "receipt.qr") {
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
    c.w.record(id, payload, a, ImVec2(a.x + side, a.y + side));
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

struct ToneLook {
    ImU32 bg, fg;
};

ToneLook look_of(const Palette& p, flow::StatusTone t) {
    switch (t) {
        case flow::StatusTone::success:
            return {p.ok_bg, p.ok};
        case flow::StatusTone::attention:
            return {p.warn_bg, p.warn};
        case flow::StatusTone::refused:
            return {p.error_bg, p.error};
        case flow::StatusTone::waiting:
            break;
    }
    return {p.info_bg, p.focus};
}

// The state's sign, drawn (the font has no such glyphs): a tick for success, "!" for
// something to bring, a cross for a refusal, a clock while waiting. Colour is never the
// only cue.
void status_icon(ImDrawList* dl, ImVec2 o, float r, flow::StatusTone t, ImU32 fg) {
    const ImU32 white = IM_COL32_WHITE;
    const float th = r * 0.2f;
    dl->AddCircleFilled(o, r, fg, 48);
    auto at = [&](float x, float y) { return ImVec2(o.x + x * r, o.y + y * r); };
    switch (t) {
        case flow::StatusTone::success: {
            const ImVec2 tick[] = {at(-0.45f, 0.02f), at(-0.12f, 0.35f), at(0.45f, -0.3f)};
            dl->AddPolyline(tick, 3, white, 0, th);
            break;
        }
        case flow::StatusTone::attention:
            dl->AddLine(at(0, -0.55f), at(0, 0.15f), white, th);
            dl->AddCircleFilled(at(0, 0.45f), th * 0.7f, white);
            break;
        case flow::StatusTone::refused:
            dl->AddLine(at(-0.38f, -0.38f), at(0.38f, 0.38f), white, th);
            dl->AddLine(at(-0.38f, 0.38f), at(0.38f, -0.38f), white, th);
            break;
        case flow::StatusTone::waiting:
            dl->AddCircle(o, r * 0.6f, white, 48, th * 0.7f);
            dl->AddLine(o, at(0, -0.38f), white, th * 0.7f);
            dl->AddLine(o, at(0.28f, 0), white, th * 0.7f);
            break;
    }
}

// When the answer was true: the portal's last update, or when this kiosk saved the dossier
// it still holds (its local time, as on the slip).
std::string status_date_line(Ctx& c, const flow::StatusAnswer& s) {
    if (s.updated_at.empty()) return {};
    if (s.source == flow::StatusAnswer::Source::kiosk) {
        try {
            const auto t = receipt::parse_rfc3339_local(s.updated_at);
            char hm[6];
            std::snprintf(hm, sizeof hm, "%02d:%02d", t.hour, t.minute);
            return locale::format(
                c.tr("ui.status.saved_here"),
                {{"time", hm}, {"date", format_date(s.updated_at.substr(0, 10))}});
        } catch (const std::exception&) {
        }
    }
    return locale::format(c.tr("ui.status.updated"),
                          {{"date", format_date(s.updated_at.substr(0, 10))}});
}

// The answer as one panel: sign, headline, the sentence, the date; coloured by meaning.
void status_panel(Ctx& c, const flow::StatusAnswer& s) {
    Widgets& w = c.w;
    const auto meaning = flow::status_meaning(s.status);
    const ToneLook look = look_of(c.w.colors(), meaning.tone);
    const float pad = w.px(theme::pad);
    const float r = w.px(40);
    const float text_x = pad + 2 * r + pad;
    const float text_w = c.width - text_x - pad;
    const std::string headline(c.tr(meaning.headline));
    std::string detail(c.tr(meaning.detail));
    const std::string date = status_date_line(c, s);
    ImFont* head = w.fonts().heading;
    ImFont* body = w.fonts().body;
    const float gap = w.px(8);
    float h = w.text_height(headline, head, text_w) + gap + w.text_height(detail, body, text_w);
    if (!date.empty()) h += gap + w.text_height(date, body, text_w);
    h = std::max(h, 2 * r) + 2 * pad;
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const ImVec2 b(a.x + c.width, a.y + h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, look.bg, w.px(theme::rounding));
    dl->AddRectFilled(a, ImVec2(a.x + w.px(10), b.y), look.fg, w.px(theme::rounding),
                      ImDrawFlags_RoundCornersLeft);
    status_icon(dl, ImVec2(a.x + pad + r, a.y + pad + r), r, meaning.tone, look.fg);
    ImVec2 p(a.x + text_x, a.y + pad);
    p.y = draw_wrapped_text(dl, head, p, text_w, look.fg, headline).y + line_height(head) + gap;
    p.y =
        draw_wrapped_text(dl, body, p, text_w, w.colors().text, detail).y + line_height(body) + gap;
    if (!date.empty()) draw_wrapped_text(dl, body, p, text_w, w.colors().muted, date);
    w.record("status.answer", headline, a, b);
    ImGui::Dummy(ImVec2(c.width, h));
}

}  // namespace

void draw_saving(Ctx& c) {
    c.w.spacing(40);
    c.w.heading(c.tr("ui.saving.message"));
    c.w.text(c.tr("ui.saving.wait"), c.w.fonts().body, c.w.colors().muted);
}

namespace {

// GOV.UK's "what happens next", for a counter: the slip (or the code), the originals to
// bring, how long it takes. The dossier is not finished until staff have seen them.
void what_to_do_now(Ctx& c, const flow::ReceiptInfo& r) {
    Widgets& w = c.w;
    // A bundle: every procedure's documents, each under its name.
    std::vector<const catalog::Procedure*> procedures;
    for (const auto& b : c.session().bundle_receipts)
        if (const auto* p = c.k.catalog().find(b.procedure_code)) procedures.push_back(p);
    if (procedures.empty())
        if (const auto* p = c.k.catalog().find(r.procedure_code)) procedures.push_back(p);
    const ImVec2 top = card(c, {w.colors().info_bg, 0, w.colors().focus}, [&](float inner) {
        w.text(c.tr("ui.receipt.now_title"), w.fonts().heading, w.colors().text, inner);
        w.spacing(8);
        const bool printed = r.print == flow::PrintState::printed;
        w.text("1. " + std::string(
                           c.tr(printed ? "ui.receipt.now.take_slip" : "ui.receipt.now.note_code")),
               w.fonts().bold, w.colors().text, inner);
        w.spacing(8);
        w.text("2. " + std::string(c.tr("ui.receipt.now.go_counter")), w.fonts().bold,
               w.colors().text, inner);
        for (const auto* p : procedures) {
            if (procedures.size() > 1) {
                w.spacing(8);
                w.text(c.t(p->name), w.fonts().bold, w.colors().text, inner);
            }
            for (const auto& d : p->documents)
                w.text(std::string(glyph::bullet) + " " + c.t(d.name) + " " +
                           std::string(glyph::en_dash) + " " + document_kind(c, d),
                       w.fonts().body, w.colors().text, inner);
            if (!p->processing_time.empty()) {
                w.spacing(8);
                w.text(locale::format(c.tr("ui.receipt.now.time"),
                                      {{"time", c.t(p->processing_time)}}),
                       w.fonts().body, w.colors().muted, inner);
            }
        }
    });
    w.record("receipt.now", c.tr("ui.receipt.now_title"), top,
             ImVec2(top.x + c.width, ImGui::GetCursorScreenPos().y));
}

// The fee's VietQR, the slip's payload (payment::fee_qr): the amount, the payee to check,
// and that the kiosk itself takes no money.
void fee_payment(Ctx& c, const flow::ReceiptInfo& r) {
    Widgets& w = c.w;
    const ImVec2 top = card(c, {w.colors().card, w.colors().border}, [&](float inner) {
        w.text(
            locale::format(c.tr("fee.receipt.title"), {{"amount", c.money(r.payment_amount_dong)}}),
            w.fonts().heading, w.colors().text, inner);
        w.text(c.tr("fee.receipt.scan"), w.fonts().body, w.colors().text, inner);
        if (!r.payment_account_name.empty())
            w.text(locale::format(c.tr("fee.receipt.payee"), {{"name", r.payment_account_name}}),
                   w.fonts().bold, w.colors().text, inner);
        w.spacing(8);
        draw_qr(c, r.payment_qr, std::min(inner, w.px(420)), "receipt.payment_qr");
    });
    w.record("receipt.fee", c.money(r.payment_amount_dong), top,
             ImVec2(top.x + c.width, ImGui::GetCursorScreenPos().y));
}

// The counter queue number (config queue.numbers): which counter, and the turn there.
void queue_number_line(Ctx& c, const flow::ReceiptInfo& r) {
    const auto* p = c.k.catalog().find(r.procedure_code);
    const std::string said =
        locale::format(c.tr("queue.screen"), {{"number", std::to_string(*r.queue_number)},
                                              {"field", p ? c.t(p->field) : std::string()}});
    c.w.spacing(12);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    c.w.text(said, c.w.fonts().heading, c.w.colors().text, c.width);
    c.w.record("receipt.queue_number", said, at, ImGui::GetItemRectMax());
}

// One face of the rating: 1 unhappy .. 4 very happy, the mouth's curve says which.
bool face_button(Ctx& c, int value, float width) {
    Widgets& w = c.w;
    const std::string id = "rating:" + std::to_string(value);
    constexpr std::string_view labels[] = {"rating.value.1", "rating.value.2", "rating.value.3",
                                           "rating.value.4"};
    const std::string label(c.tr(labels[value - 1]));
    ImFont* font = w.fonts().body;
    const float radius = std::min(width * 0.3f, w.px(56));
    const float height = 2 * radius + w.px(24) + font->FontSize * 2.4f;
    const bool tapped = w.tap_area(id, ImVec2(width, height), flow::ItemKind::button, label);
    const bool held = ImGui::IsItemActive();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, held ? c.w.colors().card_pressed : c.w.colors().card,
                      w.px(theme::rounding));
    dl->AddRect(a, b, c.w.colors().border, w.px(theme::rounding), 0, w.px(2));
    const ImVec2 centre(a.x + width / 2, a.y + w.px(12) + radius);
    const float line = w.px(4);
    dl->AddCircle(centre, radius, c.w.colors().text, 48, line);
    for (const float side : {-1.0f, 1.0f})
        dl->AddCircleFilled(ImVec2(centre.x + side * radius * 0.35f, centre.y - radius * 0.25f),
                            radius * 0.1f, c.w.colors().text);
    constexpr float curve[] = {-1.0f, -0.4f, 0.4f, 1.0f};  // frown .. broad smile
    const float k = curve[value - 1] * radius * 0.25f;
    ImVec2 mouth[17];
    for (int i = 0; i < 17; ++i) {
        const float t = static_cast<float>(i - 8) / 8;  // -1 .. 1
        mouth[i] = ImVec2(centre.x + t * radius * 0.5f,
                          centre.y + radius * 0.4f + k * (1 - t * t) - k * 0.5f);
    }
    dl->AddPolyline(mouth, 17, c.w.colors().text, 0, line);
    const ImVec2 size =
        font->CalcTextSizeA(font->FontSize, width - w.px(8), width - w.px(8), label.c_str());
    dl->AddText(font, font->FontSize,
                ImVec2(a.x + (width - size.x) / 2, centre.y + radius + w.px(8)), c.w.colors().text,
                label.c_str(), nullptr, width - w.px(8));
    w.record(id, label, a, b);
    return tapped;
}

// The one-tap rating (QĐ 1565's satisfaction measure): once per slip, nothing of the
// dossier goes with it (docs/receipts.md "Rating").
void rating_row(Ctx& c, const flow::ReceiptInfo& r) {
    Widgets& w = c.w;
    w.spacing(16);
    if (r.rating != 0) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        w.text(c.tr("rating.thanks"), w.fonts().bold, c.w.colors().ok, c.width);
        w.record("rating.thanks", c.tr("rating.thanks"), at, ImGui::GetItemRectMax());
        return;
    }
    w.text(c.tr("rating.ask"), w.fonts().heading, c.w.colors().text, c.width);
    w.text(c.tr("rating.private"), w.fonts().body, c.w.colors().muted, c.width);
    w.spacing(8);
    const float gap = w.px(theme::gap);
    const float each = (c.width - 3 * gap) / 4;
    for (int v = 1; v <= 4; ++v) {
        if (v > 1) ImGui::SameLine(0, gap);
        if (face_button(c, v, each)) c.emit(flow::intent::Rate{v});
    }
}

}  // namespace

namespace {

// The same status URL as the printed receipt's QR (one builder: receipt::status_url).
std::string status_payload(const Ctx& c, const flow::ReceiptInfo& r) {
    return receipt::status_url(c.status_url, r.receipt_code);
}

// A bundle's dossiers (docs/bundles.md): each procedure with its own code, whether the
// portal has it, and its status QR, in the bundle's order.
void bundle_codes(Ctx& c) {
    Widgets& w = c.w;
    const auto& rs = c.session().bundle_receipts;
    w.text(c.tr("bundle.receipt.codes"), w.fonts().body, w.colors().muted, c.width);
    for (std::size_t i = 0; i < rs.size(); ++i) {
        const auto& r = rs[i];
        const auto* p = c.k.catalog().find(r.procedure_code);
        const std::string n = std::to_string(i);
        w.spacing(12);
        card(c, {w.colors().card, w.colors().border}, [&](float inner) {
            w.text(locale::format(c.tr("bundle.form.procedure"),
                                  {{"n", std::to_string(i + 1)},
                                   {"total", std::to_string(rs.size())},
                                   {"name", p ? c.t(p->name) : r.procedure_code}}),
                   w.fonts().bold, w.colors().muted, inner);
            const ImVec2 at = ImGui::GetCursorScreenPos();
            w.text(r.receipt_code, w.font_set().code, w.colors().text, inner);
            w.record("receipt.code:" + n, r.receipt_code, at, ImGui::GetItemRectMax());
            // No portal reference here: the dossiers of a bundle reach the portal in either
            // order, and each one's reference is on its part of the printed receipt.
            const std::string state = std::string(
                c.tr(r.delivered ? "bundle.receipt.delivered" : "bundle.receipt.pending"));
            const ImVec2 s_at = ImGui::GetCursorScreenPos();
            w.text(state, w.fonts().bold, r.delivered ? w.colors().ok : w.colors().text, inner);
            w.record("receipt.delivery:" + n, state, s_at, ImGui::GetItemRectMax());
            w.spacing(8);
            draw_qr(c, status_payload(c, r), std::min(inner, w.px(300)), "receipt.qr:" + n);
        });
    }
}

}  // namespace

void draw_receipt(Ctx& c) {
    const auto& r = c.session().receipt;
    if (!r) return;
    Widgets& w = c.w;
    // Landscape: what to do now beside the code and the delivery state, both above the fold.
    const float full = c.width, gap = w.px(theme::margin);
    const bool two_columns = full > w.px(1400);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    if (two_columns) {
        c.width = (full - gap) / 2;
        ImGui::BeginGroup();
    }
    const auto& bundle = c.session().bundle_receipts;
    banner(c, "receipt.saved",
           bundle.empty() ? std::string(c.tr("ui.receipt.saved"))
                          : locale::format(c.tr("bundle.receipt.saved"),
                                           {{"n", std::to_string(bundle.size())}}),
           w.colors().ok_bg, w.colors().ok);
    w.spacing(16);
    if (!bundle.empty()) {
        bundle_codes(c);
    } else {
        // Column-wide texts: in landscape the next column starts beside them.
        w.text(c.tr("ui.receipt.code_label"), w.fonts().bold, w.colors().muted, c.width);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        w.text(r->receipt_code, w.font_set().code, w.colors().text, c.width);
        w.record("receipt.code", r->receipt_code, at, ImGui::GetItemRectMax());
        w.text(c.tr("ui.receipt.which_code"), w.fonts().body, c.w.colors().muted, c.width);
    }
    for (const auto& q : bundle.empty() ? std::vector<flow::ReceiptInfo>{*r} : bundle)
        if (q.queue_number) queue_number_line(c, q);
    w.spacing(16);
    if (!two_columns) {
        what_to_do_now(c, *r);
        w.spacing(16);
    }
    if (!bundle.empty()) {
        // Each dossier's delivery is in its card above.
    } else if (r->delivered) {
        banner(c, "receipt.delivery",
               locale::format(c.tr("ui.receipt.delivered"), {{"ref", r->portal_ref}}),
               w.colors().ok_bg, w.colors().ok);
    } else {
        banner(c, "receipt.delivery", c.tr("ui.receipt.pending"), w.colors().warn_bg,
               w.colors().text);
    }
    w.spacing(12);
    using flow::PrintState;
    bool show_qr = false;
    switch (r->print) {
        case PrintState::none:
        case PrintState::printing:
            banner(c, "receipt.print", c.tr("ui.receipt.printing"), w.colors().warn_bg,
                   w.colors().text);
            break;
        case PrintState::printed:
            banner(c, "receipt.print", c.tr("ui.receipt.printed"), w.colors().ok_bg, w.colors().ok);
            break;
        case PrintState::paper_out:
            banner(c, "receipt.print", c.tr("ui.receipt.print_paper_out"), w.colors().error_bg,
                   w.colors().error);
            show_qr = true;
            break;
        case PrintState::offline:
        case PrintState::error:
            banner(c, "receipt.print", c.tr("ui.receipt.print_failed"), w.colors().error_bg,
                   w.colors().error);
            show_qr = true;
            break;
        case PrintState::no_printer:
            banner(c, "receipt.print", c.tr("ui.receipt.no_printer"), w.colors().warn_bg,
                   w.colors().text);
            show_qr = true;
            break;
    }
    w.spacing(12);
    if (show_qr)
        w.text(c.tr("ui.receipt.photograph"), w.fonts().bold, w.colors().text, c.width);
    else
        w.text(c.tr("ui.receipt.qr_hint"), w.fonts().body, w.colors().muted, c.width);
    w.spacing(8);
    if (bundle.empty()) {  // a bundle's QRs are in its cards
        draw_qr(c, status_payload(c, *r), std::min(c.width, w.px(420)));
        w.spacing(12);
    }
    for (const auto& q : bundle.empty() ? std::vector<flow::ReceiptInfo>{*r} : bundle) {
        if (q.payment_qr.empty()) continue;
        fee_payment(c, q);
        w.spacing(12);
    }
    if (two_columns) {
        ImGui::EndGroup();
        const float left_bottom = ImGui::GetItemRectMax().y;
        ImGui::SetCursorScreenPos(ImVec2(start.x + c.width + gap, start.y));
        ImGui::BeginGroup();
        what_to_do_now(c, *r);
        ImGui::EndGroup();
        ImGui::SetCursorScreenPos(
            ImVec2(start.x, std::max(left_bottom, ImGui::GetItemRectMax().y) + w.px(12)));
        ImGui::Dummy(ImVec2(full, 0));
        c.width = full;
    }
    rating_row(c, *r);
}

void draw_status(Ctx& c) {
    Widgets& w = c.w;
    w.text(c.tr("ui.status.intro"));
    w.spacing(16);
    plain_field_box(c, flow::key::status_code, c.tr("ui.status.code"));
    w.spacing(12);
    plain_field_box(c, flow::key::status_last4, c.tr("ui.status.last4"));
    w.spacing(16);
    w.text(c.tr("ui.status.scan_hint"), w.fonts().body, w.colors().muted);
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
            if (const auto* p = c.k.catalog().find(s->procedure_code)) {
                w.text(c.tr("ui.status.procedure"), w.fonts().bold, w.colors().muted);
                w.text(c.t(p->name), w.fonts().bold);
                w.spacing(8);
            }
            w.text(c.tr("ui.status.code"), w.fonts().bold, w.colors().muted);
            w.heading(s->receipt_code);
            w.spacing(12);
            status_panel(c, *s);
            w.spacing(16);
            w.heading(c.tr("ui.status.next_title"));
            w.text(c.tr(flow::status_meaning(s->status).next));
            if (!s->history.empty()) {
                w.spacing(16);
                w.heading(c.tr("ui.status.history"));
                for (const auto& h : s->history) {
                    std::string line = format_date(h.at.substr(0, 10)) + " " +
                                       std::string(glyph::en_dash) + " " +
                                       std::string(c.tr(flow::status_meaning(h.status).detail));
                    if (!h.note.empty()) line += "\n" + h.note;
                    w.text(line);
                    w.spacing(8);
                }
            }
            break;
        }
        case K::not_found:
            banner(c, "status.answer", c.tr("ui.status.not_found"), w.colors().warn_bg,
                   w.colors().text);
            break;
        case K::offline:
            banner(c, "status.answer", c.tr("ui.status.offline"), w.colors().warn_bg,
                   w.colors().text);
            break;
        case K::error:
            banner(c, "status.answer", c.tr("ui.status.error"), w.colors().error_bg,
                   w.colors().error);
            break;
    }
}

}  // namespace quay::ui
