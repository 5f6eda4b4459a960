#include "backend.hpp"

#include <sodium.h>
#include <sys/statvfs.h>

namespace quay::kiosk_app {

namespace {

class KioskBackend final : public ui::Backend {
  public:
    KioskBackend(const config::Config& c, const catalog::Catalog& cat,
                 const std::unique_ptr<scanner::Reader>& sc)
        : config_(c), catalog_(cat), scanner_(sc) {}

    flow::Event submit(const nlohmann::json&) override {
        return flow::event::SubmitFailed{"ui.error.not_ready"};
    }
    flow::PrintState print(const std::string&) override {
        return config_.printer.device.empty() ? flow::PrintState::no_printer
                                              : flow::PrintState::error;
    }
    std::optional<std::string> delivered_ref(const std::string&) override { return std::nullopt; }
    flow::StatusAnswer lookup_status(const std::string& code, const std::string&) override {
        flow::StatusAnswer a;
        a.kind = flow::StatusAnswer::Kind::offline;
        a.receipt_code = code;
        return a;
    }
    bool verify_pin(const std::string& pin) override {
        const std::string& hash = config_.staff.pin_hash;
        if (hash.empty() || sodium_init() < 0) return false;
        return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
    }
    ui::StaffView staff_view() override {
        ui::StaffView v;
        v.version = QUAY_VERSION;
        v.catalog_version = catalog_.catalog_version;
        v.kiosk_id = config_.kiosk.id;
        v.printer = config_.printer.device.empty() ? ui::Check::absent : ui::Check::warning;
        v.printer_detail = config_.printer.device;
        if (scanner_) {
            const auto h = scanner_->health();
            v.scanner = h.state == scanner::Health::State::ok ? ui::Check::ok : ui::Check::failed;
            v.scanner_detail = h.detail;
        }
        v.network = config_.portal.url.empty() ? ui::Check::absent : ui::Check::warning;
        v.network_detail = config_.portal.url;
        struct statvfs fs {};
        if (statvfs(config_.kiosk.data_dir.c_str(), &fs) == 0) {
            const double free_mb =
                static_cast<double>(fs.f_bavail) * fs.f_frsize / (1024.0 * 1024.0);
            v.disk = free_mb < 200 ? ui::Check::failed : ui::Check::ok;
            v.disk_detail = std::to_string(static_cast<long>(free_mb)) + " MB";
        } else {
            v.disk = ui::Check::failed;
            v.disk_detail = config_.kiosk.data_dir.string();
        }
        return v;
    }
    std::string resend(const std::string&) override { return "ui.error.not_ready"; }
    std::string pause() override { return "ui.error.not_ready"; }
    std::string resume() override { return "ui.error.not_ready"; }
    std::string reprint(const std::string&) override { return "ui.error.not_ready"; }

  private:
    const config::Config& config_;
    const catalog::Catalog& catalog_;
    const std::unique_ptr<scanner::Reader>& scanner_;
};

}  // namespace

std::unique_ptr<ui::Backend> make_backend(const config::Config& config,
                                          const catalog::Catalog& catalog,
                                          const std::unique_ptr<scanner::Reader>& scanner) {
    return std::make_unique<KioskBackend>(config, catalog, scanner);
}

}  // namespace quay::kiosk_app
