// Decoding a source file as CPython 3.11's compile() decodes bytes: BOM,
// PEP 263 cookies, newline translation, and its errors.
#include "pyfront/source.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using pyfront::Diagnostic;
using pyfront::Source;

std::string decoded(std::string_view bytes) {
  Source s;
  Diagnostic error;
  if (!Source::decode("t.py", bytes, s, error)) return "error: " + error.message;
  return std::string(s.text());
}

TEST(Source, Utf8IsTheDefaultAndABomIsDropped) {
  EXPECT_EQ(decoded("x = 'é'\n"), "x = 'é'\n");
  EXPECT_EQ(decoded("\xEF\xBB\xBFx = 1\n"), "x = 1\n");
  Source s;
  Diagnostic error;
  ASSERT_TRUE(Source::decode("t.py", "\xEF\xBB\xBFx\n", s, error));
  EXPECT_EQ(s.encoding(), "utf-8-sig");
}

TEST(Source, ACookieOnLineOneOrTwoChoosesTheEncoding) {
  EXPECT_EQ(decoded("# -*- coding: latin-1 -*-\nx = '\xe9'\n"), "# -*- coding: latin-1 -*-\nx = 'é'\n");
  EXPECT_EQ(decoded("#!/usr/bin/python\n# vim: set fileencoding=iso-8859-1 :\nx = '\xe9'\n"),
            "#!/usr/bin/python\n# vim: set fileencoding=iso-8859-1 :\nx = 'é'\n");
  EXPECT_EQ(decoded("# coding=latin1\n\xe9\n"), "# coding=latin1\né\n");
  // Line 1 is code: line 2 is not looked at; line 3 never is.
  EXPECT_EQ(decoded("x = 1\n# coding: latin-1\n\xe9\n"), "x = 1\n# coding: latin-1\n\xe9\n");
  EXPECT_EQ(decoded("#\n#\n# coding: latin-1\n\xe9\n"), "#\n#\n# coding: latin-1\n\xe9\n");
}

TEST(Source, SingleByteCodecsDecodeThroughTheirTables) {
  EXPECT_EQ(decoded("# coding: cp1252\ns = '\x80'\n"), "# coding: cp1252\ns = '€'\n");
  EXPECT_EQ(decoded("# coding: koi8-r\n\xc1\n"), "# coding: koi8-r\nа\n");
  EXPECT_EQ(decoded("# -*- coding: ISO_8859-5 -*-\n\xb0\n"), "# -*- coding: ISO_8859-5 -*-\nА\n");
  EXPECT_EQ(decoded("# coding: cp1252\n\x81\n"),
            "error: 'charmap' codec can't decode byte 0x81 in position 17: character maps to <undefined>");
}

TEST(Source, EncodingErrorsAreCPythons) {
  EXPECT_EQ(decoded("\xEF\xBB\xBF# coding: latin-1\nx = 1\n"), "error: encoding problem: iso-8859-1 with BOM");
  EXPECT_EQ(decoded("# coding: ascii\nx = '\xe9'\n"),
            "error: 'ascii' codec can't decode byte 0xe9 in position 21: ordinal not in range(128)");
  EXPECT_EQ(decoded(std::string_view("x = 1\0\n", 7)), "error: source code string cannot contain null bytes");
  EXPECT_EQ(decoded("# coding: klingon\n").rfind("error: unknown encoding: klingon", 0), 0u);
}

TEST(Source, NewlinesAreTranslatedAndTheLastOneAdded) {
  EXPECT_EQ(decoded("a\r\nb\rc"), "a\nb\nc\n");
  EXPECT_EQ(decoded(""), "\n");
  Source s;
  Diagnostic error;
  ASSERT_TRUE(Source::decode("t.py", "a\nb", s, error));
  EXPECT_TRUE(s.added_final_newline());
  EXPECT_EQ(s.line_count(), 2u);
  EXPECT_EQ(s.line_text(2), "b");
}

TEST(Source, ColumnsAreCountedInBytesAndInCharacters) {
  Source s;
  Diagnostic error;
  ASSERT_TRUE(Source::decode("t.py", "x\néé = 1\n", s, error));
  const std::uint32_t eq = static_cast<std::uint32_t>(s.text().find('='));
  EXPECT_EQ(s.line_of(eq), 2u);
  EXPECT_EQ(s.byte_column(eq), 5u);
  EXPECT_EQ(s.char_column(eq), 3u);
}

}  // namespace
