#pragma once
// Small text conversions of receipt values. Words come from locale/; these only shape digits.

#include <cstdint>
#include <string>
#include <string_view>

namespace quay::receipt {

// "0912345678" → "09xx xxx 678": enough to recognise one's own number, not enough to call
// it. Returns "" when the input holds fewer than 7 digits (nothing worth showing).
std::string mask_phone(std::string_view phone);

// The status-lookup URL: every "{receipt_code}" in the template is replaced by the code,
// percent-encoded outside the URL-safe characters.
std::string status_url(std::string_view url_template, std::string_view receipt_code);

}  // namespace quay::receipt
