#pragma once
// Checks of the provisioning file's secrets; empty string: fine, else the problem in words.

#include <optional>
#include <string>
#include <string_view>

namespace quay::provision::detail {

std::string token_problem(std::string_view token);
std::string ca_problem(std::string_view pem);
std::string ssh_key_problem(std::string_view authorized_keys_line);

}  // namespace quay::provision::detail
