// The dynamic value of generated code: gen::Obj, one 64-bit word (on
// wasm32 too, where pointers are 32 bits: WebAssembly has native i64).
//
// Bit layout of Obj::bits:
//   ...........1   a small int: the value is bits >> 1 (arithmetic), so
//                  [-2**62, 2**62 - 1]; ints beyond live on the heap
//                  (Invariant I: an int is small exactly when it fits).
//   ..........00   a pointer to a heap object (Header first, 8-aligned).
//   0              no value: the error result (an exception is pending,
//                  gen/support/error.h) or an unbound variable.
//
// Heap objects are reference counted, not atomically: a program's Python
// threads will take turns holding the interpreter lock, as CPython's do, so
// only one thread touches counts at a time. None, True, False, the builtin
// types and interned constants are immortal (their count starts at
// kImmortal and never reaches zero).
//
// Obj is borrowed (no count of its own); Ref owns one reference. Functions
// take Obj arguments and return Ref: an empty Ref means "raised" (CPython's
// convention, with the exception in the thread's slot).
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

namespace gen {

struct TypeObj;

struct Header {
  std::int64_t refcnt;
  TypeObj* type;
};

inline constexpr std::int64_t kImmortal = std::int64_t{1} << 60;
inline constexpr std::int64_t kSmallMax = (std::int64_t{1} << 62) - 1;
inline constexpr std::int64_t kSmallMin = -(std::int64_t{1} << 62);

extern TypeObj int_type;

class Obj {
 public:
  constexpr Obj() = default;
  Obj(Header* h) : bits_(reinterpret_cast<std::uintptr_t>(h)) {}  // NOLINT: a heap object is a value
  template <class T>
  static Obj of(T* object) {
    return Obj(reinterpret_cast<Header*>(object));
  }
  static constexpr Obj small(std::int64_t v) { return Obj((static_cast<std::uint64_t>(v) << 1) | 1u); }
  static constexpr bool fits_small(std::int64_t v) { return v >= kSmallMin && v <= kSmallMax; }
  static constexpr Obj from_bits(std::uint64_t bits) { return Obj(bits); }

  constexpr bool is_small() const { return (bits_ & 1u) != 0; }
  constexpr std::int64_t small_value() const { return static_cast<std::int64_t>(bits_) >> 1; }
  Header* header() const { return reinterpret_cast<Header*>(static_cast<std::uintptr_t>(bits_)); }
  template <class T>
  T* as() const {
    return reinterpret_cast<T*>(static_cast<std::uintptr_t>(bits_));
  }
  TypeObj* type() const { return is_small() ? &int_type : header()->type; }
  constexpr std::uint64_t bits() const { return bits_; }
  explicit constexpr operator bool() const { return bits_ != 0; }
  friend constexpr bool operator==(Obj a, Obj b) { return a.bits_ == b.bits_; }  // Python's `is`

 private:
  explicit constexpr Obj(std::uint64_t bits) : bits_(bits) {}
  std::uint64_t bits_ = 0;
};

void dealloc(Obj o);  // count reached zero: the type's destructor, then free

inline void incref(Obj o) {
  if (o && !o.is_small()) ++o.header()->refcnt;
}
inline void decref(Obj o) {
  if (o && !o.is_small() && --o.header()->refcnt == 0) dealloc(o);
}

// One owned reference (or none: the error result, an unbound variable).
class Ref {
 public:
  Ref() = default;
  Ref(std::nullptr_t) {}  // NOLINT: "no value"
  // Takes over a reference the caller owns.
  static Ref steal(Obj o) {
    Ref r;
    r.o_ = o;
    return r;
  }
  // Takes a new reference to a borrowed value.
  static Ref borrow(Obj o) {
    incref(o);
    return steal(o);
  }
  Ref(const Ref& other) : o_(other.o_) { incref(o_); }
  Ref(Ref&& other) noexcept : o_(std::exchange(other.o_, Obj())) {}
  Ref& operator=(const Ref& other) {
    Ref copy(other);
    std::swap(o_, copy.o_);
    return *this;
  }
  Ref& operator=(Ref&& other) noexcept {
    Obj old = std::exchange(o_, std::exchange(other.o_, Obj()));
    decref(old);
    return *this;
  }
  ~Ref() { decref(o_); }

  Obj get() const { return o_; }
  operator Obj() const { return o_; }  // NOLINT: lending a reference is the common case
  explicit operator bool() const { return static_cast<bool>(o_); }
  Obj release() { return std::exchange(o_, Obj()); }
  void reset() { decref(std::exchange(o_, Obj())); }

 private:
  Obj o_;
};

// Allocates a heap object of `size` bytes with one reference, typed `type`.
Header* allocate(TypeObj* type, std::size_t size);
template <class T>
T* make_object(TypeObj* type) {
  return reinterpret_cast<T*>(allocate(type, sizeof(T)));
}

}  // namespace gen
