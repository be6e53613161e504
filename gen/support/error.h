// Exceptions without C++ exceptions: CPython's C API protocol.
//
//   1. Raising stores an exception object in the thread's slot and returns
//      an empty Ref (or false, or -1) to the caller.
//   2. Every caller tests what it got; on failure generated code records
//      where the exception passed (traceback_here: the function and the
//      line) and jumps to the innermost handler, or returns failure itself.
//   3. An `except` clause takes the exception out of the slot (fetch), tests
//      it (exception_matches) and either handles it, with it as the
//      "exception being handled" (HandlingScope: what a new exception gets
//      as __context__), or puts it back (restore) and goes on unwinding.
//   4. A bare `raise` re-raises without a new traceback entry; `raise e`
//      adds this frame's, on top of e's existing traceback.
//   5. main() prints what reaches it as CPython's traceback does and exits
//      with status 1 (SystemExit: its code).
#pragma once

#include <cstdint>
#include <string>

#include "gen/support/object.h"
#include "gen/support/type.h"

namespace gen {

#define GEN_EXCEPTION(name, base) extern TypeObj exc_##name;
GEN_EXCEPTION(BaseException, none)
#include "gen/support/exceptions.def"
#undef GEN_EXCEPTION

// Where code is: one per generated function (and the module body), for the
// traceback's `File "prog.py", line N, in name` lines.
struct FrameInfo {
  const char* function;  // "<module>", "f", "<lambda>", "<listcomp>", "C.method"'s "method"
  const char* file;      // as given to pyfront (CPython prints argv[0]'s path)
};

struct TracebackObj {
  Header head;
  Ref next;  // the entry this one was added on top of (nearer the raise)
  const FrameInfo* frame;
  int line;
};

struct ExceptionObj {
  Header head;
  Ref args;     // tuple
  Ref dict;     // attributes a program sets (and user subclasses' fields)
  Ref cause;    // __cause__
  Ref context;  // __context__
  Ref traceback;
  bool suppress_context;
};

// The slot (steps 1 and 3).
bool error_pending();
Ref fetch_error();
void restore_error(Ref exc);
Obj peek_error();
void clear_error();

// Raising. Each returns an empty Ref so `return raise_...(...)` reads well.
Ref raise(Obj exc);  // an instance, or a class to instantiate with no arguments
Ref raise_message(TypeObj* type, std::string message);
Ref raise_with_cause(Obj exc, Obj cause);  // raise exc from cause (cause may be None)
Ref raise_key_error(Obj key);
Ref raise_stop_iteration(Obj value);
Ref raise_type_error_not_callable(Obj callable);
Ref raise_os_error(int errnum, Obj filename);  // the subclass errno maps to
// A printf-style message.
Ref raise_format(TypeObj* type, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
// The type's name as messages quote it ('int', 'MyClass').
const char* type_name(Obj o);

// Step 2: adds a traceback entry to the pending exception.
void traceback_here(const FrameInfo* frame, int line);

// Step 3. 1: exc is an instance of `type` (a class or a tuple of classes),
// 0: it is not, -1: `type` is not an exception class (TypeError raised).
int exception_matches(Obj exc, Obj type);
bool exception_matches_type(Obj exc, TypeObj* type);

// The exception being handled: a stack kept by except clauses, read by
// raise (implicit chaining) and by a bare `raise`.
class HandlingScope {
 public:
  explicit HandlingScope(Obj exc);
  ~HandlingScope();
  HandlingScope(const HandlingScope&) = delete;
  HandlingScope& operator=(const HandlingScope&) = delete;

 private:
  Ref previous_;
};
Obj exception_being_handled();  // None when there is none
Ref reraise();                  // bare `raise`

// Python's recursion limit: generated functions count their depth, so
// runaway recursion is RecursionError, not a crashed stack.
inline int recursion_limit = 1000;  // sys.setrecursionlimit's
// Constant-initialised and defined here, so every access is a plain TLS
// load: declared `extern`, each generated function's entry also tested a
// weak TLS-init symbol first.
inline thread_local int call_depth = 0;
bool enter_call_slow();
inline bool enter_call() { return ++call_depth <= recursion_limit || enter_call_slow(); }
inline void leave_call() { --call_depth; }
class CallDepth {
 public:
  CallDepth() : ok_(enter_call()) {}
  ~CallDepth() { leave_call(); }
  CallDepth(const CallDepth&) = delete;
  CallDepth& operator=(const CallDepth&) = delete;
  bool ok() const { return ok_; }

 private:
  bool ok_;
};

// Step 5: prints the pending exception as CPython does and returns the
// process's exit status (SystemExit's code, else 1).
int report_uncaught();
std::string format_exception_only(Obj exc);  // "KeyError: 'k'"

// Exception constructors and attributes (exception.cpp).
Ref make_exception(TypeObj* type, const Obj* args, std::size_t nargs);
Obj exception_args(Obj exc);

}  // namespace gen
