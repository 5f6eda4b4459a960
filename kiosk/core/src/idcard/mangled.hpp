#pragma once
// Signs that a payload's non-ASCII letters were lost or garbled before it reached us.

#include <string_view>

namespace quay::idcard::detail {

// '?' or U+FFFD anywhere: a keyboard-wedge scanner or a decoder replaced what it could not
// type or decode. No field of a card payload contains either.
bool has_replacement_marks(std::u32string_view text) noexcept;

// UTF-8 that was decoded as Latin-1 / Windows-1252 (mojibake such as "NGUYá»„N"): a
// Latin-1 reading of a UTF-8 lead byte followed by one of a continuation byte.
bool looks_like_mojibake(std::u32string_view text) noexcept;

}  // namespace quay::idcard::detail
