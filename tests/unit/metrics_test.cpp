// quay/metrics: the Prometheus text format (escaping, HELP/TYPE, refusals), the atomic
// textfile write, the device states file and the kiosk snapshot's rendering.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>
#include <map>
#include <sstream>

#include "../store/temp_dir.hpp"
#include "quay/config/config.hpp"
#include "quay/error.hpp"
#include "quay/metrics/exposition.hpp"
#include "quay/metrics/kiosk_metrics.hpp"
#include "quay/store/store.hpp"

namespace fs = std::filesystem;
using namespace quay::metrics;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// "name{labels}" -> value, and the families' TYPE lines, of an exposition.
struct Parsed {
    std::map<std::string, std::string> samples;
    std::map<std::string, std::string> types;
    std::vector<std::string> helps;
};

Parsed parse(const std::string& text) {
    Parsed p;
    std::istringstream in(text);
    std::string line, family;
    while (std::getline(in, line)) {
        if (line.starts_with("# HELP ")) {
            family = line.substr(7, line.find(' ', 7) - 7);
            p.helps.push_back(family);
        } else if (line.starts_with("# TYPE ")) {
            const auto name = line.substr(7, line.find(' ', 7) - 7);
            CHECK_MESSAGE(name == family, "TYPE without its HELP just before: " << line);
            p.types[name] = line.substr(line.rfind(' ') + 1);
        } else {
            const auto sp = line.rfind(' ');
            REQUIRE(sp != std::string::npos);
            const auto series = line.substr(0, sp);
            CHECK_MESSAGE(series.substr(0, series.find('{')) == family,
                          "sample outside its family: " << line);
            p.samples[series] = line.substr(sp + 1);
        }
    }
    return p;
}

quay::config::Config config_in(const fs::path& dir, const std::string& extra = {}) {
    return quay::config::parse("[kiosk]\nid = \"K0042\"\ndata_dir = \"" + (dir / "data").string() +
                                   "\"\n[test]\nmode = true\n" + extra,
                               dir / "quay.toml");
}

}  // namespace

TEST_CASE("label values and HELP text are escaped as the format says") {
    CHECK(escape_label_value("a\\b\"c\nd") == "a\\\\b\\\"c\\nd");
    CHECK(escape_label_value("Quầy") == "Quầy");
    CHECK(escape_label_value("x\xff y") == "x\xEF\xBF\xBD y");  // not UTF-8: U+FFFD
    CHECK(escape_help("back\\slash \"quoted\"\nnext") == "back\\\\slash \"quoted\"\\nnext");
}

TEST_CASE("values: shortest exact text, and the format's special values") {
    CHECK(format_value(0) == "0");
    CHECK(format_value(3) == "3");
    CHECK(format_value(1.5) == "1.5");
    CHECK(format_value(1796507395) == "1796507395");
    CHECK(format_value(-2) == "-2");
    CHECK(format_value(std::numeric_limits<double>::quiet_NaN()) == "NaN");
    CHECK(format_value(std::numeric_limits<double>::infinity()) == "+Inf");
    CHECK(format_value(-std::numeric_limits<double>::infinity()) == "-Inf");
}

TEST_CASE("a family is HELP, TYPE, then its samples; a state set marks one state") {
    Exposition e;
    e.family("quay_x_total", Type::counter, "Things.\nCounted");
    e.sample("quay_x_total", 7);
    e.family("quay_state", Type::gauge, "State.");
    e.state_set("quay_state", "state", {"ok", "off"}, "off");
    e.family("quay_labelled", Type::gauge, "Labels.");
    e.sample("quay_labelled", {{"version", "1\"2"}, {"kiosk_id", "K1"}}, 1);
    CHECK(e.text() ==
          "# HELP quay_x_total Things.\\nCounted\n"
          "# TYPE quay_x_total counter\n"
          "quay_x_total 7\n"
          "# HELP quay_state State.\n"
          "# TYPE quay_state gauge\n"
          "quay_state{state=\"ok\"} 0\n"
          "quay_state{state=\"off\"} 1\n"
          "# HELP quay_labelled Labels.\n"
          "# TYPE quay_labelled gauge\n"
          "quay_labelled{kiosk_id=\"K1\",version=\"1\\\"2\"} 1\n");  // sorted
}

TEST_CASE("a state not in the list still shows, as 1") {
    Exposition e;
    e.family("quay_state", Type::gauge, "State.");
    e.state_set("quay_state", "state", {"ok"}, "strange");
    CHECK(e.text().find("quay_state{state=\"ok\"} 0\nquay_state{state=\"strange\"} 1\n") !=
          std::string::npos);
}

TEST_CASE("names, counters, families and labels the format forbids are refused") {
    Exposition e;
    CHECK_THROWS_AS(e.family("1quay", Type::gauge, "h"), quay::Error);
    CHECK_THROWS_AS(e.family("quay-x", Type::gauge, "h"), quay::Error);
    CHECK_THROWS_AS(e.family("quay_prints", Type::counter, "h"), quay::Error);
    CHECK_THROWS_AS(e.sample("quay_nothing", 1), quay::Error);  // no family yet
    e.family("quay_a", Type::gauge, "h");
    CHECK_THROWS_AS(e.sample("quay_b", 1), quay::Error);
    CHECK_THROWS_AS(e.sample("quay_a", {{"bad-label", "v"}}, 1), quay::Error);
    CHECK_THROWS_AS(e.sample("quay_a", {{"__name__", "v"}}, 1), quay::Error);
    CHECK_THROWS_AS(e.sample("quay_a", {{"l", "v"}, {"l", "w"}}, 1), quay::Error);
    CHECK_THROWS_AS(e.family("quay_a", Type::gauge, "again"), quay::Error);
    e.family("quay_b", Type::gauge, "h");
    CHECK_THROWS_AS(e.sample("quay_a", 1), quay::Error);  // its family is closed
}

TEST_CASE("the textfile is replaced atomically, readable by node-exporter, no temp file left") {
    quay::test::TempDir dir;
    const auto file = dir.path() / "quay.prom";
    write_textfile(file, "# first\n");
    write_textfile(file, "# second\n");
    CHECK(slurp(file) == "# second\n");
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0644);
    CHECK_FALSE(fs::exists(file.string() + ".new"));
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}

TEST_CASE("a textfile that cannot be replaced: an error, what was there is untouched") {
    quay::test::TempDir dir;
    // A non-empty directory where the file should be: rename(2) cannot replace it.
    const auto file = dir.path() / "quay.prom";
    fs::create_directories(file / "keep");
    CHECK_THROWS_AS(write_textfile(file, "# text\n"), quay::store::StorageError);
    CHECK(fs::is_directory(file / "keep"));
    CHECK_FALSE(fs::exists(file.string() + ".new"));
    CHECK_THROWS_AS(write_textfile(dir.path() / "missing/quay.prom", "# text\n"),
                    quay::store::StorageError);
}

TEST_CASE("device states: written and read back; garbage reads as unknown, never throws") {
    quay::test::TempDir dir;
    CHECK(read_device_states(dir.path()).printer == "unknown");
    DeviceStates s{"paper_out", "offline", 12, 1796507395, "2026-12-06", 10};
    write_device_states(dir.path(), s);
    const auto back = read_device_states(dir.path());
    CHECK(back.printer == "paper_out");
    CHECK(back.scanner == "offline");
    CHECK(back.receipts_printed == 12);
    CHECK(back.changed_at_s == 1796507395);
    CHECK(back.printed_day == "2026-12-06");
    CHECK(back.printed_before_day == 10);
    struct stat st {};
    REQUIRE(::stat(device_states_file(dir.path()).c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0600);

    std::ofstream(device_states_file(dir.path()))
        << R"({"printer": "on fire\"} 1", "scanner": 3, "receipts_printed": -4})";
    const auto odd = read_device_states(dir.path());
    CHECK(odd.printer == "unknown");
    CHECK(odd.scanner == "unknown");
    CHECK(odd.receipts_printed == 0);
    std::ofstream(device_states_file(dir.path())) << "not json";
    CHECK(read_device_states(dir.path()).printer == "unknown");
}

TEST_CASE("local midnight follows the clock's offset") {
    using namespace std::chrono;
    // 2026-11-22T01:30+07:00 is still the 21st in UTC.
    const sys_seconds t = sys_days{2026y / 11 / 21} + hours(18) + minutes(30);
    CHECK(local_midnight(t, 420) == sys_days{2026y / 11 / 21} + hours(17));
    CHECK(local_midnight(t, 0) == sys_days{2026y / 11 / 21});
}

TEST_CASE("a fresh kiosk: every family rendered with HELP and TYPE, zeros, devices absent") {
    quay::test::TempDir dir;
    const auto config = config_in(dir.path());
    quay::ManualClock clock(std::chrono::system_clock::now());
    const auto s = gather(config, clock, DeviceStates{"ok", "ok", 3, 0, "", 0});
    CHECK(s.store_readable);
    const auto p = parse(render(s));
    CHECK(p.helps.size() == p.types.size());
    CHECK(p.types.at("quay_receipts_printed_total") == "counter");
    CHECK(p.types.at("quay_queue_items") == "gauge");
    CHECK(p.samples.at("quay_store_readable") == "1");
    CHECK(p.samples.at("quay_queue_items{state=\"pending\"}") == "0");
    CHECK(p.samples.at("quay_dossiers_submitted_today") == "0");
    CHECK(p.samples.at("quay_last_delivery_timestamp_seconds") == "0");
    // Nothing configured: absent, whatever a states file says.
    CHECK(p.samples.at("quay_printer_state{state=\"absent\"}") == "1");
    CHECK(p.samples.at("quay_printer_state{state=\"ok\"}") == "0");
    CHECK(p.samples.at("quay_scanner_state{state=\"absent\"}") == "1");
    CHECK(p.samples.at("quay_receipts_printed_total") == "3");
    CHECK(p.samples.at("quay_catalog_info{source=\"bundled\",version=\"2026-11-01\"}") == "1");
    CHECK(p.samples.at("quay_disk_state{state=\"error\"}") == "0");
    CHECK(p.samples.at("quay_audit_events_24h{event=\"pin_failure\"}") == "0");
    CHECK(p.samples.at("quay_audit_events_24h{event=\"help_call\"}") == "0");
}

TEST_CASE("configured devices show the states the app recorded") {
    quay::test::TempDir dir;
    const auto config = config_in(dir.path(),
                                  "[printer]\ndevice = \"tcp://127.0.0.1:9100\"\n"
                                  "[scanner]\ndevice = \"/dev/ttyACM0\"\n");
    quay::ManualClock clock(std::chrono::system_clock::now());
    const auto p =
        parse(render(gather(config, clock, DeviceStates{"paper_out", "offline", 0, 5, "", 0})));
    CHECK(p.samples.at("quay_printer_state{state=\"paper_out\"}") == "1");
    CHECK(p.samples.at("quay_printer_state{state=\"absent\"}") == "0");
    CHECK(p.samples.at("quay_scanner_state{state=\"offline\"}") == "1");
    CHECK(p.samples.at("quay_device_states_timestamp_seconds") == "5");
}

TEST_CASE("a store that cannot be read: said so, no queue figures, disk state error") {
    quay::test::TempDir dir;
    const auto config = config_in(dir.path());
    fs::create_directories(dir.path() / "data/quay.db/not-a-database");
    quay::ManualClock clock(std::chrono::system_clock::now());
    const auto s = gather(config, clock, {});
    CHECK_FALSE(s.store_readable);
    CHECK_FALSE(s.store_error_code.empty());
    const auto p = parse(render(s));
    CHECK(p.samples.at("quay_store_readable") == "0");
    CHECK_FALSE(p.samples.contains("quay_queue_items{state=\"pending\"}"));
    CHECK(p.samples.at("quay_disk_state{state=\"error\"}") == "1");
}

TEST_CASE("calls for help stay open until staff mark them helped (quay_help_calls_open)") {
    quay::test::TempDir dir;
    const auto config = config_in(dir.path());
    quay::ManualClock clock(std::chrono::system_clock::now());
    {
        auto store = quay::store::Store::open(config, clock);
        namespace ev = quay::store::audit_event;
        store.audit(ev::help_call, {{"code", "1.001193"}});
        store.audit(ev::help_ack);
        store.audit(ev::help_call, {{"code", "1.004222"}});
        store.audit(ev::pause, {{"by", "staff_screen"}});
        store.audit(ev::help_call, {{"code", ""}});
        const auto open = store.open_help_calls();
        REQUIRE(open.size() == 2);
        CHECK(open[0].detail.at("code") == "");  // newest first
        CHECK(open[1].detail.at("code") == "1.004222");
    }
    CHECK(parse(render(gather(config, clock, {}))).samples.at("quay_help_calls_open") == "2");
    {
        auto store = quay::store::Store::open(config, clock);
        store.audit(quay::store::audit_event::help_ack);
        CHECK(store.open_help_calls().empty());
    }
    CHECK(parse(render(gather(config, clock, {}))).samples.at("quay_help_calls_open") == "0");
}
