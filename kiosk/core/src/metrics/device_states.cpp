#include "quay/metrics/device_states.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "quay/delivery/catalog_sync.hpp"

namespace quay::metrics {

namespace {

constexpr std::size_t max_file_bytes = 4096;  // a few short fields

std::string known_or_unknown(const nlohmann::json& doc, const char* key,
                             const std::vector<std::string_view>& states) {
    const auto it = doc.find(key);
    if (it == doc.end() || !it->is_string()) return "unknown";
    const auto s = it->get<std::string>();
    return std::find(states.begin(), states.end(), s) != states.end() ? s : "unknown";
}

std::int64_t non_negative(const nlohmann::json& doc, const char* key) {
    const auto it = doc.find(key);
    if (it == doc.end() || !it->is_number_integer()) return 0;
    return std::max<std::int64_t>(0, it->get<std::int64_t>());
}

}  // namespace

const std::vector<std::string_view>& printer_states() {
    static const std::vector<std::string_view> states = {
        "ok", "paper_near_end", "paper_out", "cover_open", "offline", "error", "absent", "unknown"};
    return states;
}

const std::vector<std::string_view>& scanner_states() {
    static const std::vector<std::string_view> states = {"ok", "offline", "absent", "unknown"};
    return states;
}

void carry_day(DeviceStates& now, const DeviceStates& recorded, const std::string& today) {
    now.printed_day = today;
    now.printed_before_day =
        recorded.printed_day == today ? recorded.printed_before_day : recorded.receipts_printed;
}

std::int64_t printed_on(const DeviceStates& states, std::string_view today) {
    if (states.printed_day != today) return 0;
    return std::max<std::int64_t>(0, states.receipts_printed - states.printed_before_day);
}

std::filesystem::path device_states_file(const std::filesystem::path& data_dir) {
    return data_dir / "devices.json";
}

DeviceStates read_device_states(const std::filesystem::path& data_dir) {
    DeviceStates out;
    std::ifstream in(device_states_file(data_dir), std::ios::binary);
    if (!in) return out;
    std::string bytes(max_file_bytes + 1, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > max_file_bytes) return out;
    const auto doc = nlohmann::json::parse(bytes, nullptr, false);
    if (!doc.is_object()) return out;
    out.printer = known_or_unknown(doc, "printer", printer_states());
    out.scanner = known_or_unknown(doc, "scanner", scanner_states());
    out.receipts_printed = non_negative(doc, "receipts_printed");
    out.changed_at_s = non_negative(doc, "changed_at_s");
    if (const auto day = doc.find("printed_day"); day != doc.end() && day->is_string())
        out.printed_day = day->get<std::string>().substr(0, 10);
    out.printed_before_day =
        std::min(out.receipts_printed, non_negative(doc, "printed_before_day"));
    return out;
}

void write_device_states(const std::filesystem::path& data_dir, const DeviceStates& states) {
    const nlohmann::ordered_json doc = {{"printer", states.printer},
                                        {"scanner", states.scanner},
                                        {"receipts_printed", states.receipts_printed},
                                        {"changed_at_s", states.changed_at_s},
                                        {"printed_day", states.printed_day},
                                        {"printed_before_day", states.printed_before_day}};
    delivery::write_file_atomically(device_states_file(data_dir), doc.dump() + "\n");
}

}  // namespace quay::metrics
