#include "screens/screen.hpp"

#include "quay/locale/locale.hpp"

namespace quay::ui {

using flow::Screen;

std::string screen_title(Ctx& c) {
    const auto& loc = c.k.location();
    switch (loc.screen) {
        case Screen::home:
            return std::string(c.tr("ui.home.title"));
        case Screen::search:
            return std::string(c.tr("ui.search.title"));
        case Screen::browse_events:
            return std::string(c.tr("ui.browse.events_title"));
        case Screen::browse_fields:
            return std::string(c.tr("ui.browse.fields_title"));
        case Screen::procedure_list: {
            const auto& param = loc.param;
            if (param.rfind("event:", 0) == 0) {
                for (const auto& e : c.k.catalog().life_events)
                    if (e.code == param.substr(6)) return c.t(e.name);
            } else {
                for (const auto& p : c.k.catalog().procedures)
                    if (p.field_code == param.substr(6)) return c.t(p.field);
            }
            return std::string(c.tr("ui.browse.events_title"));
        }
        case Screen::procedure:
        case Screen::form:
        case Screen::review:
            if (loc.screen != Screen::procedure && c.k.plan() && c.k.plan()->bundle())
                return c.t(c.k.plan()->bundle()->name);
            if (const auto* p = c.k.procedure()) return c.t(p->name);
            return "";
        case Screen::saving:
            return std::string(c.tr("ui.saving.title"));
        case Screen::receipt:
            return std::string(c.tr("ui.receipt.title"));
        case Screen::status:
        case Screen::status_result:
            return std::string(c.tr("ui.status.title"));
        case Screen::staff_pin:
        case Screen::staff:
            return std::string(c.tr("ui.staff.title"));
        case Screen::guided:
        case Screen::guided_outcome:
            if (const auto* g = c.k.guide()) return c.t(g->title);
            return std::string(c.tr("ui.guided.title"));
        case Screen::picker:
            if (const auto* f = c.k.picker_field()) return c.t(f->label);
            return "";
    }
    return "";
}

void screen_content(Ctx& c) {
    switch (c.k.location().screen) {
        case Screen::home:
            draw_home(c);
            break;
        case Screen::search:
            draw_search(c);
            break;
        case Screen::browse_events:
            draw_browse_events(c);
            break;
        case Screen::browse_fields:
            draw_browse_fields(c);
            break;
        case Screen::procedure_list:
            draw_procedure_list(c);
            break;
        case Screen::procedure:
            draw_procedure(c);
            break;
        case Screen::form:
            draw_form(c);
            break;
        case Screen::review:
            draw_review(c);
            break;
        case Screen::saving:
            draw_saving(c);
            break;
        case Screen::receipt:
            draw_receipt(c);
            break;
        case Screen::status:
            draw_status(c);
            break;
        case Screen::status_result:
            draw_status_result(c);
            break;
        case Screen::staff_pin:
            draw_staff_pin(c);
            break;
        case Screen::staff:
            draw_staff(c);
            break;
        case Screen::guided:
            draw_guided(c);
            break;
        case Screen::guided_outcome:
            draw_guided_outcome(c);
            break;
        case Screen::picker:
            draw_picker(c);
            break;
    }
}

bool screen_has_actions(const Ctx& c) {
    switch (c.k.location().screen) {
        case Screen::procedure:
        case Screen::form:
        case Screen::review:
        case Screen::receipt:
        case Screen::status:
        case Screen::status_result:
        case Screen::staff_pin:
        case Screen::guided_outcome:
            return true;
        default:
            return false;
    }
}

void screen_actions(Ctx& c) {
    const auto& loc = c.k.location();
    const ImVec2 size(c.width, c.w.px(100));
    switch (loc.screen) {
        case Screen::procedure:
            // Out of service: no new dossier; the button says why instead of starting one.
            if (c.w.button("action.start",
                           c.tr(c.k.out_of_service() ? "ui.help.out_of_service_title"
                                                     : "ui.procedure.start"),
                           size, ButtonKind::primary, nullptr, !c.k.out_of_service()))
                c.emit(flow::intent::StartForm{});
            break;
        case Screen::form: {
            const auto* plan = c.k.plan();
            const bool last = plan && loc.page + 1 >= plan->page_count();
            std::string label(c.session().from_review ? c.tr("ui.form.back_to_review")
                              : last                  ? c.tr("ui.form.to_review")
                                                      : c.tr("ui.form.next"));
            // What still stops the citizen, named on the button they will press.
            if (const auto* bad = c.k.first_problem_on_page())
                label = locale::format(c.tr("ui.form.fix"), {{"field", c.t(bad->label)}});
            // While the date picker is open its "Chọn ngày này" is the one main action
            // (one red button on the screen, ui.md).
            const auto kind = c.st.date_field ? ButtonKind::secondary : ButtonKind::primary;
            if (c.w.button("action.next", label, size, kind)) c.emit(flow::intent::NextPage{});
            break;
        }
        case Screen::review: {
            // Refused for want of the declaration: the button says what is missing.
            const bool refused = c.session().errors.count(std::string(flow::key::declaration));
            const auto* plan = c.k.plan();
            const std::string label =
                refused ? std::string(c.tr("ui.review.declare_first"))
                : plan && plan->bundle()
                    ? locale::format(c.tr("bundle.review.confirm"),
                                     {{"n", std::to_string(plan->procedures().size())}})
                    : std::string(c.tr("ui.review.confirm"));
            if (c.w.button("action.confirm", label, size, ButtonKind::primary))
                c.emit(flow::intent::Confirm{});
            break;
        }
        case Screen::receipt:
            // The seconds before the screen clears itself, where the eye already is.
            if (c.w.button("action.done",
                           locale::format(c.tr("ui.receipt.done_countdown"),
                                          {{"n", std::to_string(c.k.receipt_seconds_left())}}),
                           size, ButtonKind::primary))
                c.emit(flow::intent::Home{});
            break;
        case Screen::status:
            if (c.w.button("action.lookup", c.tr("ui.status.lookup"), size, ButtonKind::primary))
                c.emit(flow::intent::LookupStatus{});
            break;
        case Screen::status_result:
            if (c.w.button("action.again", c.tr("ui.status.again"), size, ButtonKind::primary))
                c.emit(flow::intent::Back{});
            break;
        case Screen::guided_outcome: {
            const auto o = c.k.guide_outcome();
            if (o && !o->exit()) {
                const auto* b = c.k.catalog().find_bundle(o->bundle);
                const std::string label =
                    b ? locale::format(c.tr("bundle.offer.start"),
                                       {{"n", std::to_string(b->procedures.size())}})
                      : std::string(c.tr("ui.guided.start"));
                if (c.w.button("action.start", label, size, ButtonKind::primary))
                    c.emit(flow::intent::StartForm{});
            } else if (c.w.button("action.home", c.tr("common.home"), size, ButtonKind::primary)) {
                c.emit(flow::intent::Home{});
            }
            break;
        }
        case Screen::staff_pin:
            if (c.w.button("action.unlock", c.tr("ui.staff.unlock"), size, ButtonKind::primary))
                c.emit(flow::intent::StaffSubmitPin{});
            break;
        default:
            break;
    }
}

}  // namespace quay::ui
