#include "quay/flow/focus.hpp"

#include <algorithm>
#include <utility>

namespace quay::flow {

void FocusCursor::set_items(std::vector<FocusItem> items) {
    std::optional<std::string> focused;
    if (index_ >= 0) focused = items_[static_cast<std::size_t>(index_)].id;
    items_ = std::move(items);
    index_ = -1;
    if (!focused) return;
    const auto it = std::find_if(items_.begin(), items_.end(),
                                 [&](const FocusItem& i) { return i.id == *focused; });
    if (it != items_.end()) index_ = static_cast<int>(it - items_.begin());
}

void FocusCursor::clear() {
    items_.clear();
    index_ = -1;
}

void FocusCursor::focus(const std::string& id) {
    const auto it =
        std::find_if(items_.begin(), items_.end(), [&](const FocusItem& i) { return i.id == id; });
    if (it != items_.end()) index_ = static_cast<int>(it - items_.begin());
}

void FocusCursor::next() {
    if (items_.empty()) return;
    index_ = (index_ + 1) % static_cast<int>(items_.size());
}

void FocusCursor::previous() {
    if (items_.empty()) return;
    const int n = static_cast<int>(items_.size());
    index_ = index_ <= 0 ? n - 1 : index_ - 1;
}

std::optional<FocusedItem> FocusCursor::current() const {
    if (index_ < 0) return std::nullopt;
    return FocusedItem{index_, static_cast<int>(items_.size()),
                       items_[static_cast<std::size_t>(index_)]};
}

}  // namespace quay::flow
