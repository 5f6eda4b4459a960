#pragma once
// Where the citizen is: one screen at a time plus the way back. The whole navigation of
// the kiosk is this stack and the rules of flow::Kiosk; screens only ask to move.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quay::flow {

enum class Screen {
    home,
    search,
    browse_events,   // life events
    browse_fields,   // lĩnh vực
    procedure_list,  // procedures of one life event or field (param: "event:CODE" | "field:CODE")
    procedure,       // param: procedure code
    form,            // page: index into the form plan
    review,
    saving,   // the dossier is being stored; nothing else may happen
    receipt,  // saved: code, delivery state, printing result
    status,   // status lookup: receipt code + last four ID digits
    status_result,
    staff_pin,
    staff,
    guided,          // one guided question (param: guide code; page: answers so far)
    guided_outcome,  // where the answers lead (param: guide code; page: answers)
    picker,          // a reference list for one form field (param: field code; page: form page)
};

// Stable names used by scripts and logs ("home", "search", ...).
std::string_view to_string(Screen s);
std::optional<Screen> parse_screen(std::string_view name);

struct Location {
    Screen screen = Screen::home;
    std::string param;
    int page = 0;
    bool operator==(const Location&) const = default;
};

class Navigator {
  public:
    const Location& current() const { return stack_.back(); }
    bool can_go_back() const { return stack_.size() > 1; }
    void push(Location l);
    void replace(Location l);
    void back();  // to the previous screen; home stays home
    void home();  // forget the way back
    // Goes back to the nearest screen of this kind if it is on the stack (true), else no-op.
    bool back_to(Screen s);

  private:
    std::vector<Location> stack_{Location{}};
};

}  // namespace quay::flow
