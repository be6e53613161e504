// prt::Result<T> — a value or an Error, never both; [[nodiscard]] so a
// failure cannot be dropped silently.
//
//   Result<int> parse(...);            // return 42; or return Error(...);
//   if (auto r = parse(...)) use(*r); else log(r.error());
//
// In coroutines, PRT_CO_TRY(expr) returns the error of a failed Result from
// the enclosing Task, the way `?` does in Rust:
//
//   PRT_CO_TRY(co_await prt::sleep(10ms));
#pragma once

#include <new>
#include <type_traits>
#include <utility>

#include "config.h"
#include "error.h"

namespace prt {

template <class T>
class [[nodiscard]] Result {
  static_assert(!std::is_reference_v<T>, "Result<T&> is not supported; use a pointer");
  static_assert(!std::is_same_v<std::remove_cv_t<T>, Error>, "Result<Error> is ambiguous");

 public:
  using value_type = T;

  Result(const T& value) noexcept(std::is_nothrow_copy_constructible_v<T>)  // NOLINT
      : ok_(true) {
    ::new (static_cast<void*>(&value_)) T(value);
  }
  Result(T&& value) noexcept(std::is_nothrow_move_constructible_v<T>)  // NOLINT
      : ok_(true) {
    ::new (static_cast<void*>(&value_)) T(std::move(value));
  }
  Result(Error error) noexcept : error_(error), ok_(false) {}  // NOLINT
  template <class... Args>
  explicit Result(std::in_place_t, Args&&... args) : ok_(true) {
    ::new (static_cast<void*>(&value_)) T(std::forward<Args>(args)...);
  }

  Result(const Result& other) : ok_(other.ok_) {
    if (ok_) ::new (static_cast<void*>(&value_)) T(other.value_);
    else error_ = other.error_;
  }
  Result(Result&& other) noexcept(std::is_nothrow_move_constructible_v<T>) : ok_(other.ok_) {
    if (ok_) ::new (static_cast<void*>(&value_)) T(std::move(other.value_));
    else error_ = other.error_;
  }
  Result& operator=(const Result& other) {
    if (this != &other) {
      destroy();
      ::new (static_cast<void*>(this)) Result(other);
    }
    return *this;
  }
  Result& operator=(Result&& other) noexcept(std::is_nothrow_move_constructible_v<T>) {
    if (this != &other) {
      destroy();
      ::new (static_cast<void*>(this)) Result(std::move(other));
    }
    return *this;
  }
  ~Result() { destroy(); }

  bool ok() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }

  T& value() & noexcept { PRT_ASSERT(ok_); return value_; }
  const T& value() const& noexcept { PRT_ASSERT(ok_); return value_; }
  T&& value() && noexcept { PRT_ASSERT(ok_); return std::move(value_); }
  T& operator*() & noexcept { return value(); }
  const T& operator*() const& noexcept { return value(); }
  T&& operator*() && noexcept { return std::move(*this).value(); }
  T* operator->() noexcept { return &value(); }
  const T* operator->() const noexcept { return &value(); }

  const Error& error() const noexcept { PRT_ASSERT(!ok_); return error_; }

  template <class U>
  T value_or(U&& fallback) const& {
    return ok_ ? value_ : static_cast<T>(std::forward<U>(fallback));
  }
  template <class U>
  T value_or(U&& fallback) && {
    return ok_ ? std::move(value_) : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  void destroy() noexcept {
    if (ok_) value_.~T();
  }

  union {
    T value_;
    Error error_;
  };
  bool ok_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  using value_type = void;

  constexpr Result() noexcept = default;
  constexpr Result(Error error) noexcept : slot_(error) {}  // NOLINT
  constexpr Result(ErrorSlot slot) noexcept : slot_(slot) {}  // NOLINT

  constexpr bool ok() const noexcept { return !slot_.has_error(); }
  constexpr explicit operator bool() const noexcept { return ok(); }
  void value() const noexcept { PRT_ASSERT(ok()); }
  const Error& error() const noexcept { PRT_ASSERT(!ok()); return slot_.error(); }

 private:
  ErrorSlot slot_;
};

// The successful Result<void>: `co_return prt::ok();` (or `co_return {};`).
constexpr Result<void> ok() noexcept { return {}; }

namespace detail {
template <class R>
struct is_result : std::false_type {};
template <class T>
struct is_result<Result<T>> : std::true_type {};
}  // namespace detail

}  // namespace prt

// Evaluates expr (a Result); when it holds an error, co_returns that error
// from the enclosing Task coroutine.
#define PRT_CO_TRY(...)                                     \
  do {                                                      \
    if (auto prt_try_result_ = (__VA_ARGS__); !prt_try_result_) \
      co_return prt_try_result_.error();                    \
  } while (0)

// The same for ordinary functions returning a Result.
#define PRT_TRY(...)                                        \
  do {                                                      \
    if (auto prt_try_result_ = (__VA_ARGS__); !prt_try_result_) \
      return prt_try_result_.error();                       \
  } while (0)
