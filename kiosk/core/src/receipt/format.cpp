#include "quay/receipt/format.hpp"

#include <cctype>

namespace quay::receipt {

std::string mask_phone(std::string_view phone) {
    std::string digits;
    for (const char c : phone) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    }
    if (digits.size() < 7) return {};
    // Keep the first two (network) and last three digits; group as 4-3-3.
    std::string masked = digits;
    for (std::size_t i = 2; i + 3 < masked.size(); ++i)
        masked[i] = 'x';
    std::string out;
    const std::size_t head = masked.size() - 6;
    for (std::size_t i = 0; i < masked.size(); ++i) {
        if (i == head || i == head + 3) out += ' ';
        out += masked[i];
    }
    return out;
}

std::string status_url(std::string_view url_template, std::string_view receipt_code) {
    static constexpr std::string_view placeholder = "{receipt_code}";
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string code;
    for (const char c : receipt_code) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
            code += c;
        } else {
            code += '%';
            code += hex[u >> 4];
            code += hex[u & 15];
        }
    }
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const auto at = url_template.find(placeholder, pos);
        if (at == std::string_view::npos) break;
        out.append(url_template.substr(pos, at - pos));
        out += code;
        pos = at + placeholder.size();
    }
    out.append(url_template.substr(pos));
    return out;
}

}  // namespace quay::receipt
