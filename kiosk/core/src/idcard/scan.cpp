#include "quay/idcard/scan.hpp"

namespace quay::idcard {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_upper_alnum(char c) {
    return (c >= 'A' && c <= 'Z') || is_digit(c);
}
bool is_alnum(char c) {
    return is_upper_alnum(c) || (c >= 'a' && c <= 'z');
}

// Length of "-YYMMDD-NNNN" at text[i] (starting at the dash), or 0.
std::size_t date_and_sequence(std::string_view t, std::size_t i) {
    if (i + 12 > t.size() || t[i] != '-' || t[i + 7] != '-') return 0;
    for (std::size_t k : {1, 2, 3, 4, 5, 6, 8, 9, 10, 11}) {
        if (!is_digit(t[i + k])) return 0;
    }
    const int month = (t[i + 3] - '0') * 10 + (t[i + 4] - '0');
    const int day = (t[i + 5] - '0') * 10 + (t[i + 6] - '0');
    if (month < 1 || month > 12 || day < 1 || day > 31) return 0;
    if (i + 12 < t.size() && is_alnum(t[i + 12])) return 0;
    return 12;
}

}  // namespace

std::optional<std::string> find_receipt_code(std::string_view t) {
    for (std::size_t start = 0; start < t.size(); ++start) {
        if (!is_upper_alnum(t[start]) || (start > 0 && is_alnum(t[start - 1]))) continue;
        std::size_t end = start;
        while (end < t.size() && end - start < 16 && is_upper_alnum(t[end]))
            ++end;
        if (const auto n = date_and_sequence(t, end))
            return std::string(t.substr(start, end - start + n));
    }
    return std::nullopt;
}

Scan classify_scan(std::string_view raw) noexcept {
    try {
        // A card's payload always has '|' separators; a receipt QR (a URL, which may hold
        // '?') or a typed code never does.
        if (raw.find('|') == std::string_view::npos && raw.size() <= 2048) {
            if (auto code = find_receipt_code(raw)) return ReceiptCodeScan{std::move(*code)};
        }
        const auto qr = parse_citizen_id_qr(raw);
        if (const auto* id = std::get_if<CitizenId>(&qr)) return *id;
        const auto& err = std::get<QrError>(qr);
        // A card's payload that failed (lost letters, a bad date) is reported as such,
        // not searched for a receipt code.
        if (err.code != QrErrorCode::unknown_layout) {
            return UnrecognisedScan{std::string("citizen ID QR rejected (") + to_string(err.code) +
                                    "): " + err.detail};
        }
        return UnrecognisedScan{"neither a citizen ID card QR nor a receipt code"};
    } catch (...) {
        return UnrecognisedScan{"the scan could not be read"};
    }
}

}  // namespace quay::idcard
