#pragma once
// The flow's voice effects (effect::Say, effect::Speech) go to the speaker on the UI
// thread: Voice's calls return at once (it synthesises on its own worker).

#include "quay/audio/voice.hpp"
#include "quay/flow/kiosk.hpp"

namespace quay::kiosk_app {

// Handles the effect when it is the voice's and returns true; false for every other.
// `log_said`: test mode writes what was given to the engine to stderr ("quay-kiosk: said:").
bool run_voice_effect(audio::Voice& voice, const flow::Effect& effect, bool log_said);

}  // namespace quay::kiosk_app
