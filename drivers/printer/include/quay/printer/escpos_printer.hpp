#pragma once
// receipt::Printer for ESC/POS thermal printers. Each job opens the device, asks its status
// (DLE EOT), sends the raster and asks again, so paper out, an open cover or an offline
// printer come back as a result, never as an exception.

#include <chrono>
#include <memory>

#include "quay/config/config.hpp"
#include "quay/printer/transport.hpp"
#include "quay/receipt/printer.hpp"

namespace quay::printer {

struct Settings {
    Device device;
    int width_dots = 576;
    std::chrono::milliseconds timeout{5000};  // every connect, write and read
};

class EscPosPrinter final : public receipt::Printer {
  public:
    explicit EscPosPrinter(Settings settings);
    receipt::PrintResult print(const receipt::Raster& raster) override;
    receipt::PrintResult status() override;
    int width_dots() const override { return settings_.width_dots; }

  private:
    Settings settings_;
};

// The printer of config [printer], or nullptr when printer.device is empty.
// Throws quay::Error{"bad_printer_device"} for a device string it cannot use.
std::unique_ptr<receipt::Printer> make_printer(const config::Config& config);

}  // namespace quay::printer
