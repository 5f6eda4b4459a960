#pragma once
// Runs the flow's effects off the UI thread and posts their results to the UI's Inbox as
// flow events. It owns the backend and the threads the effects wait on:
//   submit  — saving only: nothing slow ever sits in front of a citizen's "Saving…";
//   lookups — portal status lookups (cancellable), the delivery watch, PIN checks, the
//             staff screen's data and actions;
//   printer — the backend's print queue (receipts, reprints, printer checks).
// docs/threads.md has the whole picture.

#include <memory>

#include "backend.hpp"
#include "quay/flow/inbox.hpp"
#include "quay/flow/jobs.hpp"
#include "quay/flow/kiosk.hpp"

namespace quay::kiosk_app {

class EffectRunner {
  public:
    EffectRunner(std::unique_ptr<Backend> backend, flow::Inbox& inbox);
    // Stops the job threads (each finishes its running job), then the backend (the
    // printer finishes its job; the delivery worker stops).
    ~EffectRunner();
    EffectRunner(const EffectRunner&) = delete;
    EffectRunner& operator=(const EffectRunner&) = delete;

    // On the UI thread: queues the effect and returns at once.
    void run(flow::Effect effect);
    // For readers that never wait (the metrics writer's printer state).
    const Backend& backend() const { return *backend_; }

  private:
    void staff_view_job();
    void staff_action(std::function<std::string(Backend&)> action);

    std::unique_ptr<Backend> backend_;
    flow::Inbox& inbox_;
    // Stopped in the destructor before the backend they call goes (the printer's
    // callbacks may still post to them then: kept, never run).
    flow::JobThread submit_, lookups_;
};

}  // namespace quay::kiosk_app
