// prt::SendResult<T> — the outcome of a send that can fail: ok, or the error
// and the value that was not sent, handed back to the caller so that a
// failed send never loses data (channels, rt/sync/channel.h; oneshot,
// rt/oneshot.h). Like Result, it is [[nodiscard]] and works with
// PRT_TRY / PRT_CO_TRY.
#pragma once

#include <optional>
#include <utility>

#include "result.h"

namespace prt {

// The outcome of a send: ok, or the error and the value that was not sent.
template <class T>
class [[nodiscard]] SendResult {
 public:
  SendResult() noexcept = default;
  SendResult(Error e, T&& unsent) noexcept : error_(e), unsent_(std::move(unsent)) {}
  bool ok() const noexcept { return !error_.has_error(); }
  explicit operator bool() const noexcept { return ok(); }
  const Error& error() const noexcept { return error_.error(); }
  // The value that was not sent (when !ok()).
  T& value() noexcept { return *unsent_; }
  T take_value() noexcept { return std::move(*unsent_); }
  // prt::timeout's hook: a send it gave up on reports Timeout, value kept.
  void retag_cancelled_as_timeout() noexcept {
    if (!ok() && error().is(ErrorKind::Cancelled)) error_ = Error(ErrorKind::Timeout, "prt::timeout deadline passed");
  }

 private:
  ErrorSlot error_;
  std::optional<T> unsent_;
};

}  // namespace prt
