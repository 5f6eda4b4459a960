#include <charconv>
#include <fstream>
#include <sstream>

#include "quay/platform/script.hpp"
#include "quay/text/utf8.hpp"

namespace quay::platform {

namespace {

struct Token {
    std::string text;
    bool quoted = false;
};

std::vector<Token> tokenize(std::string_view line, int n) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < line.size()) {
        const char c = line[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            ++i;
        } else if (c == '#' && (i + 1 >= line.size() || line[i + 1] == ' ' || out.empty())) {
            break;  // comment: '#' alone or at the start of a line ("#id" is a selector)
        } else if (c == '"') {
            Token t{"", true};
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '\\' && i + 1 < line.size()) {
                    const char e = line[i + 1];
                    t.text += e == 'n' ? '\n' : e == 'r' ? '\r' : e;
                    i += 2;
                } else if (line[i] == '"') {
                    closed = true;
                    ++i;
                    break;
                } else {
                    t.text += line[i++];
                }
            }
            if (!closed) throw ScriptError(n, "unterminated string");
            out.push_back(std::move(t));
        } else {
            Token t;
            while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
                t.text += line[i++];
            out.push_back(std::move(t));
        }
    }
    return out;
}

std::optional<double> number(const Token& t) {
    if (t.quoted) return std::nullopt;
    double v = 0;
    const auto* end = t.text.data() + t.text.size();
    auto [p, ec] = std::from_chars(t.text.data(), end, v);
    if (ec != std::errc() || p != end) return std::nullopt;
    return v;
}

class Line {
  public:
    Line(std::vector<Token> toks, int n) : t_(std::move(toks)), n_(n) {}
    bool more() const { return i_ < t_.size(); }
    const Token& next(const char* what) {
        if (!more()) throw ScriptError(n_, std::string("missing ") + what);
        return t_[i_++];
    }
    double num(const char* what) {
        const Token& t = next(what);
        auto v = number(t);
        if (!v) throw ScriptError(n_, std::string("expected a number for ") + what);
        return *v;
    }
    std::string word(const char* what) { return next(what).text; }
    std::string quoted(const char* what) {
        const Token& t = next(what);
        if (!t.quoted) throw ScriptError(n_, std::string("expected a quoted string for ") + what);
        return text::to_nfc(t.text);
    }
    Target target() {
        const Token& t = next("target");
        if (t.quoted) return {Target::Kind::label, {}, text::to_nfc(t.text)};
        if (!t.text.empty() && t.text[0] == '#') return {Target::Kind::id, {}, t.text.substr(1)};
        auto x = number(t);
        if (!x) throw ScriptError(n_, "a target is X Y, #id or \"label\"");
        const double y = num("y");
        return {Target::Kind::point, {static_cast<float>(*x), static_cast<float>(y)}, {}};
    }
    std::chrono::milliseconds seconds_or(std::chrono::milliseconds fallback) {
        if (!more()) return fallback;
        return std::chrono::milliseconds(static_cast<long>(num("seconds") * 1000));
    }
    void end() {
        if (more()) throw ScriptError(n_, "unexpected '" + t_[i_].text + "'");
    }

  private:
    std::vector<Token> t_;
    std::size_t i_ = 0;
    int n_;
};

}  // namespace

std::vector<Step> parse_script(std::string_view text) {
    std::vector<Step> steps;
    int n = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t nl = text.find('\n', pos);
        const std::string_view raw =
            text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        ++n;
        auto toks = tokenize(raw, n);
        if (toks.empty()) continue;
        const std::string op = toks.front().text;
        toks.erase(toks.begin());
        Line l(std::move(toks), n);
        Step s;
        s.line = n;
        using Op = Step::Op;
        if (op == "tap" || op == "fast-tap") {
            s.op = op == "tap" ? Op::tap : Op::fast_tap;
            s.target = l.target();
        } else if (op == "drag") {
            s.op = Op::drag;
            s.target = l.target();
            s.dx = static_cast<float>(l.num("dx"));
            s.dy = static_cast<float>(l.num("dy"));
            s.count = l.more() ? static_cast<int>(l.num("frames")) : 12;
            if (s.count < 1) throw ScriptError(n, "a drag needs at least one frame");
        } else if (op == "text") {
            s.op = Op::text;
            s.text = l.quoted("text");
        } else if (op == "osk") {
            s.op = Op::osk;
            s.text = l.quoted("text");
        } else if (op == "scan") {
            s.op = Op::scan;
            const Token& t = l.next("scan data");
            if (!t.quoted) throw ScriptError(n, "scan data must be quoted");
            s.text = t.text;  // raw bytes: scanners send what they send
        } else if (op == "key") {
            const std::string name = l.word("key name");
            auto k = parse_key(name);
            if (!k) throw ScriptError(n, "unknown key '" + name + "'");
            s.op = Op::key;
            s.key = *k;
        } else if (op == "wait-for" || op == "expect") {
            const std::string what = l.word("screen, item or no-item");
            const bool wait = op == "wait-for";
            if (what == "screen") {
                s.op = wait ? Op::wait_for_screen : Op::expect_screen;
                s.text = l.word("screen name");
            } else if (what == "item") {
                s.op = wait ? Op::wait_for_item : Op::expect_item;
                s.target = l.target();
            } else if (what == "no-item" && !wait) {
                s.op = Op::expect_no_item;
                s.target = l.target();
            } else {
                throw ScriptError(n, "unknown condition '" + what + "'");
            }
            if (wait) s.duration = l.seconds_or(std::chrono::milliseconds(0));
        } else if (op == "wait-gone") {
            s.op = Op::wait_gone;
            s.target = l.target();
            s.duration = l.seconds_or(std::chrono::milliseconds(0));
        } else if (op == "screenshot") {
            s.op = Op::screenshot;
            s.text = l.word("name");
            if (s.text.find('/') != std::string::npos || s.text.find("..") != std::string::npos)
                throw ScriptError(n, "a screenshot name is a plain file name");
        } else if (op == "advance") {
            s.op = Op::advance;
            s.duration = std::chrono::milliseconds(static_cast<long>(l.num("seconds") * 1000));
        } else if (op == "frames") {
            s.op = Op::frames;
            s.count = static_cast<int>(l.num("count"));
        } else {
            throw ScriptError(n, "unknown step '" + op + "'");
        }
        l.end();
        steps.push_back(std::move(s));
    }
    return steps;
}

std::vector<Step> load_script(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error("script", "cannot read script " + file.string());
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_script(ss.str());
}

}  // namespace quay::platform
