// A diagnostic: what CPython would raise (SyntaxError, IndentationError,
// TabError), its message, and where, as byte offsets into Source::text().
#pragma once

#include <cstdint>
#include <string>

namespace pyfront {

enum class ErrorKind : std::uint8_t { SyntaxError, IndentationError, TabError };

const char* error_kind_name(ErrorKind kind) noexcept;

struct Diagnostic {
  ErrorKind kind = ErrorKind::SyntaxError;
  std::string message;
  std::uint32_t begin = 0;  // where the caret goes
  std::uint32_t end = 0;    // exclusive; == begin for a point
};

}  // namespace pyfront
