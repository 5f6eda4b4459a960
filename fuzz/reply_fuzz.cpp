// Reply classification: any bytes (up to 1 MiB, scripts/fuzz.sh passes -max_len=1048576)
// as the body of any status gives an Outcome, never a crash or a stack overflow; the
// details kept for staff dump to bounded JSON. The first byte picks the status.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "quay/delivery/outcome.hpp"
#include "quay/json_limits.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::array<long, 12> statuses{200, 201, 400, 401, 403, 409,
                                            413, 422, 429, 500, 503, 302};
    if (size == 0) return 0;
    quay::delivery::Result r;
    quay::delivery::Response res;
    res.status = statuses[data[0] % statuses.size()];
    res.content_type = data[0] & 0x80 ? "text/plain" : "application/json";
    res.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
    res.retry_after = res.body.substr(0, 40);
    r.response = std::move(res);
    const auto o = quay::delivery::classify(r, "7d9a3c1e-52b4-4f0e-9a61-2b8c0d4e5f60", 0);
    const std::string stored =
        o.details.dump(-1, '?', false, nlohmann::json::error_handler_t::replace);
    if (!quay::json_limits::depth_within(stored)) std::abort();
    if (o.kind == quay::delivery::Outcome::Kind::delivered && o.portal_ref.empty()) std::abort();
    (void)quay::json_limits::parse(r.response->body);
    return 0;
}
