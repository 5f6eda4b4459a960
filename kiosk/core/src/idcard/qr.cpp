// Parsing rules of the citizen ID card's QR (cccd-qr.md §4), in order: bytes → UTF-8 →
// NFC → trim → mangled-text check → split on '|' → layout → fields → cross-checks.
#include "quay/idcard/qr.hpp"

#include <algorithm>
#include <exception>

#include "idcard/mangled.hpp"
#include "quay/text/utf8.hpp"

namespace quay::idcard {
namespace {

bool all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool is_id_digits(std::string_view s) {
    return s.size() == 12 && all_digits(s);
}

std::vector<std::string_view> split_fields(std::string_view s) {
    std::vector<std::string_view> out;
    for (;;) {
        const auto bar = s.find('|');
        out.push_back(s.substr(0, bar));
        if (bar == std::string_view::npos) return out;
        s.remove_prefix(bar + 1);
    }
}

QrError error(QrErrorCode code, std::string detail) {
    return QrError{code, std::move(detail)};
}

// The named text fields, in payload order; the 6-field variant lacks the old ID before them.
enum class Field { full_name, date_of_birth, sex, address, issue_date };

std::size_t index_of(Field f, QrLayout layout) {
    return (layout == QrLayout::standard ? 2 : 1) + static_cast<std::size_t>(f);
}

// Names the field by position and meaning, never by value (the value is personal data).
std::string describe_field(Field f, QrLayout layout) {
    static constexpr const char* names[] = {"full_name", "date_of_birth", "sex", "address",
                                            "issue_date"};
    return "field " + std::to_string(index_of(f, layout) + 1) + " (" +
           names[static_cast<std::size_t>(f)] + ")";
}

std::optional<Date> parse_ddmmyyyy(std::string_view s) {
    if (s.size() != 8 || !all_digits(s)) return std::nullopt;
    const auto num = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i)
            v = v * 10 + (s[i] - '0');
        return v;
    };
    const Date d{num(4, 4), num(2, 2), num(0, 2)};
    if (!is_valid_date(d.year, d.month, d.day)) return std::nullopt;
    return d;
}

bool has_control_character(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return b < 0x20 || b == 0x7F;
    });
}

std::variant<QrLayout, QrError> detect_layout(const std::vector<std::string_view>& f) {
    const std::size_t n = f.size();
    if (n >= 7 && is_id_digits(f[0]) &&
        (f[1].empty() || ((f[1].size() == 9 || f[1].size() == 12) && all_digits(f[1])))) {
        return QrLayout::standard;
    }
    if (n == 6 && is_id_digits(f[0]) && !all_digits(f[1])) return QrLayout::six_field;
    if (n < 6) {
        return error(QrErrorCode::unknown_layout,
                     "found " + std::to_string(n) +
                         " '|'-separated field(s); a citizen ID QR has 7 (a scanner with the "
                         "wrong keyboard layout can lose the '|' separators)");
    }
    if (!is_id_digits(f[0])) {
        return error(QrErrorCode::unknown_layout, "the first field is not a 12-digit ID number (" +
                                                      std::to_string(f[0].size()) + " characters)");
    }
    return error(QrErrorCode::unknown_layout,
                 "the second field is neither empty nor a 9- or 12-digit old ID number");
}

QrResult parse(std::string_view raw) {
    if (raw.size() > max_qr_payload_bytes) {
        return error(QrErrorCode::unknown_layout, "payload is " + std::to_string(raw.size()) +
                                                      " bytes, more than a QR code can hold");
    }
    if (const auto bad = text::find_invalid_utf8(raw)) {
        return error(QrErrorCode::invalid_encoding,
                     "invalid encoding: the payload is not UTF-8 (bad byte at offset " +
                         std::to_string(*bad) + ")");
    }
    const std::string nfc = text::to_nfc(raw);
    const std::string_view line = text::trim(nfc);
    const std::u32string cps = text::decode(line);
    if (detail::has_replacement_marks(cps)) {
        return error(QrErrorCode::mangled_text,
                     "payload contains '?' or U+FFFD: non-ASCII characters were lost in transport");
    }
    if (detail::looks_like_mojibake(cps)) {
        return error(QrErrorCode::mangled_text,
                     "payload looks like UTF-8 read as Latin-1 (e.g. \"á»\" in place of one "
                     "letter): the decoder or scanner is not set to UTF-8");
    }
    const auto fields = split_fields(line);
    const auto layout_or_error = detect_layout(fields);
    if (const auto* e = std::get_if<QrError>(&layout_or_error)) return *e;
    const QrLayout layout = std::get<QrLayout>(layout_or_error);

    const auto at = [&](Field f) { return fields[index_of(f, layout)]; };
    const auto invalid = [&](Field f, const std::string& why) {
        return error(QrErrorCode::invalid_field, describe_field(f, layout) + " " + why);
    };

    CitizenId id;
    id.layout = layout;
    id.id_number = std::string(fields[0]);
    if (layout == QrLayout::standard && !fields[1].empty())
        id.old_id_number = std::string(fields[1]);
    for (const Field f : {Field::full_name, Field::address}) {
        if (at(f).empty()) return invalid(f, "is empty");
        if (has_control_character(at(f))) return invalid(f, "contains a control character");
    }
    id.full_name = std::string(at(Field::full_name));
    id.address = std::string(at(Field::address));
    const auto dob = parse_ddmmyyyy(at(Field::date_of_birth));
    if (!dob) return invalid(Field::date_of_birth, "is not a calendar date written DDMMYYYY");
    id.date_of_birth = *dob;
    const auto issued = parse_ddmmyyyy(at(Field::issue_date));
    if (!issued) return invalid(Field::issue_date, "is not a calendar date written DDMMYYYY");
    id.issue_date = *issued;
    if (at(Field::sex) == "Nam") {
        id.sex = Sex::male;
    } else if (at(Field::sex) == "Nữ") {
        id.sex = Sex::female;
    } else {
        return invalid(Field::sex, "is neither \"Nam\" nor \"Nữ\"");
    }
    if (layout == QrLayout::standard) {
        for (std::size_t i = 7; i < fields.size(); ++i)
            id.extra_fields.emplace_back(fields[i]);
    }

    const IdNumberCheck check = check_id_number(id.id_number, {id.date_of_birth, id.sex, {}});
    // 12 digits were checked by the layout, so info is always present here.
    const IdNumberInfo& info = check.info.value();
    id.id_province_code = info.province_code;
    id.id_province_name = info.province_name;
    id.id_sex = info.sex;
    id.id_birth_year = info.birth_year;
    for (const IdNumberWarning w : check.warnings) {
        switch (w) {
            case IdNumberWarning::unknown_province_code:
                id.warnings.push_back(QrWarning::unknown_province_code);
                break;
            case IdNumberWarning::sex_mismatch_with_id:
                id.warnings.push_back(QrWarning::sex_mismatch_with_id);
                break;
            case IdNumberWarning::birth_year_mismatch_with_id:
                id.warnings.push_back(QrWarning::birth_year_mismatch_with_id);
                break;
        }
    }
    if (id.issue_date < id.date_of_birth) id.warnings.push_back(QrWarning::issue_date_before_birth);
    return id;
}

}  // namespace

const char* to_string(QrLayout l) noexcept {
    return l == QrLayout::six_field ? "6" : "7+";
}

const char* to_string(QrWarning w) noexcept {
    switch (w) {
        case QrWarning::unknown_province_code:
            return "unknown_province_code";
        case QrWarning::sex_mismatch_with_id:
            return "sex_mismatch_with_id";
        case QrWarning::birth_year_mismatch_with_id:
            return "birth_year_mismatch_with_id";
        case QrWarning::issue_date_before_birth:
            return "issue_date_before_birth";
    }
    return "unknown";
}

const char* to_string(QrErrorCode c) noexcept {
    switch (c) {
        case QrErrorCode::invalid_encoding:
            return "invalid_encoding";
        case QrErrorCode::mangled_text:
            return "mangled_text";
        case QrErrorCode::unknown_layout:
            return "unknown_layout";
        case QrErrorCode::invalid_field:
            return "invalid_field";
    }
    return "unknown";
}

QrResult parse_citizen_id_qr(std::string_view raw_bytes) noexcept {
    try {
        return parse(raw_bytes);
    } catch (const std::exception&) {
        // Only allocation failure can get here (the input is bounded and validated first);
        // the detail fits the small-string buffer, so building the error cannot throw.
        return QrError{QrErrorCode::unknown_layout, "out of memory"};
    }
}

}  // namespace quay::idcard
