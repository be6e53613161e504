// Generator functions and generator expressions as C++20 coroutines.
//
// A generator function compiles to two C++ functions: its entry (what a
// call runs once the arguments are bound) and its body, a coroutine whose
// promise is GenPromise. The protocol:
//
//   1. The entry calls the body. The body copies its parameters into its
//      coroutine frame (they live in the caller's array only during the
//      call) and suspends at its start point, `co_await gen::GenStart{}`,
//      before running any Python code.
//   2. The entry wraps the suspended body in a generator object
//      (make_generator) and returns it.
//   3. next(), send(v), throw(e) and close() resume the body (generator.cpp,
//      `resume`). What they pass in is what the suspended start point or
//      `co_yield` evaluates to: the value sent (None for next), or an empty
//      Ref with the exception to raise there pending (throw, close).
//   4. The body runs to its next `co_yield v` (suspends with v in the
//      promise) or to `co_return r`: r is the return value, or empty with an
//      exception pending. final_suspend keeps the frame until `resume` has
//      taken the result; `resume` then destroys the frame.
//   5. A generator dropped while suspended inside its body is closed first
//      (GeneratorExit raised at the yield, so its finally blocks run), as
//      CPython does; the exception pending at that moment is kept.
//
// Every transfer goes through the promise's one slot: a yielded value out,
// a sent value in, the result out. It is never full in two directions at
// once because the body and its resumer alternate.
#pragma once

#include <coroutine>
#include <cstdlib>

#include "gen/support/object.h"
#include "gen/support/type.h"

namespace gen {

struct GenPromise;

// What a generator body returns to its entry.
struct GenBody {
  using promise_type = GenPromise;
  std::coroutine_handle<GenPromise> frame;
};

// `co_yield v` suspends; resuming makes it evaluate to the value sent in.
struct GenResume {
  GenPromise* promise;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  Ref await_resume() const noexcept;
};

struct GenPromise {
  Ref transfer;

  GenBody get_return_object() noexcept { return {std::coroutine_handle<GenPromise>::from_promise(*this)}; }
  std::suspend_never initial_suspend() const noexcept { return {}; }
  std::suspend_always final_suspend() const noexcept { return {}; }
  void return_value(Ref result) noexcept { transfer = std::move(result); }
  GenResume yield_value(Ref value) noexcept {
    transfer = std::move(value);
    return {this};
  }
  void unhandled_exception() const noexcept { std::abort(); }  // generated code throws nothing
};

inline Ref GenResume::await_resume() const noexcept { return std::move(promise->transfer); }

// Step 1's start point: evaluates to None (first next()/send(None)) or to an
// empty Ref with the exception thrown into a generator never started.
struct GenStart {
  GenPromise* promise = nullptr;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<GenPromise> frame) noexcept { promise = &frame.promise(); }
  Ref await_resume() const noexcept { return std::move(promise->transfer); }
};

extern TypeObj generator_type;

// Step 2. `function`: the generator function (its __name__/__qualname__).
Ref make_generator(Obj function, GenBody body);
// g.send(value): the next value yielded, or StopIteration(return value).
Ref generator_send(Obj generator, Obj value);

// `yield from iterable`: yield_from_iter is iter() (a generator is its own);
// each yield_from_step passes what the delegating generator was sent (an
// empty Ref: an exception pending to throw in) to the subiterator. It sets
// `done` and returns the subiterator's return value when that finished,
// else returns the value to yield; empty with an exception pending on error.
Ref yield_from_iter(Obj iterable);
Ref yield_from_step(Obj subiterator, Ref sent, bool& done);

}  // namespace gen
