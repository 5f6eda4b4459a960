// quay-kiosk driven by scripts under SDL's offscreen driver: the touch adapter, the
// scanner FIFO, the inactivity wipe, rotation, and the refusal to run without a display.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>

#include "kiosk_run.hpp"

using quay::test::KioskDir;

TEST_CASE("without --headless the kiosk refuses SDL's offscreen driver") {
    KioskDir d("refuse");
    const auto cfg = d.write_config();
    ::setenv("SDL_VIDEODRIVER", "offscreen", 1);
    const auto r = d.run({"--config", cfg.string()});
    ::unsetenv("SDL_VIDEODRIVER");
    CHECK(r.exit_code == 1);
    CHECK(r.stderr_text.find("no display") != std::string::npos);
    const auto bad = d.run({"--config", cfg.string(), "--size", "10x10"});
    CHECK(bad.exit_code == 2);
    const auto script = d.run_script(cfg, "tap #nowhere\n");
    CHECK(script.exit_code == 1);
    CHECK(script.stderr_text.find("line 1") != std::string::npos);
}

TEST_CASE("the inactivity wipe leaves no typed text in the next session") {
    KioskDir d("idle");
    const auto cfg = d.write_config();
    const auto r = d.run_script(cfg,
                                "tap #lang.en\n"
                                "tap #home.status\n"
                                "osk \"quay123\"\n"
                                "expect item \"QUAY123\"\n"
                                "advance 59\n"
                                "expect no-item #idle.continue\n"
                                "advance 1\n"
                                "expect item #idle.continue\n"
                                "screenshot idle_prompt\n"
                                "tap #idle.continue\n"  // still here: nothing lost
                                "expect item \"QUAY123\"\n"
                                "advance 75\n"  // gone: prompt, countdown, wipe
                                "expect screen home\n"
                                "expect item \"Tra cứu hồ sơ của tôi\"\n"  // language reset
                                "tap #home.status\n"
                                "expect no-item \"QUAY123\"\n"
                                "expect item \"Chạm để nhập\"\n");
    CHECK_MESSAGE(r.exit_code == 0, r.stderr_text);
}

TEST_CASE("scans arrive through the FIFO scanner; garbage gives a plain message") {
    KioskDir d("scanner");
    const auto fifo = d.path() / "scanner.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto cfg = d.write_config("[scanner]\ndevice = \"" + fifo.string() + "\"\n");
    const auto r = d.run_script(
        cfg,
        "scan \"\\xff garbage\\r\\n\"\n"
        "wait-for item \"Không đọc được mã vừa quét. Hãy thử lại hoặc nhập bằng tay.\"\n"
        "scan \"https://dichvucong.gov.vn/tra-cuu?ma=TEST01-261122-0001\\r\"\n"
        "wait-for screen status\n"
        "expect item \"TEST01-261122-0001\"\n"
        "expect item #key:5\n");  // the digit pad is open for the last four digits
    CHECK_MESSAGE(r.exit_code == 0, r.stderr_text);
}

TEST_CASE("a kiosk mounted sideways: the UI turns and touches turn with it") {
    KioskDir d("rotated");
    const auto cfg = d.write_config("[display]\nrotation = 90\n");
    const auto r = d.run_script(cfg,
                                "tap #home.status\n"
                                "expect screen status\n"
                                "tap #nav.back\n"
                                "expect screen home\n",
                                {"--size", "1080x1920"});
    CHECK_MESSAGE(r.exit_code == 0, r.stderr_text);
}
