#pragma once
// The one exception type of quay_core: a stable machine code plus a plain message.

#include <stdexcept>
#include <string>

namespace quay {

class Error : public std::runtime_error {
  public:
    Error(std::string code, const std::string& message)
        : std::runtime_error(message), code_(std::move(code)) {}
    const std::string& code() const noexcept { return code_; }

  private:
    std::string code_;
};

}  // namespace quay
