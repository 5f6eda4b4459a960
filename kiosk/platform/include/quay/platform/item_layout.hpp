#pragma once
// Layout faults over the items a frame recorded: a label drawn outside its widget (cut off
// or spilling over its neighbour), and two labelled widgets on top of each other. The
// screen goldens run this on every screenshot, in normal and in large text.

#include <set>
#include <string>
#include <vector>

#include "quay/platform/application.hpp"

namespace quay::platform {

// Each fault in words; empty when the layout is clean. One item wholly inside another is a
// group (a panel and its texts), not an overlap. Items without a label (invisible hit
// areas) and the ids in `floating` (notices drawn over the page on purpose), with what lies
// inside them, take part in no overlap; overlaps=false checks labels only (a prompt drawn over the
// page). Edges may touch or cross by tolerance_px. screen_width > 0: a text that leaves
// the screen sideways is a fault too (a box clipped at the edge hides its own overhang).
std::vector<std::string> layout_faults(const std::vector<RecordedItem>& items,
                                       const std::set<std::string>& floating = {},
                                       float tolerance_px = 1.0f, bool overlaps = true,
                                       float screen_width = 0);

}  // namespace quay::platform
