#pragma once
// The second golden of a screenshot: the items the frame recorded (widget id, label,
// rectangle), written by the script player next to each screenshot as NAME.items.json.
// Pixels catch what is drawn; this catches where each widget is and what it says: a
// changed label, a missing button or one moved by more than a pixel fails by name.

#include <filesystem>
#include <string>
#include <vector>

#include "quay/platform/application.hpp"

namespace quay::platform {

// One item per line (readable diffs in git), edges rounded to whole logical pixels.
std::string items_json(const std::vector<RecordedItem>& items);
void write_items(const std::filesystem::path& path, const std::vector<RecordedItem>& items);
std::vector<RecordedItem> read_items(const std::filesystem::path& path);  // throws quay::Error

// Each difference between a golden item list and this run's, in words: items missing or
// new (ids and labels in the same order), labels changed, and items whose edges moved by
// more than edge_px. Empty when the lists match.
std::vector<std::string> compare_items(const std::vector<RecordedItem>& golden,
                                       const std::vector<RecordedItem>& actual,
                                       float edge_px = 1.0f);

}  // namespace quay::platform
