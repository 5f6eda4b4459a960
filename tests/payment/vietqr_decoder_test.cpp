// Every kind of VietQR payload the kiosk makes, read back by an independent decoder (the
// npm package vietnam-qr-pay, installed by scripts/deps.sh test; test-only): valid CRC,
// NAPAS transfer to the centre's account, the amount and the receipt code as purpose.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "quay/payment/vietqr.hpp"

using namespace quay::payment;

namespace {

struct Case {
    Account account;
    std::int64_t amount;
    std::string reference;
};

// Runs the decoder over the payloads; one JSON object per payload, in order.
std::vector<nlohmann::json> decode(const std::vector<std::string>& payloads) {
    const std::string dir = QUAY_PAYMENT_TEST_DIR;
    const std::string input = std::string(QUAY_BINARY_DIR) + "/vietqr-payloads.txt";
    {
        std::ofstream out(input);
        for (const auto& p : payloads)
            out << p << '\n';
    }
    const std::string cmd = "node '" + dir + "/decode.js' < '" + input + "'";
    FILE* pipe = ::popen(cmd.c_str(), "r");
    REQUIRE_MESSAGE(pipe != nullptr, "cannot run node");
    std::string text;
    char buf[4096];
    while (const std::size_t n = std::fread(buf, 1, sizeof buf, pipe))
        text.append(buf, n);
    const int status = ::pclose(pipe);
    REQUIRE_MESSAGE(status == 0, "the decoder failed (scripts/deps.sh test installs it): " << cmd);
    std::vector<nlohmann::json> out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        out.push_back(nlohmann::json::parse(line));
    return out;
}

}  // namespace

TEST_CASE("an independent decoder reads every payload as the kiosk meant it") {
    std::mt19937_64 rng(20261205);
    const std::string alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    std::vector<Case> cases;
    for (int i = 0; i < 300; ++i) {
        Case c;
        c.account.bank_bin = "9704" + std::to_string(10 + rng() % 90);
        const std::size_t len = 1 + rng() % 19;
        for (std::size_t k = 0; k < len; ++k)
            c.account.account += alnum[rng() % (i % 2 ? 10 : alnum.size())];
        // Fees from 1 đồng to the 100,000,000 limit, and the commune's usual ones.
        const std::int64_t usual[] = {2000, 8000, 10000, 15000, 20000, 50000, 100000};
        c.amount = i % 3 ? usual[rng() % 7] : 1 + static_cast<std::int64_t>(rng() % 100'000'000);
        char code[32];
        std::snprintf(code, sizeof code, "K%04d-2611%02d-%04d", static_cast<int>(rng() % 10000),
                      static_cast<int>(1 + rng() % 28), static_cast<int>(rng() % 10000));
        c.reference = code;
        cases.push_back(c);
    }
    std::vector<std::string> payloads;
    for (const auto& c : cases)
        payloads.push_back(vietqr_payload(c.account, c.amount, c.reference));
    const auto decoded = decode(payloads);
    REQUIRE(decoded.size() == cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        CAPTURE(payloads[i]);
        const auto& d = decoded[i];
        CHECK(d.at("valid") == true);
        CHECK(d.at("provider") == "VIETQR");
        CHECK(d.at("service") == "QRIBFTTA");
        CHECK(d.at("init") == "12");
        CHECK(d.at("currency") == "704");
        CHECK(d.at("nation") == "VN");
        CHECK(d.at("bin") == cases[i].account.bank_bin);
        CHECK(d.at("account") == cases[i].account.account);
        CHECK(d.at("amount") == std::to_string(cases[i].amount));
        CHECK(d.at("purpose") == cases[i].reference);
    }
    // A payload with one byte changed fails the decoder's CRC check.
    std::string broken = payloads.front();
    broken[20] = broken[20] == '1' ? '2' : '1';
    CHECK(decode({broken}).at(0).at("valid") == false);
}
