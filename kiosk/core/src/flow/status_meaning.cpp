#include "quay/flow/status_meaning.hpp"

#include <array>
#include <utility>

namespace quay::flow {
namespace {

// Each state's tone; its words are "ui.status.headline.<state>", "ui.status.state.<state>"
// and "ui.status.next.<state>" (literal here, so locale_test finds every key).
struct Row {
    std::string_view status;
    StatusMeaning meaning;
};
constexpr std::array<Row, 9> kRows{{
    {"received",
     {StatusTone::waiting, "ui.status.headline.received", "ui.status.state.received",
      "ui.status.next.received"}},
    {"processing",
     {StatusTone::waiting, "ui.status.headline.processing", "ui.status.state.processing",
      "ui.status.next.processing"}},
    {"needs_supplement",
     {StatusTone::attention, "ui.status.headline.needs_supplement",
      "ui.status.state.needs_supplement", "ui.status.next.needs_supplement"}},
    {"ready_for_pickup",
     {StatusTone::success, "ui.status.headline.ready_for_pickup",
      "ui.status.state.ready_for_pickup", "ui.status.next.ready_for_pickup"}},
    {"returned",
     {StatusTone::refused, "ui.status.headline.returned", "ui.status.state.returned",
      "ui.status.next.returned"}},
    {"rejected",
     {StatusTone::refused, "ui.status.headline.rejected", "ui.status.state.rejected",
      "ui.status.next.rejected"}},
    // Answered by this kiosk for a dossier it still holds (delivery::held_status).
    {"queued",
     {StatusTone::waiting, "ui.status.headline.queued", "ui.status.state.queued",
      "ui.status.next.queued"}},
    {"needs_staff",
     {StatusTone::attention, "ui.status.headline.needs_staff", "ui.status.state.needs_staff",
      "ui.status.next.needs_staff"}},
    {"",  // any state this kiosk does not know yet
     {StatusTone::waiting, "ui.status.headline.unknown", "ui.status.state.unknown",
      "ui.status.next.unknown"}},
}};

}  // namespace

StatusMeaning status_meaning(std::string_view s) {
    for (const auto& r : kRows)
        if (r.status == s) return r.meaning;
    return kRows.back().meaning;
}

}  // namespace quay::flow
