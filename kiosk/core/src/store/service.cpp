// The out-of-service switch: one settings row, so a restart keeps it (docs/staff-guide.md).
#include "impl.hpp"

namespace quay::store {

std::optional<std::string> Store::out_of_service_since() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->setting("out_of_service_since");
}

void Store::set_out_of_service(bool out) {
    std::lock_guard lock(impl_->mutex);
    if (!out) {
        impl_->db.exec("DELETE FROM settings WHERE key = 'out_of_service_since'");
        return;
    }
    if (!impl_->setting("out_of_service_since"))
        impl_->set_setting("out_of_service_since", impl_->now_text());
}

bool Store::out_of_service(const std::filesystem::path& data_dir) {
    return detail::read_only_text(data_dir,
                                  "SELECT value FROM settings WHERE key = 'out_of_service_since'")
        .has_value();
}

}  // namespace quay::store
