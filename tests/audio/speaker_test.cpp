// drivers/audio: the tap click and the Speaker on SDL's disk driver. Waits on the
// driver's own done signal (wait_until_played), never on sleeps.
#include <doctest/doctest.h>

#include "capture.hpp"
#include "quay/audio/speaker.hpp"

using namespace std::chrono_literals;
using quay::audio::Samples;
using quay::test::Capture;
using quay::test::loud_samples;
using quay::test::window;

TEST_CASE("the tap click: about 30 ms, audible, fading to nothing") {
    const auto click = quay::audio::tap_click();
    CHECK(click.size() == quay::audio::sample_rate * 30 / 1000);
    CHECK(quay::audio::peak_rms(click, window / 2) > 3000);
    const std::span<const std::int16_t> tail(click.end() - 50, click.end());
    CHECK(quay::audio::rms(tail) < 100);  // no click at its end either
}

TEST_CASE("a tap reaches the output; silence stays silent") {
    {
        Capture cap("tap");
        {
            quay::audio::Speaker speaker(100);
            speaker.click(quay::audio::tap_click());
            REQUIRE(speaker.wait_until_played(10s));
            CHECK_FALSE(speaker.playing());
        }
        const auto out = cap.samples();
        REQUIRE(out.size() > quay::audio::tap_click().size());
        CHECK(quay::audio::peak_rms(out, window) > 2000);
    }
    {
        Capture cap("silence");
        {
            quay::audio::Speaker speaker(100);
            speaker.play(Samples(quay::audio::sample_rate / 5, 0));
            REQUIRE(speaker.wait_until_played(10s));
        }
        const auto out = cap.samples();
        REQUIRE(out.size() >= quay::audio::sample_rate / 5);
        CHECK(quay::audio::rms(out) == 0);
    }
}

TEST_CASE("volume 0 is silent; stop interrupts what is queued") {
    Capture cap("stop");
    {
        quay::audio::Speaker speaker(0);
        speaker.click(quay::audio::tap_click());
        REQUIRE(speaker.wait_until_played(10s));
        // A minute of tone, stopped at once: far less than a minute reaches the output.
        speaker.set_volume(100);
        Samples tone(std::size_t{60} * quay::audio::sample_rate, 8000);
        speaker.play(tone);
        speaker.stop();
        CHECK_FALSE(speaker.playing());
        REQUIRE(speaker.wait_until_played(10s));
    }
    const auto out = cap.samples();
    CHECK(loud_samples(out) < std::size_t{30} * quay::audio::sample_rate);
    // The click at volume 0 came first and left nothing.
    CHECK(quay::audio::rms(std::span(out).first(quay::audio::tap_click().size())) == 0);
}
