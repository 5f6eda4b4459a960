#pragma once
// The 12-digit personal ID number (số định danh cá nhân) printed on the citizen ID card:
// PPP G YY SSSSSS = birth-registration province, sex+century digit, birth year, serial.
// There is no checksum, so a check can only test the structure and its agreement with
// the holder's date of birth and sex. Usable alone by form validation.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quay::idcard {

enum class Sex { male, female };
const char* to_string(Sex) noexcept;  // "male" | "female"

// A calendar date (proleptic Gregorian).
struct Date {
    int year = 0;
    int month = 0;
    int day = 0;
    std::string iso() const;  // YYYY-MM-DD
    friend bool operator==(const Date&, const Date&) = default;
    friend auto operator<=>(const Date&, const Date&) = default;
};
bool is_valid_date(int year, int month, int day) noexcept;

// Why an ID number is not one (the number cannot be used).
enum class IdNumberError {
    wrong_length,          // not exactly 12 characters
    not_digits,            // a character other than 0-9
    birth_year_in_future,  // the century digit gives a year after facts.current_year
};
// Things staff should look at; the number is still usable.
enum class IdNumberWarning {
    unknown_province_code,        // not one of the 63 codes (may be a country code)
    sex_mismatch_with_id,         // the holder's sex disagrees with digit 4
    birth_year_mismatch_with_id,  // the holder's birth year disagrees with digits 4-6
};
const char* to_string(IdNumberError) noexcept;    // the enum name, e.g. "wrong_length"
const char* to_string(IdNumberWarning) noexcept;  // e.g. "sex_mismatch_with_id"
std::string describe(IdNumberError);              // a plain English sentence for logs

// What the digits say.
struct IdNumberInfo {
    std::string province_code;                // digits 1-3, e.g. "079"
    std::optional<std::string> province_name; // "TP. Hồ Chí Minh"; nullopt when unknown
    Sex sex = Sex::male;                      // digit 4: even male, odd female
    int birth_year = 0;                       // 1900 + 100 * (g / 2) + YY
};

// What else is known about the holder, to cross-check. All optional.
struct HolderFacts {
    std::optional<Date> date_of_birth;
    std::optional<Sex> sex;
    std::optional<int> current_year;  // when set, a birth year after it is an error
};

struct IdNumberCheck {
    std::optional<IdNumberInfo> info;    // set when the number is usable
    std::optional<IdNumberError> error;  // set when it is not
    std::vector<IdNumberWarning> warnings;
    bool ok() const noexcept { return info.has_value(); }
};

// Checks exactly the given text (no trimming: a field validator trims first if it wants).
IdNumberCheck check_id_number(std::string_view id, const HolderFacts& facts = {});

// Province of a 3-digit code as it was before the 2025 merger ("001" → "Hà Nội").
// For decoding ID numbers only, never for a current address.
std::optional<std::string_view> province_name(std::string_view code) noexcept;

// For logs: "079301000002" → "0790****0002". Anything that is not 12 ASCII digits gives
// "****" so a malformed value never leaks either.
std::string mask_id_number(std::string_view id);

}  // namespace quay::idcard
