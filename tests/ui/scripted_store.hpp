#pragma once
// A scripted quay-kiosk run whose scanner is a FIFO, read back from its real store: what
// the journey tests check after the citizen has confirmed.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <string>
#include <vector>

#include "kiosk_run.hpp"
#include "quay/clock.hpp"
#include "quay/store/store.hpp"

namespace quay::test {

// Runs the script on a kiosk with the scanner FIFO (and `extra` TOML); returns every
// dossier of its store (quay.db in the data directory), each with its body.
inline std::vector<store::Item> run_with_scanner(const KioskDir& d, const std::string& extra,
                                                 const std::string& script) {
    const auto fifo = d.path() / "scanner.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto cfg = d.write_config(extra + "[scanner]\ndevice = \"" + fifo.string() + "\"\n");
    const auto r = d.run_script(cfg, script);
    REQUIRE_MESSAGE(r.exit_code == 0, r.stderr_text);
    SystemClock clock;
    auto s = store::Store::open(d.path() / "data", clock);
    std::vector<store::Item> items;
    for (const auto& i : s.items())
        items.push_back(*s.get(i.dossier_id));
    return items;
}

}  // namespace quay::test
