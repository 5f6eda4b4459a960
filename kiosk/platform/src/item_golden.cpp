#include "quay/platform/item_golden.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "quay/error.hpp"

namespace quay::platform {

namespace {

using Json = nlohmann::ordered_json;

struct Edges {
    long left, top, right, bottom;
};

Edges edges(const Rect& r) {
    return {std::lround(r.x), std::lround(r.y), std::lround(r.x + r.w), std::lround(r.y + r.h)};
}

// `#id "label"` (or `text "…"` for an item without an id), the label cut at 60 bytes on a
// character boundary.
std::string name(const RecordedItem& item) {
    std::string label = item.label;
    if (label.size() > 60) {
        std::size_t cut = 60;
        while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80)
            --cut;
        label = label.substr(0, cut) + "…";
    }
    return (item.id.empty() ? std::string("text") : "#" + item.id) + " \"" + label + "\"";
}

std::string where(const Rect& r) {
    const Edges e = edges(r);
    return std::to_string(e.left) + "," + std::to_string(e.top) + " " +
           std::to_string(e.right - e.left) + "x" + std::to_string(e.bottom - e.top);
}

bool same_key(const RecordedItem& a, const RecordedItem& b) {
    return a.id == b.id && a.label == b.label;
}

// The edges that moved by more than edge_px, e.g. "left +3 px, right +3 px".
std::string moved_edges(const Rect& golden, const Rect& actual, float edge_px) {
    const Edges g = edges(golden), a = edges(actual);
    const std::pair<const char*, long> deltas[] = {{"left", a.left - g.left},
                                                   {"top", a.top - g.top},
                                                   {"right", a.right - g.right},
                                                   {"bottom", a.bottom - g.bottom}};
    std::string out;
    for (const auto& [edge, delta] : deltas) {
        if (static_cast<float>(std::labs(delta)) <= edge_px) continue;
        if (!out.empty()) out += ", ";
        out += std::string(edge) + (delta > 0 ? " +" : " ") + std::to_string(delta) + " px";
    }
    return out;
}

// Golden-only and actual-only runs between two matched items: the same id on both sides is
// a changed label, the rest are missing or new.
void report_unmatched(const std::vector<const RecordedItem*>& gone,
                      std::vector<const RecordedItem*> added, std::vector<std::string>& out) {
    for (const RecordedItem* g : gone) {
        auto same_id = added.end();
        if (!g->id.empty())
            for (auto it = added.begin(); it != added.end(); ++it)
                if ((*it)->id == g->id) {
                    same_id = it;
                    break;
                }
        if (same_id != added.end()) {
            out.push_back("#" + g->id + ": label \"" + g->label + "\" in the golden, \"" +
                          (*same_id)->label + "\" now");
            added.erase(same_id);
        } else {
            out.push_back("missing " + name(*g) + " (golden " + where(g->rect) + ")");
        }
    }
    for (const RecordedItem* a : added)
        out.push_back("new " + name(*a) + " at " + where(a->rect));
}

}  // namespace

std::string items_json(const std::vector<RecordedItem>& items) {
    std::string out = "{\"items\": [\n";
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Edges e = edges(items[i].rect);
        Json j;
        j["id"] = items[i].id;
        j["label"] = items[i].label;
        j["x"] = e.left;
        j["y"] = e.top;
        j["w"] = e.right - e.left;
        j["h"] = e.bottom - e.top;
        if (items[i].text) {
            const Edges t = edges(*items[i].text);
            j["text"] = {t.left, t.top, t.right - t.left, t.bottom - t.top};
        }
        out += j.dump(-1, ' ', false, Json::error_handler_t::replace);
        out += i + 1 < items.size() ? ",\n" : "\n";
    }
    return out + "]}\n";
}

void write_items(const std::filesystem::path& path, const std::vector<RecordedItem>& items) {
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << items_json(items);
    if (!f.flush()) throw Error("screenshot", "cannot write " + path.string());
}

std::vector<RecordedItem> read_items(const std::filesystem::path& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw Error("screenshot", "cannot read " + path.string());
    std::stringstream text;
    text << f.rdbuf();
    std::vector<RecordedItem> items;
    try {
        const Json doc = Json::parse(text.str());
        for (const Json& j : doc.at("items")) {
            items.push_back({j.at("id").get<std::string>(), j.at("label").get<std::string>(),
                             Rect{j.at("x").get<float>(), j.at("y").get<float>(),
                                  j.at("w").get<float>(), j.at("h").get<float>()},
                             std::nullopt});
            if (const auto t = j.find("text"); t != j.end())
                items.back().text = Rect{t->at(0).get<float>(), t->at(1).get<float>(),
                                         t->at(2).get<float>(), t->at(3).get<float>()};
        }
    } catch (const Json::exception& e) {
        throw Error("screenshot", path.string() + " is not an item list: " + e.what());
    }
    return items;
}

std::vector<std::string> compare_items(const std::vector<RecordedItem>& golden,
                                       const std::vector<RecordedItem>& actual, float edge_px) {
    // Longest common subsequence of (id, label): what is left on either side is missing or
    // new; matched items are then checked edge by edge.
    const std::size_t n = golden.size(), m = actual.size();
    std::vector<std::vector<std::size_t>> lcs(n + 1, std::vector<std::size_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[i][j] = same_key(golden[i], actual[j]) ? lcs[i + 1][j + 1] + 1
                                                       : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::vector<std::string> out;
    std::vector<const RecordedItem*> gone, added;
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && same_key(golden[i], actual[j])) {
            report_unmatched(gone, added, out);
            gone.clear();
            added.clear();
            const std::string moved = moved_edges(golden[i].rect, actual[j].rect, edge_px);
            if (!moved.empty())
                out.push_back(name(actual[j]) + " moved: golden " + where(golden[i].rect) +
                              ", now " + where(actual[j].rect) + " (" + moved + ")");
            ++i;
            ++j;
        } else if (j == m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
            gone.push_back(&golden[i++]);
        } else {
            added.push_back(&actual[j++]);
        }
    }
    report_unmatched(gone, added, out);
    return out;
}

}  // namespace quay::platform
