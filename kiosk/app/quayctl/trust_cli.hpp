#pragma once
// The keys a command trusts: --trust FILE (repeatable) and --trust-dir DIR (repeatable),
// else the image's /usr/share/quay/provision-trust. Provisioning files and update bundles
// are signed by the same deployment keys (docs/provisioning.md, docs/updates.md).
#include <vector>

#include "cli.hpp"
#include "quay/provision/signing.hpp"

namespace quay::cli {

// Unreadable files among the keys are skipped and named in warnings; a bad --trust file
// fails with bad_input.
std::vector<provision::PublicKey> trusted_keys(Args& args, nlohmann::json& warnings);

}  // namespace quay::cli
