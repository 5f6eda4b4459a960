#pragma once
// Printing on its own thread: the UI submits a job and goes on; the result (printed,
// paper_out, cover_open, offline, error) comes back through the callback, on the print
// thread, so the UI must only hand it to its own queue there. A failed job is not retried:
// staff reprint it (quayctl print, or the staff screen). The dossier is never touched.

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "quay/receipt/printer.hpp"
#include "quay/receipt/raster.hpp"

namespace quay::printer {

struct PrintJob {
    std::string id;  // the caller's (e.g. the dossier id); echoed in the result
    // Runs on the print thread: rendering (FreeType, fonts on disk) stays off the UI thread.
    // An exception it throws becomes an "error" result.
    std::function<receipt::Raster(int width_dots)> render;
};

using PrintCallback = std::function<void(const std::string& job_id, const receipt::PrintResult&)>;

class PrintQueue {
  public:
    // printer may be null (no printer configured): every job then reports "offline".
    PrintQueue(std::unique_ptr<receipt::Printer> printer, PrintCallback on_result);
    // Finishes the job being printed (bounded by the printer's time limits); jobs not yet
    // started are dropped without a callback.
    ~PrintQueue();
    PrintQueue(const PrintQueue&) = delete;
    PrintQueue& operator=(const PrintQueue&) = delete;

    void submit(PrintJob job);
    // Asks the printer's status on the print thread; the result comes back as job_id.
    void check_status(std::string job_id);
    std::size_t queued() const;

  private:
    struct Task {
        PrintJob job;
        bool status_only = false;
    };
    void run(std::stop_token stop);
    receipt::PrintResult perform(Task& task);

    std::unique_ptr<receipt::Printer> printer_;
    PrintCallback on_result_;
    mutable std::mutex mutex_;  // guards tasks_
    std::condition_variable_any wake_;
    std::deque<Task> tasks_;
    std::jthread worker_;  // last: started after everything it uses exists
};

}  // namespace quay::printer
