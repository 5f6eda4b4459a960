#include "quay/receipt/layout.hpp"

#include <array>
#include <set>

#include "quay/locale/words.hpp"
#include "quay/receipt/format.hpp"

namespace quay::receipt {
namespace {

using locale::format;

std::string two(int v) {
    std::string s = std::to_string(v);
    if (s.size() < 2) s.insert(s.begin(), '0');
    return s;
}

// Literal keys so the locale test can check each one exists in every language.
std::string_view weekday_name(int w, const locale::Strings& s) {
    const std::array<std::string_view, 7> names = {
        s.tr("receipt.weekday.0"), s.tr("receipt.weekday.1"), s.tr("receipt.weekday.2"),
        s.tr("receipt.weekday.3"), s.tr("receipt.weekday.4"), s.tr("receipt.weekday.5"),
        s.tr("receipt.weekday.6")};
    return names.at(static_cast<std::size_t>(w));
}

std::string_view month_name(int m, const locale::Strings& s) {
    const std::array<std::string_view, 12> names = {
        s.tr("receipt.month.1"),  s.tr("receipt.month.2"),  s.tr("receipt.month.3"),
        s.tr("receipt.month.4"),  s.tr("receipt.month.5"),  s.tr("receipt.month.6"),
        s.tr("receipt.month.7"),  s.tr("receipt.month.8"),  s.tr("receipt.month.9"),
        s.tr("receipt.month.10"), s.tr("receipt.month.11"), s.tr("receipt.month.12")};
    return names.at(static_cast<std::size_t>(m - 1));
}

std::string date_fields(std::string_view pattern, const CivilDate& d, const locale::Strings& s) {
    const auto dd = two(d.day), mm = two(d.month), yyyy = std::to_string(d.year),
               day = std::to_string(d.day);
    return format(pattern, {{"weekday", weekday_name(weekday(d), s)},
                            {"month", month_name(d.month, s)},
                            {"dd", dd},
                            {"d", day},
                            {"MM", mm},
                            {"yyyy", yyyy}});
}

std::string time_fields(std::string_view pattern, const CivilDateTime& t,
                        const locale::Strings& s) {
    const auto hh = two(t.hour), mi = two(t.minute);
    return format(date_fields(pattern, t.date, s), {{"hh", hh}, {"mm", mi}});
}

Paragraph para(std::vector<Span> spans, TextSize size = TextSize::normal,
               Align align = Align::left) {
    return Paragraph{std::move(spans), size, align, false, false};
}

// "Label: value" with the label in bold.
Paragraph field(std::string_view label, std::string value, bool bold_value = false) {
    return para({{std::string(label) + " ", true}, {std::move(value), bold_value}});
}

std::string delivery_words(const ReceiptData& d, const locale::Strings& s) {
    switch (d.delivery) {
        case DeliveryState::stored:
            return std::string(s.tr("receipt.state_stored"));
        case DeliveryState::delivered:
            return format(s.tr("receipt.state_delivered"), {{"portal_ref", d.portal_ref}});
        case DeliveryState::needs_staff:
            return std::string(s.tr("receipt.state_needs_staff"));
    }
    return {};
}

// "Take this slip and the originals to the desk; pay this; the result on that day": the
// errand is not over at the kiosk (issue 14). The fee lines are alternatives (in person or
// online, on time or late) and extras, never a sum: an amount is said only when the
// answers settled it (fee_due) or every line says the same; otherwise the officer says.
std::string fee_now(const ReceiptData& d, const locale::Strings& s) {
    const auto say = [&](std::string_view key, std::int64_t dong) {
        return format(s.tr(key), {{"amount", locale::money(s, dong)}});
    };
    if (d.fee_due) {
        if (*d.fee_due == 0) return std::string(s.tr("receipt.now.fee_none"));
        return d.payment_qr.empty() ? say("receipt.now.fee", *d.fee_due)
                                    : say("receipt.now.fee_qr", *d.fee_due);
    }
    std::set<std::int64_t> amounts;
    bool by_council = false;
    for (const auto& fee : d.fees) {
        if (fee.amount_dong)
            amounts.insert(*fee.amount_dong);
        else
            by_council = true;
    }
    const bool nothing_known = amounts.empty() || amounts == std::set<std::int64_t>{0};
    if (by_council)
        return std::string(s.tr(nothing_known ? "receipt.now.fee_council" : "receipt.now.fee_ask"));
    if (nothing_known) return std::string(s.tr("receipt.now.fee_none"));
    if (amounts.size() == 1) return say("receipt.now.fee", *amounts.begin());
    return std::string(s.tr("receipt.now.fee_ask"));
}

}  // namespace

std::string time_in_words(const CivilDateTime& t, const locale::Strings& s) {
    return time_fields(s.tr("receipt.time_words"), t, s);
}

std::string date_in_words(const CivilDate& d, const locale::Strings& s) {
    return date_fields(s.tr("receipt.date_words"), d, s);
}

std::string fee_in_words(const FeeLine& fee, const locale::Strings& s) {
    if (!fee.amount_dong) return std::string(s.tr("receipt.fee_by_council"));
    if (*fee.amount_dong == 0) return std::string(s.tr("receipt.fee_free"));
    return locale::money(s, *fee.amount_dong);
}

std::string document_tags(const DocumentLine& d, const locale::Strings& s) {
    std::string tags;
    if (d.original) tags += "[" + std::string(s.tr("receipt.tag_original")) + "]";
    if (d.copies > 0) {
        tags += "[" + std::string(s.tr("receipt.tag_copy"));
        if (d.copies > 1) tags += "×" + std::to_string(d.copies);
        tags += "]";
    }
    return tags;
}

std::string Layout::plain_text() const {
    std::string out;
    for (const auto& b : blocks) {
        if (const auto* p = std::get_if<Paragraph>(&b)) {
            for (const auto& span : p->spans)
                out += span.text;
            out += '\n';
        }
    }
    return out;
}

Layout make_layout(const ReceiptData& d, const locale::Strings& s) {
    Layout l;
    auto& b = l.blocks;
    const auto add = [&](Block block) { b.push_back(std::move(block)); };

    // Heading: who issues it, what it is (not the officer's Mẫu 01), the code.
    const std::string centre =
        d.centre_name.empty() ? std::string(s.tr("receipt.centre_default")) : d.centre_name;
    add(para({{centre, true}}, TextSize::normal, Align::centre));
    add(Rule{});
    add(para({{std::string(s.tr("receipt.title")), true}}, TextSize::large, Align::centre));
    add(para({{std::string(s.tr("receipt.subtitle")), false}}, TextSize::normal, Align::centre));
    add(Space{8});
    add(para({{std::string(s.tr("receipt.code_label")), false}}, TextSize::small, Align::centre));
    Paragraph code = para({{d.receipt_code, true}}, TextSize::huge, Align::centre);
    code.shrink_to_fit = true;
    add(std::move(code));
    if (d.queue_number) {  // the counter to go to, and the turn there
        add(Space{4});
        add(para({{format(s.tr("queue.slip"),
                          {{"number", std::to_string(*d.queue_number)}, {"field", d.queue_field}}),
                   true}},
                 TextSize::large, Align::centre));
    }
    add(Rule{});

    // What to do now, before the details (docs/receipts.md "The slip's steps").
    if (!d.personal_data_purged) {
        add(para({{std::string(s.tr("receipt.now.title")), true}}));
        const std::string result = d.expected_on ? date_in_words(*d.expected_on, s)
                                                 : std::string(s.tr("receipt.expected_by_rule"));
        int step = 0;
        for (const auto& line : {std::string(s.tr("receipt.now.go")), fee_now(d, s),
                                 format(s.tr("receipt.now.result"), {{"date", result}})}) {
            Paragraph item = para({{std::to_string(++step) + ". ", true}, {line, false}});
            item.hanging = true;
            add(std::move(item));
        }
        add(Rule{});
    }

    // What, who, which office.
    const std::string procedure = d.procedure_name.empty() ? d.procedure_code : d.procedure_name;
    add(field(s.tr("receipt.procedure"), procedure, true));
    add(para({{format(s.tr("receipt.procedure_code"), {{"code", d.procedure_code}}), false}},
             TextSize::small));
    if (!d.personal_data_purged) add(field(s.tr("receipt.applicant"), d.applicant_name));
    if (!d.phone_masked.empty()) add(field(s.tr("receipt.phone"), d.phone_masked));
    if (!d.agency.empty()) add(field(s.tr("receipt.agency"), d.agency));

    // Documents, tagged original/copy.
    add(Space{6});
    if (d.personal_data_purged) {
        add(para({{std::string(s.tr("receipt.purged")), false}}, TextSize::small));
    } else {
        add(para({{std::string(s.tr("receipt.documents")), true}}));
    }
    if (d.documents.empty() && !d.personal_data_purged) {
        add(para({{std::string(s.tr("receipt.no_documents")), false}}));
    }
    int n = 0;
    for (const auto& doc : d.documents) {
        Paragraph item = para({{"(" + std::to_string(++n) + ") ", false},
                               {document_tags(doc, s) + " " + doc.name, false}});
        item.hanging = true;
        add(std::move(item));
    }
    if (!d.documents.empty()) {
        add(para({{std::string(s.tr("receipt.tag_legend")), false}}, TextSize::small));
    }

    // When: received, provisional appointment, where.
    add(Space{6});
    add(field(s.tr("receipt.received_at"), time_in_words(d.received_at, s)));
    if (d.expected_on) {
        add(field(s.tr("receipt.expected"), date_in_words(*d.expected_on, s), true));
        const auto days = d.processing_days.value_or(0);
        const auto note = days == 0 ? std::string(s.tr("receipt.expected_note_same_day"))
                                    : locale::count(s, "receipt.expected_note", days);
        add(para({{note, false}}, TextSize::small));
    } else {
        add(field(s.tr("receipt.expected"), std::string(s.tr("receipt.expected_by_rule")), true));
        if (!d.processing_time.empty()) add(para({{d.processing_time, false}}, TextSize::small));
    }
    add(field(s.tr("receipt.result_at"),
              d.result_at.empty() ? std::string(s.tr("receipt.result_at_unknown")) : d.result_at));

    // Fees: the kiosk takes no money.
    if (!d.fees.empty()) {
        add(Space{6});
        add(para({{std::string(s.tr("receipt.fees")), true}}));
        for (const auto& fee : d.fees) {
            Paragraph item =
                para({{"– ", false}, {fee.name + ": ", false}, {fee_in_words(fee, s), true}});
            item.hanging = true;
            add(std::move(item));
        }
    }
    // The fee's VietQR under the fees it pays, not beside the status QR: on 58 mm paper two
    // QRs side by side would each get modules too small for a phone's camera.
    if (!d.payment_qr.empty()) {
        add(Space{6});
        add(para({{format(s.tr("receipt.pay_qr"),
                          {{"amount", fee_in_words(FeeLine{{}, d.payment_amount_dong}, s)}}),
                   true}},
                 TextSize::normal, Align::centre));
        add(QrBlock{d.payment_qr});
        l.payment_qr = d.payment_qr;
        if (!d.payment_account_name.empty())
            add(para({{format(s.tr("receipt.pay_to"), {{"name", d.payment_account_name}}), false}},
                     TextSize::small, Align::centre));
        add(para({{std::string(s.tr("receipt.pay_note")), false}}, TextSize::small, Align::centre));
    }

    // Where the dossier is, honestly; then the QR for the status lookup.
    add(Rule{});
    add(para(
        {{std::string(s.tr("receipt.state_label")) + " ", true}, {delivery_words(d, s), true}}));
    add(Space{8});
    add(QrBlock{d.status_url});
    l.qr_payload = d.status_url;
    add(para({{std::string(s.tr("receipt.qr_hint")), false}}, TextSize::small, Align::centre));
    add(Space{6});
    add(para({{std::string(s.tr("receipt.bring")), true}}, TextSize::normal, Align::centre));
    add(para({{std::string(s.tr("receipt.not_official")), false}}, TextSize::small, Align::centre));
    add(Space{6});
    add(para({{format(s.tr("receipt.footer"),
                      {{"kiosk_id", d.kiosk_id},
                       {"time", time_fields(s.tr("receipt.time_short"), d.printed_at, s)}}),
               false}},
             TextSize::small, Align::centre));
    return l;
}

Layout make_bundle_layout(std::string_view bundle_name, const std::vector<ReceiptData>& dossiers,
                          const locale::Strings& s) {
    Layout l;
    if (dossiers.empty()) return l;
    auto& b = l.blocks;
    const auto& first = dossiers.front();
    const std::string centre =
        first.centre_name.empty() ? std::string(s.tr("receipt.centre_default")) : first.centre_name;
    b.push_back(para({{centre, true}}, TextSize::normal, Align::centre));
    b.push_back(Rule{});
    b.push_back(
        para({{std::string(s.tr("receipt.bundle.title")), true}}, TextSize::large, Align::centre));
    b.push_back(para({{std::string(bundle_name), false}}, TextSize::normal, Align::centre));
    b.push_back(Space{8});
    const auto total = std::to_string(dossiers.size());
    b.push_back(para({{format(s.tr("receipt.bundle.count"), {{"n", total}}), false}}));
    int n = 0;
    for (const auto& d : dossiers) {
        const std::string name = d.procedure_name.empty() ? d.procedure_code : d.procedure_name;
        Paragraph item = para(
            {{std::to_string(++n) + ". ", true}, {name + ": ", false}, {d.receipt_code, true}});
        item.hanging = true;
        b.push_back(std::move(item));
    }
    n = 0;
    for (const auto& d : dossiers) {
        b.push_back(Space{12});
        b.push_back(Rule{});
        b.push_back(para(
            {{format(s.tr("receipt.bundle.part"), {{"n", std::to_string(++n)}, {"total", total}}),
              true}},
            TextSize::normal, Align::centre));
        Layout part = make_layout(d, s);
        for (auto& block : part.blocks)
            b.push_back(std::move(block));
        if (l.qr_payload.empty()) l.qr_payload = part.qr_payload;
        if (l.payment_qr.empty()) l.payment_qr = part.payment_qr;
    }
    return l;
}

}  // namespace quay::receipt
