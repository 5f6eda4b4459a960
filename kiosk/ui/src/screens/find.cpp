// Finding a procedure: home, search as you type, browse by life event and by field.
#include <algorithm>
#include <cmath>
#include <map>

#include "quay/text/utf8.hpp"
#include "quay/ui/theme.hpp"
#include "screens/screen.hpp"

namespace quay::ui {

namespace {

void procedure_card(Ctx& c, const catalog::Procedure& p) {
    if (c.w.card_button("proc:" + p.code, c.t(p.name), c.t(p.field), c.width))
        c.emit(flow::intent::OpenProcedure{p.code});
}

// Search results for the query, recomputed only when the query or language changes.
const std::vector<const catalog::Procedure*>& results_for(Ctx& c, const std::string& query) {
    const std::string key = std::string(to_string(c.w.language())) + ":" + query;
    if (key == c.st.search_query) return c.st.search_results;
    c.st.search_query = key;
    c.st.search_results.clear();
    for (const auto& hit : c.search->search(query, 30))
        c.st.search_results.push_back(hit.procedure);
    return c.st.search_results;
}

}  // namespace

void draw_home(Ctx& c) {
    Widgets& w = c.w;
    if (c.k.out_of_service()) {
        // Staff switched the kiosk off for new dossiers: say so first, and where to go.
        const ImVec2 top = card(c, {c.w.colors().warn_bg, 0, c.w.colors().warn}, [&](float inner) {
            w.text(c.tr("ui.help.out_of_service_title"), w.fonts().heading, c.w.colors().warn,
                   inner);
            w.text(c.tr("ui.help.out_of_service"), w.fonts().bold, c.w.colors().text, inner);
        });
        w.record("home.out_of_service", c.tr("ui.help.out_of_service_title"), top,
                 ImVec2(top.x + c.width, ImGui::GetCursorScreenPos().y));
        w.spacing(16);
    }
    // Landscape: finding a procedure on the left, browsing by field and the dossier lookup
    // on the right, everything above the fold (issue 14, item 8).
    const float full = c.width, col_gap = w.px(theme::margin);
    const bool two_columns = full > w.px(1400);
    const float left = two_columns ? std::floor((full - col_gap) * 0.62f) : full;
    c.width = left;
    ImGui::BeginGroup();
    w.text(c.tr("ui.home.intro"), w.fonts().body, w.colors().muted, c.width);
    w.spacing(8);
    // The search "box": a big button that opens the search screen with the keyboard.
    if (w.button("home.search", c.tr("ui.home.search"), ImVec2(c.width, w.px(110)),
                 ButtonKind::primary, w.fonts().heading)) {
        c.emit(flow::intent::OpenSearch{});
    }
    w.spacing(16);
    w.text(c.tr("ui.home.life_events"), w.fonts().heading, 0, c.width);
    const auto& events = c.k.catalog().life_events;
    const float gap = w.px(theme::gap);
    const int cols = c.width > w.px(1400) ? 3 : 2;
    const float cell = (c.width - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (i % static_cast<std::size_t>(cols) != 0) ImGui::SameLine(0, gap);
        if (w.button("event:" + events[i].code, c.t(events[i].name), ImVec2(cell, w.px(120))))
            c.emit(flow::intent::OpenEvent{events[i].code});
    }
    if (two_columns) {
        ImGui::EndGroup();
        ImGui::SameLine(0, col_gap);
        c.width = full - left - col_gap;
        ImGui::BeginGroup();
    } else {
        w.spacing(16);
    }
    auto fields = [&] {
        if (w.card_button("home.fields", c.tr("ui.home.fields"), c.tr("ui.home.fields_hint"),
                          c.width))
            c.emit(flow::intent::OpenBrowseFields{});
    };
    auto status = [&] {
        if (w.card_button("home.status", c.tr("ui.home.status"), c.tr("ui.home.status_hint"),
                          c.width))
            c.emit(flow::intent::OpenStatus{});
    };
    // Beside the search, the dossier lookup comes first; below it, browsing does.
    if (two_columns) {
        status();
        w.spacing(8);
        fields();
    } else {
        fields();
        w.spacing(8);
        status();
    }
    ImGui::EndGroup();
    c.width = full;
}

void draw_search(Ctx& c) {
    Widgets& w = c.w;
    plain_field_box(c, flow::key::search, c.tr("ui.search.label"));
    const std::string query = c.session().value(flow::key::search);
    const auto& results = results_for(c, query);
    w.spacing(8);
    if (text::fold_for_search(query).empty()) {
        w.text(c.tr("ui.search.hint"), w.fonts().body, w.colors().muted);
        return;
    }
    if (results.empty()) {
        w.text(c.tr("ui.search.none"), w.fonts().body, w.colors().muted);
        w.spacing(8);
        if (w.card_button("search.browse", c.tr("ui.home.life_events"), {}, c.width))
            c.emit(flow::intent::OpenBrowseEvents{});
        return;
    }
    for (const auto* p : results)
        procedure_card(c, *p);
}

void draw_browse_events(Ctx& c) {
    for (const auto& e : c.k.catalog().life_events) {
        if (c.w.card_button("event:" + e.code, c.t(e.name), {}, c.width))
            c.emit(flow::intent::OpenEvent{e.code});
    }
}

void draw_browse_fields(Ctx& c) {
    // Fields in catalogue order, each once.
    std::vector<const catalog::Procedure*> firsts;
    std::map<std::string, int> counts;
    for (const auto& p : c.k.catalog().procedures) {
        if (counts[p.field_code]++ == 0) firsts.push_back(&p);
    }
    for (const auto* p : firsts) {
        const std::string count = c.count("ui.browse.count", counts[p->field_code]);
        if (c.w.card_button("field:" + p->field_code, c.t(p->field), count, c.width))
            c.emit(flow::intent::OpenField{p->field_code});
    }
}

void draw_procedure_list(Ctx& c) {
    const std::string& param = c.k.location().param;
    const bool by_event = param.rfind("event:", 0) == 0;
    const std::string code = param.substr(6);
    if (by_event) guide_buttons(c, catalog::guides_for_life_event(c.k.catalog(), code));
    for (const auto& p : c.k.catalog().procedures) {
        const bool match = by_event ? std::find(p.life_events.begin(), p.life_events.end(), code) !=
                                          p.life_events.end()
                                    : p.field_code == code;
        if (match) procedure_card(c, p);
    }
}

}  // namespace quay::ui
