// Generator objects: resuming the coroutine bodies of generator.h, the
// generator methods, and `yield from` delegation.
#include "gen/support/generator.h"

#include <cstdio>

#include "gen/support/internal.h"
#include "gen/support/io.h"

namespace gen {

namespace {

struct GeneratorObj {
  Header head;
  std::coroutine_handle<GenPromise> frame = {};  // null once finished (or closed before starting)
  Ref function = {};                        // for __name__ / __qualname__ / repr
  Ref handled = {};  // the exception being handled inside the body while it is suspended in an except block
  bool started = false;
  bool running = false;  // resumed and not yet suspended again: re-entry is a ValueError
};

GeneratorObj* as_generator(Obj o) { return o.as<GeneratorObj>(); }
const char* qualname_of(const GeneratorObj* g) { return g->function.get().as<FunctionObj>()->code->qualname; }

enum class Outcome { Yielded, Returned, Raised };

// Step 3 of generator.h. `in`: the value sent, or empty with the exception
// to raise at the yield pending. `out`: the value yielded or returned.
//
// The exception being handled is per frame in CPython: an except block in
// the body that is suspended at a yield must not leak its exception into
// the resumer, nor the resumer's into the body. The body's is parked in
// `handled` while it is suspended.
Outcome resume(GeneratorObj* g, Ref in, Ref& out) {
  if (g->running) {
    raise_message(&exc_ValueError, "generator already executing");
    return Outcome::Raised;
  }
  if (!g->frame) {  // finished: a thrown exception propagates as it is
    if (!in) return Outcome::Raised;
    out = new_ref(None());
    return Outcome::Returned;
  }
  if (!g->started && in && in.get() != None()) {
    raise_message(&exc_TypeError, "can't send non-None value to a just-started generator");
    return Outcome::Raised;
  }
  CallDepth depth;
  if (!depth.ok()) return Outcome::Raised;
  g->started = true;
  g->running = true;
  Ref& handling = handled_exception_slot();
  Ref resumer_handled = handling;
  if (g->handled) handling = std::move(g->handled);
  GenPromise& promise = g->frame.promise();
  promise.transfer = std::move(in);
  g->frame.resume();
  g->running = false;
  if (!g->frame.done()) {
    if (handling.get() != resumer_handled.get()) g->handled = std::move(handling);
    handling = std::move(resumer_handled);
    out = std::move(promise.transfer);
    return Outcome::Yielded;
  }
  handling = std::move(resumer_handled);
  Ref result = std::move(promise.transfer);
  g->frame.destroy();
  g->frame = nullptr;
  if (result) {
    out = std::move(result);
    return Outcome::Returned;
  }
  // PEP 479: a StopIteration escaping the body would end the caller's loop
  // silently; it becomes a RuntimeError caused by it.
  if (exception_matches_type(peek_error(), &exc_StopIteration)) {
    Ref stop = fetch_error();
    raise_message(&exc_RuntimeError, "generator raised StopIteration");
    auto* e = peek_error().as<ExceptionObj>();
    e->cause = stop;
    e->context = std::move(stop);
    e->suppress_context = true;
  }
  return Outcome::Raised;
}

// send()/throw()'s result: the yielded value, or StopIteration(return value).
Ref value_or_stop(Outcome outcome, Ref out) {
  if (outcome == Outcome::Yielded) return out;
  if (outcome == Outcome::Returned) return raise_stop_iteration(out);
  return Ref();
}

Ref generator_close(GeneratorObj* g) {
  if (!g->frame) return new_ref(None());
  if (!g->started) {
    g->frame.destroy();
    g->frame = nullptr;
    return new_ref(None());
  }
  restore_error(make_exception(&exc_GeneratorExit, nullptr, 0));
  Ref out;
  switch (resume(g, Ref(), out)) {
    case Outcome::Yielded: return raise_message(&exc_RuntimeError, "generator ignored GeneratorExit");
    case Outcome::Returned: return new_ref(None());
    case Outcome::Raised: break;
  }
  if (exception_matches_type(peek_error(), &exc_GeneratorExit) ||
      exception_matches_type(peek_error(), &exc_StopIteration)) {
    clear_error();
    return new_ref(None());
  }
  return Ref();
}

// Step 5.
void generator_destroy(Obj o) {
  auto* g = as_generator(o);
  if (g->frame && g->started && !g->running) {
    Ref pending = fetch_error();
    if (!generator_close(g)) {
      Ref exc = fetch_error();
      char head[160];
      std::snprintf(head, sizeof head, "Exception ignored in: <generator object %s at %#llx>\n", qualname_of(g),
                    static_cast<unsigned long long>(o.bits()));
      write_stderr(head);
      restore_error(std::move(exc));
      report_uncaught();
    }
    restore_error(std::move(pending));
  }
  if (g->frame) {
    Ref& handling = handled_exception_slot();
    Ref saved = handling;  // the body's except blocks restore their exceptions as the frame unwinds
    g->frame.destroy();
    handling = std::move(saved);
  }
  g->~GeneratorObj();
}

Ref generator_repr(Obj o) {
  char buf[64];
  std::snprintf(buf, sizeof buf, " at %#llx>", static_cast<unsigned long long>(o.bits()));
  return str_from(std::string("<generator object ") + qualname_of(as_generator(o)) + buf);
}

Ref generator_next_slot(Obj o) {
  Ref out;
  // The return value ends iteration; only next() and send() report it.
  return resume(as_generator(o), new_ref(None()), out) == Outcome::Yielded ? out : Ref();
}

Ref generator_getattr(Obj self, Obj name) {
  auto* g = as_generator(self);
  const std::string_view n = str_view(name);
  if (n == "gi_running") return new_ref(Bool(g->running));
  if (n == "__name__") return getattr(g->function, name);
  if (n == "__qualname__") return str_from(qualname_of(g));
  bool missing = false;
  Ref r = generic_getattr(self, name, missing);
  if (missing) return raise_format(&exc_AttributeError, "'generator' object has no attribute '%.*s'",
                                   static_cast<int>(n.size()), n.data());
  return r;
}

// --- methods ---

Ref m_send(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("send", kwnames)) return Ref();
  if (nargs != 1) return raise_format(&exc_TypeError, "generator.send() takes exactly one argument (%zu given)", nargs);
  return generator_send(self, args[0]);
}

// throw(exc) or throw(type[, value[, traceback]]): the traceback is ignored.
Ref m_throw(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("throw", kwnames)) return Ref();
  if (nargs < 1 || nargs > 3)
    return raise_format(&exc_TypeError, "throw expected at least 1 argument, got %zu", nargs);
  Obj type = args[0];
  Obj value = nargs >= 2 ? args[1] : None();
  Ref exc;
  if (is_type(type) && is_subtype(type.as<TypeObj>(), &exc_BaseException)) {
    if (value != None() && isinstance(value, type.as<TypeObj>())) {
      exc = Ref::borrow(value);
    } else {
      exc = value == None() ? call0(type) : call(type, &value, 1);
      if (!exc) return Ref();
    }
  } else if (isinstance(type, &exc_BaseException)) {
    if (value != None()) return raise_message(&exc_TypeError, "instance exception may not have a separate value");
    exc = Ref::borrow(type);
  } else {
    return raise_format(&exc_TypeError, "exceptions must be classes or instances deriving from BaseException, not %s",
                        type_name(type));
  }
  restore_error(std::move(exc));
  Ref out;
  const Outcome outcome = resume(as_generator(self), Ref(), out);
  return value_or_stop(outcome, std::move(out));
}

Ref m_close(Obj self, const Obj*, std::size_t nargs, Obj kwnames) {
  if (!no_keywords("close", kwnames)) return Ref();
  if (nargs != 0) return raise_format(&exc_TypeError, "generator.close() takes no arguments (%zu given)", nargs);
  return generator_close(as_generator(self));
}

constexpr MethodDef kGeneratorMethods[] = {{"send", m_send}, {"throw", m_throw}, {"close", m_close}};

}  // namespace

TypeObj generator_type = {.head = GEN_TYPE_HEAD, .name = "generator", .base = &object_type,
    .destroy = generator_destroy, .repr = generator_repr, .hash = object_hash, .iter = self_iter_slot,
    .next = generator_next_slot, .getattr = generator_getattr};

void init_generator_type() { add_methods(&generator_type, kGeneratorMethods); }

Ref make_generator(Obj function, GenBody body) {
  return Ref::steal(Obj::of(make<GeneratorObj>(&generator_type, body.frame, Ref::borrow(function))));
}

Ref generator_send(Obj generator, Obj value) {
  Ref out;
  const Outcome outcome = resume(as_generator(generator), Ref::borrow(value), out);
  return value_or_stop(outcome, std::move(out));
}

// --- yield from ---

Ref yield_from_iter(Obj iterable) { return iter(iterable); }

Ref yield_from_step(Obj sub, Ref sent, bool& done) {
  done = false;
  const bool is_generator = sub.type() == &generator_type;
  Ref out;
  if (!sent) {
    // Thrown in: GeneratorExit closes the subiterator and goes on up; any
    // other exception is thrown into it when it has throw().
    if (exception_matches_type(peek_error(), &exc_GeneratorExit)) {
      Ref exit = fetch_error();
      Ref closed;
      if (is_generator) {
        closed = generator_close(as_generator(sub));
      } else {
        static Ref close_name = str_intern("close");
        bool missing = false;
        Ref close = getattr_or_missing(sub, close_name, missing);
        closed = missing ? new_ref(None()) : close ? call0(close) : Ref();
      }
      if (closed) restore_error(std::move(exit));
      return Ref();
    }
    if (is_generator) {
      const Outcome outcome = resume(as_generator(sub), Ref(), out);
      if (outcome == Outcome::Returned) done = true;
      return out;
    }
    static Ref throw_name = str_intern("throw");
    Ref exc = fetch_error();
    bool missing = false;
    Ref thrower = getattr_or_missing(sub, throw_name, missing);
    if (missing) {
      restore_error(std::move(exc));
      return Ref();
    }
    if (!thrower) return Ref();
    Obj arg = exc;
    out = call(thrower, &arg, 1);
  } else if (is_generator) {
    const Outcome outcome = resume(as_generator(sub), std::move(sent), out);
    if (outcome == Outcome::Returned) done = true;
    return out;
  } else if (sent.get() == None()) {
    out = next(sub);
    if (!out && !error_pending()) {
      done = true;
      return new_ref(None());
    }
    return out;
  } else {
    static Ref send_name = str_intern("send");
    Obj arg = sent;
    out = call_method(sub, send_name, &arg, 1);
  }
  // A subiterator's send()/throw() end by raising StopIteration(value).
  if (!out && exception_matches_type(peek_error(), &exc_StopIteration)) {
    Ref stop = fetch_error();
    static Ref value_name = str_intern("value");
    done = true;
    return getattr(stop, value_name);
  }
  return out;
}

}  // namespace gen
