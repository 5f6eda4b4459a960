#include "quay/printer/print_queue.hpp"

#include <exception>

namespace quay::printer {

PrintQueue::PrintQueue(std::unique_ptr<receipt::Printer> printer, PrintCallback on_result)
    : printer_(std::move(printer)),
      on_result_(std::move(on_result)),
      worker_([this](std::stop_token stop) { run(std::move(stop)); }) {}

PrintQueue::~PrintQueue() {
    worker_.request_stop();
    worker_.join();
}

void PrintQueue::submit(PrintJob job) {
    {
        const std::lock_guard lock(mutex_);
        tasks_.push_back({std::move(job), false});
    }
    wake_.notify_one();
}

void PrintQueue::check_status(std::string job_id) {
    {
        const std::lock_guard lock(mutex_);
        tasks_.push_back({{std::move(job_id), {}}, true});
    }
    wake_.notify_one();
}

std::size_t PrintQueue::queued() const {
    const std::lock_guard lock(mutex_);
    return tasks_.size();
}

receipt::PrintResult PrintQueue::perform(Task& task) {
    if (!printer_) return {receipt::PrintOutcome::offline, false, "no printer is configured"};
    if (task.status_only) return printer_->status();
    receipt::Raster raster;
    try {
        raster = task.job.render(printer_->width_dots());
    } catch (const std::exception& e) {
        return {receipt::PrintOutcome::error, false, std::string("cannot render: ") + e.what()};
    }
    return printer_->print(raster);
}

void PrintQueue::run(std::stop_token stop) {
    while (true) {
        Task task;
        {
            std::unique_lock lock(mutex_);
            if (!wake_.wait(lock, stop, [this] { return !tasks_.empty(); })) return;
            task = std::move(tasks_.front());
            tasks_.pop_front();
        }
        const auto result = perform(task);
        try {
            if (on_result_) on_result_(task.job.id, result);
        } catch (...) {
            // A failing callback must not end printing for every later job.
        }
    }
}

}  // namespace quay::printer
