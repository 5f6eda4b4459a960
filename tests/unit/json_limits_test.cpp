// Network JSON is bounded in depth and size (issue 11): a reply nested deeper than 64
// levels is "not JSON" to the delivery (retried), to a lookup (an error) and to the
// catalogue loader, and is never parsed into a value whose copy or dump would recurse
// 400,000 levels deep.
#include <doctest/doctest.h>

#include <string>

#include "quay/catalog/loader.hpp"
#include "quay/delivery/outcome.hpp"
#include "quay/json_limits.hpp"

namespace {

using quay::delivery::Outcome;
using quay::delivery::Response;
using quay::delivery::Result;

std::string nested(std::size_t depth, const std::string& inner = "") {
    return std::string(depth, '[') + inner + std::string(depth, ']');
}

Result reply(long status, std::string body) {
    Result r;
    Response res;
    res.status = status;
    res.content_type = "application/json";
    res.body = std::move(body);
    r.response = std::move(res);
    return r;
}

constexpr const char* id = "7d9a3c1e-52b4-4f0e-9a61-2b8c0d4e5f60";

}  // namespace

TEST_CASE("depth: 64 levels are JSON, 65 are not; brackets in strings do not count") {
    using quay::json_limits::depth_within;
    CHECK(depth_within(nested(64)));
    CHECK_FALSE(depth_within(nested(65)));
    CHECK(
        depth_within("[\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"]"));
    CHECK(depth_within(
        R"(["\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["])"));
    CHECK(quay::json_limits::parse(nested(64)).is_array());
    CHECK(quay::json_limits::parse(nested(400'000)).is_discarded());
    CHECK(quay::json_limits::parse(std::string(quay::json_limits::max_bytes + 1, ' ') + "1")
              .is_discarded());
}

TEST_CASE("a 201 whose body nests 400,000 levels deep is no delivery: retried") {
    const std::string body = std::string("{\"dossier_id\":\"") + id +
                             "\",\"portal_ref\":\"P-1\",\"extra\":" + nested(400'000) + "}";
    const Outcome o = quay::delivery::classify(reply(201, body), id, 0);
    CHECK(o.kind == Outcome::Kind::retry);
    CHECK(o.log);
    const Outcome bare = quay::delivery::classify(reply(201, nested(400'000)), id, 0);
    CHECK(bare.kind == Outcome::Kind::retry);
}

TEST_CASE("a 422 whose details nest 400,000 levels deep keeps only bounded details") {
    const std::string body =
        R"({"error":"validation_failed","details":)" + nested(400'000, "{}") + "}";
    const Outcome o = quay::delivery::classify(reply(422, body), id, 0);
    CHECK(o.kind == Outcome::Kind::dead);
    CHECK(o.error == "HTTP 422: unprocessable");
    // What is stored: the status and the first bytes as a string, which dumps flat.
    CHECK(o.details.at("status") == 422);
    CHECK(o.details.at("body").get<std::string>().size() == 200);
    CHECK(o.details.dump().size() < 400);
}

TEST_CASE("a catalogue nested 400,000 levels deep is refused as not JSON") {
    const std::string body = R"({"format":1,"x":)" + nested(400'000) + "}";
    CHECK_THROWS_AS(quay::catalog::parse(body, "portal"), quay::catalog::CatalogError);
}
