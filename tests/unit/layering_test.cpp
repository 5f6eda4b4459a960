// quay_core is domain code: no SDL or ImGui include may appear under kiosk/core.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

TEST_CASE("kiosk/core includes neither SDL nor ImGui") {
    const std::regex ui_include(R"(#\s*include\s*[<"](SDL|imgui)[^>"]*[>"])", std::regex::icase);
    int files = 0;
    for (const auto& e :
         fs::recursive_directory_iterator(fs::path(QUAY_SOURCE_DIR) / "kiosk/core")) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path());
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string src = ss.str();
        CHECK_MESSAGE(!std::regex_search(src, ui_include), e.path().string());
        ++files;
    }
    CHECK(files > 5);
}
