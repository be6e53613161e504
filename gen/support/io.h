// The program's standard streams. stdout is buffered in the process (as
// CPython's is when it is not a terminal) and flushed at exit, before a
// traceback is written, and when input() prompts; stderr is written at once.
#pragma once

#include <string_view>

namespace gen {

void write_stdout(std::string_view text);
void write_stderr(std::string_view text);
void flush_stdout();

}  // namespace gen
