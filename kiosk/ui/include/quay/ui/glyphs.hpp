#pragma once
// Characters the screens draw on their own, outside the locale and catalogue texts. The
// font atlas holds only the glyphs of the texts it is given, so the app passes these too;
// a glyph missing from the atlas, or from the font, is drawn as '?'. Noto Sans has no
// U+2212 MINUS SIGN and no U+25CF BLACK CIRCLE: the date picker's minus is an en dash and
// a hidden PIN digit is a bullet.

#include <array>
#include <string_view>

namespace quay::ui::glyph {

inline constexpr std::string_view en_dash = "\xE2\x80\x93";  // – (also the picker's minus)
inline constexpr std::string_view bullet = "\xE2\x80\xA2";   // • (also a hidden PIN digit)
inline constexpr std::string_view middle_dot = "\xC2\xB7";   // · between codes
inline constexpr std::string_view minus = en_dash;
inline constexpr std::string_view hidden_digit = bullet;

inline constexpr std::array<std::string_view, 3> all{en_dash, bullet, middle_dot};

}  // namespace quay::ui::glyph
