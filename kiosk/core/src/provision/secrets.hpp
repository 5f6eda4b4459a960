#pragma once
// Checks of the provisioning file's secrets; empty string: fine, else the problem in words.

#include <optional>
#include <string>
#include <string_view>

namespace quay::provision::detail {

std::string token_problem(std::string_view token);
std::string ca_problem(std::string_view pem);
std::string ssh_key_problem(std::string_view authorized_keys_line);
// An IPv4/IPv6 address or network ("10.20.0.0/16", "fd00::/8"); empty when it is one.
std::string network_problem(std::string_view network);

}  // namespace quay::provision::detail
