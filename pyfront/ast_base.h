// What the generated AST (ast_nodes.h) is made of: locations, names,
// sequences, constants, and the arena every node lives in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>
#include <vector>

namespace pyfront::ast {

// Where a node is: byte offsets into Source::text(), end exclusive. Its
// lineno/col_offset/end_lineno/end_col_offset (1-based lines, UTF-8 byte
// columns, as CPython's) come from the Source.
struct Location {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// A name or a type comment. An optional one that is absent has a null data().
using Identifier = std::string_view;

// A list field: `size` elements in the arena.
template <class T>
struct Seq {
  T* items = nullptr;
  std::uint32_t size = 0;
  T* begin() const noexcept { return items; }
  T* end() const noexcept { return items + size; }
  bool empty() const noexcept { return size == 0; }
  T& operator[](std::uint32_t i) const noexcept { return items[i]; }
};

// A Constant's value (and a MatchSingleton's).
struct ConstantValue {
  enum class Kind : std::uint8_t { None, True, False, Ellipsis, Int, Float, Complex, Str, Bytes };
  Kind kind = Kind::None;
  double number = 0;      // Float; Complex: the imaginary part (the real part is 0)
  std::string_view text;  // Int: decimal digits; Str: UTF-8 (surrogates as in WTF-8); Bytes: the bytes
};

// Bump allocation for nodes, sequences and strings, freed all at once.
// Everything allocated here is trivially destructible.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Every allocation is a multiple of 8 bytes at an 8-byte boundary (blocks
  // are, and nothing here needs more), so this is a pointer bump.
  static constexpr std::size_t kAlign = 8;
  void* allocate(std::size_t size, [[maybe_unused]] std::size_t align) {
    size = (size + kAlign - 1) & ~(kAlign - 1);
    if (size > left_) grow(size);
    char* p = cur_;
    cur_ += size;
    left_ -= size;
    bytes_ += size;
    return p;
  }
  template <class T>
  T* make() {
    static_assert(std::is_trivially_destructible_v<T> && alignof(T) <= kAlign);
    return new (allocate(sizeof(T), alignof(T))) T{};
  }
  template <class T>
  Seq<T> seq(const T* items, std::size_t n) {
    static_assert(std::is_trivially_destructible_v<T> && alignof(T) <= kAlign);
    Seq<T> s;
    if (n == 0) return s;
    s.items = static_cast<T*>(allocate(sizeof(T) * n, alignof(T)));
    for (std::size_t i = 0; i < n; ++i) new (&s.items[i]) T(items[i]);
    s.size = static_cast<std::uint32_t>(n);
    return s;
  }
  template <class T>
  Seq<T> seq(const std::vector<T>& v) {
    return seq(v.data(), v.size());
  }
  std::string_view copy(std::string_view s) {
    if (s.empty()) return std::string_view("", 0);
    char* p = static_cast<char*>(allocate(s.size(), 1));
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }
  std::size_t bytes_allocated() const noexcept { return bytes_; }

 private:
  void grow(std::size_t at_least) {
    const std::size_t size = at_least > kBlock ? at_least : kBlock;
    blocks_.push_back(std::make_unique<char[]>(size));
    cur_ = blocks_.back().get();
    left_ = size;
  }
  static constexpr std::size_t kBlock = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cur_ = nullptr;
  std::size_t left_ = 0;
  std::size_t bytes_ = 0;
};

}  // namespace pyfront::ast
