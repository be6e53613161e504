// File objects: open() (text and binary) and sys.stdin/stdout/stderr.
//
// Text files decode and encode UTF-8 and translate "\r\n" and "\r" to "\n"
// on reading unless newline= says otherwise, as CPython's TextIOWrapper.
// Writes go through C stdio's buffer; main() flushes every stream before
// the program exits, so nothing written is lost when a program does not
// close a file. sys.stdout and sys.stderr write through io.h, so print()
// and sys.stdout.write() keep their order.
#pragma once

#include "gen/support/object.h"
#include "gen/support/type.h"

namespace gen {

extern TypeObj text_file_type, buffered_reader_type, buffered_writer_type;
// io.UnsupportedOperation (an OSError: reading a file opened for writing).
extern TypeObj exc_UnsupportedOperation;

enum class StdStream { In, Out, Err };
Ref std_stream(StdStream which);  // the same object each time

}  // namespace gen
