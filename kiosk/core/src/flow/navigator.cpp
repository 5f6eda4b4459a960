#include "quay/flow/navigator.hpp"

#include <array>
#include <utility>

namespace quay::flow {

namespace {
constexpr std::array<std::pair<Screen, std::string_view>, 17> kNames{{
    {Screen::home, "home"},
    {Screen::search, "search"},
    {Screen::browse_events, "browse_events"},
    {Screen::browse_fields, "browse_fields"},
    {Screen::procedure_list, "procedure_list"},
    {Screen::procedure, "procedure"},
    {Screen::form, "form"},
    {Screen::review, "review"},
    {Screen::saving, "saving"},
    {Screen::receipt, "receipt"},
    {Screen::status, "status"},
    {Screen::status_result, "status_result"},
    {Screen::staff_pin, "staff_pin"},
    {Screen::staff, "staff"},
    {Screen::guided, "guided"},
    {Screen::guided_outcome, "guided_outcome"},
    {Screen::picker, "picker"},
}};
}  // namespace

std::string_view to_string(Screen s) {
    for (const auto& [k, v] : kNames)
        if (k == s) return v;
    return "home";
}

std::optional<Screen> parse_screen(std::string_view name) {
    for (const auto& [k, v] : kNames)
        if (v == name) return k;
    return std::nullopt;
}

void Navigator::push(Location l) {
    if (l == current()) return;
    stack_.push_back(std::move(l));
}

void Navigator::replace(Location l) {
    stack_.back() = std::move(l);
}

void Navigator::back() {
    if (stack_.size() > 1) stack_.pop_back();
}

void Navigator::home() {
    stack_.assign(1, Location{});
}

bool Navigator::back_to(Screen s) {
    for (std::size_t i = stack_.size(); i-- > 0;) {
        if (stack_[i].screen == s) {
            stack_.resize(i + 1);
            return true;
        }
    }
    return false;
}

}  // namespace quay::flow
