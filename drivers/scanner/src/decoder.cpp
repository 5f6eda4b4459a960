#include "quay/scanner/decoder.hpp"

#include <linux/input-event-codes.h>

#include "quay/text/utf8.hpp"

namespace quay::scanner {

namespace {

void add_byte(Scan& s, char c) {
    if (s.bytes.size() < kMaxScan)
        s.bytes += c;
    else
        s.truncated = true;
}

void emit(Scan& s, std::vector<Scan>& out) {
    if (!s.bytes.empty() || s.truncated) out.push_back(std::move(s));
    s = Scan{};
}

// US layout: unshifted and shifted characters of the printable keys.
struct KeyChars {
    std::uint16_t code;
    char plain, shifted;
};
constexpr KeyChars kKeys[] = {
    {KEY_1, '1', '!'},          {KEY_2, '2', '@'},           {KEY_3, '3', '#'},
    {KEY_4, '4', '$'},          {KEY_5, '5', '%'},           {KEY_6, '6', '^'},
    {KEY_7, '7', '&'},          {KEY_8, '8', '*'},           {KEY_9, '9', '('},
    {KEY_0, '0', ')'},          {KEY_MINUS, '-', '_'},       {KEY_EQUAL, '=', '+'},
    {KEY_Q, 'q', 'Q'},          {KEY_W, 'w', 'W'},           {KEY_E, 'e', 'E'},
    {KEY_R, 'r', 'R'},          {KEY_T, 't', 'T'},           {KEY_Y, 'y', 'Y'},
    {KEY_U, 'u', 'U'},          {KEY_I, 'i', 'I'},           {KEY_O, 'o', 'O'},
    {KEY_P, 'p', 'P'},          {KEY_LEFTBRACE, '[', '{'},   {KEY_RIGHTBRACE, ']', '}'},
    {KEY_A, 'a', 'A'},          {KEY_S, 's', 'S'},           {KEY_D, 'd', 'D'},
    {KEY_F, 'f', 'F'},          {KEY_G, 'g', 'G'},           {KEY_H, 'h', 'H'},
    {KEY_J, 'j', 'J'},          {KEY_K, 'k', 'K'},           {KEY_L, 'l', 'L'},
    {KEY_SEMICOLON, ';', ':'},  {KEY_APOSTROPHE, '\'', '"'}, {KEY_GRAVE, '`', '~'},
    {KEY_BACKSLASH, '\\', '|'}, {KEY_Z, 'z', 'Z'},           {KEY_X, 'x', 'X'},
    {KEY_C, 'c', 'C'},          {KEY_V, 'v', 'V'},           {KEY_B, 'b', 'B'},
    {KEY_N, 'n', 'N'},          {KEY_M, 'm', 'M'},           {KEY_COMMA, ',', '<'},
    {KEY_DOT, '.', '>'},        {KEY_SLASH, '/', '?'},       {KEY_SPACE, ' ', ' '},
    {KEY_KPASTERISK, '*', '*'}, {KEY_KPMINUS, '-', '-'},     {KEY_KPPLUS, '+', '+'},
    {KEY_KPDOT, '.', '.'},      {KEY_KPSLASH, '/', '/'},
};

int keypad_digit(std::uint16_t code) {
    switch (code) {
        case KEY_KP0:
            return 0;
        case KEY_KP1:
            return 1;
        case KEY_KP2:
            return 2;
        case KEY_KP3:
            return 3;
        case KEY_KP4:
            return 4;
        case KEY_KP5:
            return 5;
        case KEY_KP6:
            return 6;
        case KEY_KP7:
            return 7;
        case KEY_KP8:
            return 8;
        case KEY_KP9:
            return 9;
        default:
            return -1;
    }
}

}  // namespace

void LineDecoder::feed(const char* data, std::size_t n, std::vector<Scan>& out) {
    for (std::size_t i = 0; i < n; ++i) {
        const char c = data[i];
        if (c == '\r' || c == '\n')
            emit(current_, out);  // CR LF: the LF finds an empty scan and adds nothing
        else
            add_byte(current_, c);
    }
}

void LineDecoder::flush(std::vector<Scan>& out) {
    emit(current_, out);
}

void KeyDecoder::append(const std::string& s) {
    for (char c : s)
        add_byte(current_, c);
}

void KeyDecoder::key(std::uint16_t code, std::int32_t value, std::vector<Scan>& out) {
    const bool down = value != 0;  // 1 press, 2 autorepeat, 0 release
    switch (code) {
        case KEY_LEFTSHIFT:
            shift_left_ = down;
            return;
        case KEY_RIGHTSHIFT:
            shift_right_ = down;
            return;
        case KEY_LEFTALT:
        case KEY_RIGHTALT:
            if (down) {
                alt_ = true;
            } else {
                if (alt_digits_ && alt_code_ > 0 && alt_code_ <= 0x10FFFF &&
                    (alt_code_ < 0xD800 || alt_code_ > 0xDFFF)) {
                    std::string s;
                    text::append_utf8(s, static_cast<char32_t>(alt_code_));
                    append(s);
                }
                alt_ = false;
                alt_digits_ = false;
                alt_code_ = 0;
            }
            return;
        case KEY_CAPSLOCK:
            if (value == 1) caps_ = !caps_;
            return;
        default:
            break;
    }
    if (value != 1) return;  // only presses type
    if (code == KEY_ENTER || code == KEY_KPENTER) {
        emit(current_, out);
        return;
    }
    if (code == KEY_TAB) {
        add_byte(current_, '\t');
        return;
    }
    if (alt_) {
        const int d = keypad_digit(code);
        if (d >= 0) {
            alt_digits_ = true;
            if (alt_code_ < 0x110000) alt_code_ = alt_code_ * 10 + static_cast<std::uint32_t>(d);
        }
        return;
    }
    if (const int d = keypad_digit(code); d >= 0) {
        add_byte(current_, static_cast<char>('0' + d));
        return;
    }
    for (const auto& k : kKeys) {
        if (k.code != code) continue;
        bool shifted = shift_left_ || shift_right_;
        if (caps_ && k.plain >= 'a' && k.plain <= 'z') shifted = !shifted;
        add_byte(current_, shifted ? k.shifted : k.plain);
        return;
    }
    // Other keys (F-keys, arrows): not part of any code; ignored.
}

void KeyDecoder::flush(std::vector<Scan>& out) {
    emit(current_, out);
}

}  // namespace quay::scanner
