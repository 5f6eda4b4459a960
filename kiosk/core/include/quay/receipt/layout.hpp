#pragma once
// The receipt laid out once, independent of paper width: a list of blocks (paragraphs of
// styled text, rules, spaces, the QR code). renderer.hpp wraps it to 576 or 384 dots.

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "quay/locale/locale.hpp"
#include "quay/receipt/receipt_data.hpp"

namespace quay::receipt {

enum class TextSize { small, normal, large, huge };
enum class Align { left, centre };

struct Span {
    std::string text;  // NFC UTF-8; '\n' forces a line break
    bool bold = false;
};

struct Paragraph {
    std::vector<Span> spans;
    TextSize size = TextSize::normal;
    Align align = Align::left;
    // Wrapped lines start under the second span (list items: "(1) " then the text).
    bool hanging = false;
    // One short line (the receipt code): a smaller size rather than a break, if it helps.
    bool shrink_to_fit = false;
};

struct Rule {};  // a thin line across the paper

struct Space {
    int dots = 0;  // at the printer's 8 dots/mm
};

struct QrBlock {
    std::string payload;
};

using Block = std::variant<Paragraph, Rule, Space, QrBlock>;

struct Layout {
    std::vector<Block> blocks;
    std::string qr_payload;  // the status QR (also a QrBlock in blocks)
    std::string payment_qr;  // the fee's VietQR, when there is one (also a QrBlock)

    // Every paragraph's text, one paragraph a line (for tests and logs).
    std::string plain_text() const;
};

// Words from strings (locale "receipt.*" keys of data.language).
Layout make_layout(const ReceiptData& data, const locale::Strings& strings);

// One receipt for a liên thông bundle (docs/bundles.md): a heading that lists every
// procedure with its own code, then each dossier's whole receipt (make_layout) in the
// bundle's order, each with its own status QR, so every dossier is found by its code and
// the part for one office can be cut off for it. qr_payload: the first dossier's.
Layout make_bundle_layout(std::string_view bundle_name, const std::vector<ReceiptData>& dossiers,
                          const locale::Strings& strings);

// "09 giờ 15 phút, ngày 22 tháng 11 năm 2026" / "09:15, 22 November 2026"
std::string time_in_words(const CivilDateTime& t, const locale::Strings& strings);
// "Thứ Ba, ngày 25 tháng 11 năm 2026" / "Tuesday 25 November 2026"
std::string date_in_words(const CivilDate& d, const locale::Strings& strings);
// "8.000 đ", "Miễn phí", "Do HĐND tỉnh quy định"
std::string fee_in_words(const FeeLine& fee, const locale::Strings& strings);
// "[BC][BS×2]": original and copies, as the slip tags documents
std::string document_tags(const DocumentLine& d, const locale::Strings& strings);

}  // namespace quay::receipt
