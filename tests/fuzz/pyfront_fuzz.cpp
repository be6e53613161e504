// libFuzzer target for pyfront: any bytes are decoded, lexed (with and
// without trivia), parsed and dumped. Nothing may crash, hang, leak or
// read out of bounds (build with clang -fsanitize=fuzzer,address,undefined:
// cmake -DPORTALIS_FUZZ=ON, or `make fuzz`).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pyfront/ast.h"
#include "pyfront/lexer.h"
#include "pyfront/parser.h"
#include "pyfront/source.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  pyfront::Source source;
  pyfront::Diagnostic error;
  if (!pyfront::Source::decode("fuzz.py", bytes, source, error)) return 0;
  {
    pyfront::Lexer lexer(source, pyfront::LexerOptions{.trivia = true});
    for (std::size_t n = 0; n < 4 * source.text().size() + 16; ++n) {
      const pyfront::Token t = lexer.next();
      if (t.kind == pyfront::TokenKind::EndMarker || lexer.error()) break;
    }
  }
  pyfront::ast::Arena arena;
  const pyfront::ParseResult r = pyfront::parse_module(source, arena);
  if (r.module) (void)pyfront::dump(source, r.module);
  if (r.error) {
    // The diagnostic must point into the text.
    if (r.error->begin > source.text().size()) __builtin_trap();
  }
  return 0;
}
