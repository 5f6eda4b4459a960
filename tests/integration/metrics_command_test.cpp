// quayctl metrics (docs/monitoring.md): dossiers submitted into a real store and delivered
// to the simulator over loopback HTTP show in the numbers; the device states the app left
// show for configured devices; the text passes Prometheus' own `promtool check metrics`.
#include <doctest/doctest.h>

#include <map>
#include <sstream>

#include "common.hpp"

using namespace quay::testing;

namespace {

// "name{labels}" -> value of each sample line.
std::map<std::string, double> samples_of(const std::string& text) {
    std::map<std::string, double> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto sp = line.rfind(' ');
        out[line.substr(0, sp)] = std::stod(line.substr(sp + 1));
    }
    return out;
}

std::map<std::string, double> metrics_of(const Fixture& f) {
    const auto r = f.kiosk.quayctl({"metrics"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.describe());
    // Prometheus' parser and linter: names, HELP/TYPE, units, counters' _total.
    const auto file = f.dir.path() / "quay.prom";
    write_file(file, r.out);
    const auto check = run({"/bin/sh", "-c", "promtool check metrics < '" + file.string() + "'"});
    CHECK_MESSAGE(check.exit_code == 0, check.describe());
    CHECK_MESSAGE(check.out + check.err == "", "promtool: " << check.out << check.err);
    return samples_of(r.out);
}

double unix_now() {
    return static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

}  // namespace

TEST_CASE("quayctl metrics: the queue's numbers before and after delivery") {
    Fixture f("metrics-queue");
    f.submit(3);
    auto m = metrics_of(f);
    CHECK(m.at("quay_store_readable") == 1);
    CHECK(m.at(R"(quay_queue_items{state="pending"})") == 3);
    CHECK(m.at(R"(quay_queue_items{state="delivered"})") == 0);
    CHECK(m.at(R"(quay_queue_items{state="dead"})") == 0);
    CHECK(m.at("quay_dossiers_submitted_today") == 3);
    CHECK(m.at("quay_queue_oldest_pending_age_seconds") >= 0);
    CHECK(m.at("quay_queue_oldest_pending_age_seconds") < 600);
    CHECK(m.at("quay_last_delivery_timestamp_seconds") == 0);
    CHECK(m.at("quay_queue_paused") == 0);
    CHECK(m.at(R"(quay_info{kiosk_id="K0042",version=")" QUAY_VERSION R"("})") == 1);

    const double before = unix_now();
    deliver_ok(f);
    const double after = unix_now();
    m = metrics_of(f);
    CHECK(m.at(R"(quay_queue_items{state="pending"})") == 0);
    CHECK(m.at(R"(quay_queue_items{state="delivered"})") == 3);
    CHECK(m.at("quay_queue_oldest_pending_age_seconds") == 0);
    CHECK(m.at("quay_dossiers_submitted_today") == 3);
    CHECK(m.at("quay_last_delivery_timestamp_seconds") >= before - 1);
    CHECK(m.at("quay_last_delivery_timestamp_seconds") <= after);

    REQUIRE(f.kiosk.quayctl({"pause"}).exit_code == 0);
    m = metrics_of(f);
    CHECK(m.at("quay_queue_paused") == 1);
    CHECK(m.at(R"(quay_audit_events_24h{event="pause"})") == 1);
}

TEST_CASE("quayctl metrics: the device states the app left, for the devices configured") {
    KioskOptions o;
    o.extra_toml =
        "\n[printer]\ndevice = \"tcp://127.0.0.1:9\"\n"
        "[scanner]\ndevice = \"/dev/ttyACM0\"\n";
    Fixture f("metrics-devices", {}, o);
    auto m = metrics_of(f);
    // No app has run: nothing known yet.
    CHECK(m.at(R"(quay_printer_state{state="unknown"})") == 1);
    CHECK(m.at(R"(quay_scanner_state{state="unknown"})") == 1);
    CHECK(m.at("quay_receipts_printed_total") == 0);
    CHECK(m.at("quay_device_states_timestamp_seconds") == 0);

    write_file(f.kiosk.data_dir() / "devices.json",
               R"({"printer":"paper_out","scanner":"offline","receipts_printed":41,)"
               R"("changed_at_s":1796000000})");
    m = metrics_of(f);
    CHECK(m.at(R"(quay_printer_state{state="paper_out"})") == 1);
    CHECK(m.at(R"(quay_printer_state{state="ok"})") == 0);
    CHECK(m.at(R"(quay_scanner_state{state="offline"})") == 1);
    CHECK(m.at("quay_receipts_printed_total") == 41);
    CHECK(m.at("quay_device_states_timestamp_seconds") == 1796000000);
}

TEST_CASE("quayctl metrics: a store it cannot read is in the text, then exit 5 with an error") {
    Fixture f("metrics-broken");
    std::filesystem::create_directories(f.kiosk.data_dir() / "quay.db/not-a-database");
    const auto r = f.kiosk.quayctl({"metrics"});
    CHECK(r.exit_code == 5);
    CHECK(r.out.find("quay_store_readable 0\n") != std::string::npos);
    CHECK(r.out.find("quay_queue_items") == std::string::npos);
    const auto e = nlohmann::json::parse(r.last_err_line(), nullptr, false);
    REQUIRE(e.is_object());
    CHECK(e.at("error").is_string());
    CHECK(e.at("message").is_string());
}
