#pragma once
// The bundled catalogue as JSON, and the loader's error after one change to it: shared by
// the catalogue and guided-questions tests.
#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "quay/catalog/loader.hpp"
#include "quay/embedded.hpp"

namespace test {

inline nlohmann::json bundled_json() {
    return nlohmann::json::parse(*quay::embedded::assets::find("catalog.json"));
}

// Applies one change to the bundled catalogue and returns the loader's error.
inline quay::catalog::CatalogError error_after(const std::function<void(nlohmann::json&)>& change) {
    auto doc = bundled_json();
    change(doc);
    try {
        quay::catalog::parse(doc.dump(), "test.json");
    } catch (const quay::catalog::CatalogError& e) {
        return e;
    }
    FAIL("the changed catalogue was accepted");
    throw;
}

}  // namespace test
