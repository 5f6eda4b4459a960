#pragma once
// What a dossier's status (portal-api.md: received, processing, needs_supplement,
// ready_for_pickup, returned, rejected) means for the person who asked: how the screen
// marks it and what it says. A state that asks something of the citizen, or refuses the
// dossier, must never look like success (issue 14).

#include <string_view>

namespace quay::flow {

enum class StatusTone {
    waiting,    // received, processing: nothing to do yet
    success,    // ready_for_pickup: the result is there
    attention,  // needs_supplement: the citizen must bring something
    refused,    // returned, rejected
};

struct StatusMeaning {
    StatusTone tone;
    std::string_view headline;  // locale key: "Cần bổ sung"
    std::string_view detail;    // locale key: one sentence (also the history's lines)
    std::string_view next;      // locale key: what to do now
};

// Any other text (a state this kiosk does not know yet) is "waiting", worded neutrally.
StatusMeaning status_meaning(std::string_view status);

}  // namespace quay::flow
