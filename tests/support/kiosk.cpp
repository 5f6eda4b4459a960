#include "kiosk.hpp"

#include <stdexcept>

#include "temp_dir.hpp"

namespace quay::testing {

std::filesystem::path quayctl_binary() {
    return std::filesystem::path(QUAY_BINARY_DIR) / "kiosk/app/quayctl";
}

namespace {

std::string text_of(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_object() && v.contains("vi")) return v["vi"].get<std::string>();
    return {};
}

}  // namespace

Kiosk::Kiosk(const std::filesystem::path& dir, const std::string& portal_url,
             const std::string& token, KioskOptions options)
    : dir_(dir),
      config_(dir / "quay.toml"),
      data_dir_(dir / "data"),
      token_file_(dir / "token"),
      options_(std::move(options)) {
    set_token(token);
    std::string toml =
        "[kiosk]\nid = \"" + options_.kiosk_id + "\"\ndata_dir = \"" + data_dir_.string() +
        "\"\nlanguage = \"vi\"\n\n[portal]\nurl = \"" + portal_url + "\"\ntoken_file = \"" +
        token_file_.string() +
        "\"\n\n[delivery]\nbackoff_base_ms = " + std::to_string(options_.backoff_base_ms) +
        "\nbackoff_cap_ms = " + std::to_string(options_.backoff_cap_ms) +
        "\nrequest_timeout_ms = " + std::to_string(options_.request_timeout_ms) +
        "\nrequest_deadline_ms = " + std::to_string(options_.request_deadline_ms) +
        "\n\n[catalog]\nfile = \"" +
        (options_.catalog_file ? options_.catalog_file->string() : "") + "\"\n";
    // A test kiosk: data under the build tree's temp dirs, file:// printers ([test] mode).
    write_file(config_, toml + options_.extra_toml + "\n[test]\nmode = true\n");
}

void Kiosk::set_token(const std::string& token) const {
    write_file(token_file_, token + "\n", std::filesystem::perms(0600));
}

RunResult Kiosk::quayctl(const std::vector<std::string>& args,
                         std::chrono::milliseconds timeout) const {
    std::vector<std::string> argv = {quayctl_binary().string(), "--config", config_.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, {{}, timeout});
}

nlohmann::json Kiosk::ok(const std::vector<std::string>& args) const {
    const RunResult r = quayctl(args);
    std::string cmd;
    for (const auto& a : args)
        cmd += " " + a;
    if (r.exit_code != 0) throw std::runtime_error("quayctl" + cmd + ": " + r.describe());
    try {
        return nlohmann::json::parse(r.out);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("quayctl" + cmd + " printed no JSON: " + r.describe());
    }
}

nlohmann::json sample_applicant() {
    return {{"full_name", "Nguyễn Văn An"},
            {"id_number", "001090123456"},
            {"date_of_birth", "1990-01-01"},
            {"phone", "0912345678"},
            {"email", nullptr},
            {"address", "Số 5, thôn Đông, xã Hòa Phú, tỉnh Đắk Lắk"}};
}

nlohmann::json sample_value(const nlohmann::json& field) {
    const std::string type = field.value("type", "text");
    if (type == "date") return "2020-01-02";
    if (type == "phone") return "0912345678";
    if (type == "email") return "an.nguyen@example.vn";
    if (type == "id_number") return "001090123456";
    if (type == "number") {
        if (field.contains("min") && field["min"].is_number()) return field["min"];
        if (field.contains("max") && field["max"].is_number()) return field["max"];
        return 1;
    }
    if (type == "choice" && field.contains("options") && !field["options"].empty()) {
        const auto& o = field["options"][0];
        return o.is_object() ? o.at("value") : o;
    }
    return "Nguyễn Thị Bình";
}

nlohmann::json Kiosk::draft(std::size_t n) const {
    const auto list = ok({"catalog", "list"}).at("procedures");
    if (list.empty()) throw std::runtime_error("the catalogue has no procedures");
    const std::string code = list.at(n % list.size()).at("code").get<std::string>();
    const auto proc = ok({"catalog", "show", code});
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& f : proc.at("fields")) {
        if (f.value("required", false)) fields[f.at("code").get<std::string>()] = sample_value(f);
    }
    nlohmann::json documents = nlohmann::json::array();
    for (const auto& d : proc.value("documents", nlohmann::json::array())) {
        documents.push_back({{"code", d.at("code")},
                             {"name", text_of(d.at("name"))},
                             {"original", d.value("original", true)},
                             {"copies", d.value("copies", 0)}});
    }
    nlohmann::json fees = nlohmann::json::array();
    for (const auto& f : proc.value("fees", nlohmann::json::array())) {
        nlohmann::json amount =
            f.contains("amount") ? f["amount"] : f.value("amount_dong", nlohmann::json());
        fees.push_back(
            {{"code", f.at("code")}, {"name", text_of(f.at("name"))}, {"amount", amount}});
    }
    return {{"procedure_code", code},
            {"applicant", sample_applicant()},
            {"fields", fields},
            {"documents", documents},
            {"fees", fees}};
}

nlohmann::json Kiosk::submit(const nlohmann::json& draft) const {
    const auto path = dir_ / ("draft-" + std::to_string(drafts_written_++) + ".json");
    write_file(path, draft.dump());
    return ok({"submit", path.string()});
}

nlohmann::json Kiosk::queue() const {
    return ok({"queue"});
}

std::optional<nlohmann::json> Kiosk::item(const std::string& dossier_id) const {
    const auto q = queue();  // a range-for over queue().at() would outlive the temporary
    for (const auto& i : q.at("items")) {
        if (i.at("dossier_id") == dossier_id) return i;
    }
    return std::nullopt;
}

RunResult Kiosk::deliver_until_idle(int timeout_s) const {
    return quayctl({"deliver", "--until-idle", "--timeout", std::to_string(timeout_s)},
                   std::chrono::seconds(timeout_s + 60));
}

}  // namespace quay::testing
