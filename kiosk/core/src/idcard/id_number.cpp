#include "quay/idcard/id_number.hpp"

#include <algorithm>

namespace quay::idcard {

const char* to_string(Sex s) noexcept { return s == Sex::female ? "female" : "male"; }

const char* to_string(IdNumberError e) noexcept {
    switch (e) {
        case IdNumberError::wrong_length: return "wrong_length";
        case IdNumberError::not_digits: return "not_digits";
        case IdNumberError::birth_year_in_future: return "birth_year_in_future";
    }
    return "unknown";
}

const char* to_string(IdNumberWarning w) noexcept {
    switch (w) {
        case IdNumberWarning::unknown_province_code: return "unknown_province_code";
        case IdNumberWarning::sex_mismatch_with_id: return "sex_mismatch_with_id";
        case IdNumberWarning::birth_year_mismatch_with_id: return "birth_year_mismatch_with_id";
    }
    return "unknown";
}

std::string describe(IdNumberError e) {
    switch (e) {
        case IdNumberError::wrong_length: return "an ID number has exactly 12 digits";
        case IdNumberError::not_digits: return "an ID number has only the digits 0-9";
        case IdNumberError::birth_year_in_future:
            return "the 4th digit (sex and century) gives a birth year in the future";
    }
    return "not an ID number";
}

namespace {
bool all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
int digit(char c) { return c - '0'; }
}  // namespace

IdNumberCheck check_id_number(std::string_view id, const HolderFacts& facts) {
    IdNumberCheck check;
    if (id.size() != 12) {
        check.error = IdNumberError::wrong_length;
        return check;
    }
    if (!all_digits(id)) {
        check.error = IdNumberError::not_digits;
        return check;
    }
    IdNumberInfo info;
    info.province_code = std::string(id.substr(0, 3));
    if (const auto name = province_name(info.province_code)) {
        info.province_name = std::string(*name);
    } else {
        check.warnings.push_back(IdNumberWarning::unknown_province_code);
    }
    const int g = digit(id[3]);
    info.sex = g % 2 == 0 ? Sex::male : Sex::female;
    info.birth_year = 1900 + 100 * (g / 2) + digit(id[4]) * 10 + digit(id[5]);
    if (facts.current_year && info.birth_year > *facts.current_year) {
        check.error = IdNumberError::birth_year_in_future;
        check.warnings.clear();
        return check;
    }
    if (facts.sex && *facts.sex != info.sex) {
        check.warnings.push_back(IdNumberWarning::sex_mismatch_with_id);
    }
    if (facts.date_of_birth && facts.date_of_birth->year != info.birth_year) {
        check.warnings.push_back(IdNumberWarning::birth_year_mismatch_with_id);
    }
    check.info = std::move(info);
    return check;
}

std::string mask_id_number(std::string_view id) {
    if (id.size() != 12 || !all_digits(id)) return "****";
    return std::string(id.substr(0, 4)) + "****" + std::string(id.substr(8));
}

}  // namespace quay::idcard
