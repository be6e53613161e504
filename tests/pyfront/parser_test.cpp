// The parser on its own: limits, error precedence, soft keywords, and a
// dump checked against CPython 3.11's ast.dump (the full comparison is
// tests/pyfront/ast-parity, over the corpus and the standard library).
#include "pyfront/parser.h"

#include <gtest/gtest.h>

#include <string>

#include "pyfront/ast.h"
#include "pyfront/checks.h"

namespace {

struct Parsed {
  std::string dump;   // empty after an error
  std::string error;  // "message @line:col" (1-based column in bytes)
};

Parsed parse(const std::string& code) {
  pyfront::Source source;
  pyfront::Diagnostic decode_error;
  if (!pyfront::Source::decode("t.py", code, source, decode_error)) return {"", decode_error.message};
  pyfront::ast::Arena arena;
  const pyfront::ParseResult r = pyfront::parse_module(source, arena);
  if (r.error) {
    const std::uint32_t at = std::min<std::uint32_t>(r.error->begin, static_cast<std::uint32_t>(source.text().size() - 1));
    return {"", r.error->message + " @" + std::to_string(source.line_of(at)) + ":" +
                    std::to_string(source.byte_column(at) + 1)};
  }
  return {pyfront::dump(source, r.module), ""};
}

TEST(Parser, DumpsAsCPythonDoes) {
  // python3.11 -c "import ast; print(ast.dump(ast.parse('x = -1 ** 2'), include_attributes=True))"
  EXPECT_EQ(parse("x = -1 ** 2\n").dump,
            "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, "
            "end_col_offset=1)], value=UnaryOp(op=USub(), operand=BinOp(left=Constant(value=1, lineno=1, "
            "col_offset=5, end_lineno=1, end_col_offset=6), op=Pow(), right=Constant(value=2, lineno=1, "
            "col_offset=10, end_lineno=1, end_col_offset=11), lineno=1, col_offset=5, end_lineno=1, "
            "end_col_offset=11), lineno=1, col_offset=4, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, "
            "end_lineno=1, end_col_offset=11)], type_ignores=[])");
}

TEST(Parser, ParenthesesBelongToTheEnclosingNode) {
  const std::string d = parse("(a) + b\n").dump;
  // The BinOp starts at the '(' (column 0); the Name inside it at 1.
  EXPECT_NE(d.find("Name(id='a', ctx=Load(), lineno=1, col_offset=1"), std::string::npos) << d;
  EXPECT_NE(d.find("lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)"), std::string::npos) << d;
}

TEST(Parser, SoftKeywordsAreNamesOutsideTheirStatement) {
  EXPECT_EQ(parse("match = 1\nmatch(x)\ncase = [match]\n_ = case\n").error, "");
  EXPECT_EQ(parse("match x:\n    case [1, *rest] if rest:\n        pass\n    case _:\n        pass\n").error, "");
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  // Unary operators and lambdas nest without brackets; the depth limit
  // stops them with CPython's message long before the stack runs out.
  EXPECT_EQ(parse("x = " + std::string(100000, '-') + "1\n").error.rfind("too many nested parentheses", 0), 0u);
  std::string lambdas = "f = ";
  for (int i = 0; i < 5000; ++i) lambdas += "lambda: ";
  EXPECT_EQ(parse(lambdas + "0\n").error.rfind("too many nested parentheses", 0), 0u);
  std::string nots = "x = ";
  for (int i = 0; i < 50000; ++i) nots += "not ";
  EXPECT_EQ(parse(nots + "y\n").error.rfind("too many nested parentheses", 0), 0u);
  // 200 brackets, the tokenizer's limit, parse.
  EXPECT_EQ(parse("x = " + std::string(200, '(') + "1" + std::string(200, ')') + "\n").error, "");
}

TEST(Parser, ATokenizerErrorWinsOverAGenericOne) {
  // CPython reads the rest of the file for a tokenizer error before it
  // reports an error of its parser.
  EXPECT_EQ(parse("x = = 1\ny = 'abc\n").error, "unterminated string literal (detected at line 2) @2:5");
  // ... and over a specific one.
  EXPECT_EQ(parse("f(a=1, b)\ny = 'abc\n").error, "unterminated string literal (detected at line 2) @2:5");
  EXPECT_EQ(parse("f(a=1, b)\n").error, "positional argument follows keyword argument @1:8");
}

TEST(Parser, AnUnclosedBracketIsReportedAtTheEnd) {
  EXPECT_EQ(parse("x = (1, 2\ny = 3\n").error, "'(' was never closed @1:5");
  EXPECT_EQ(parse("f(a, :\n").error, "invalid syntax @1:6");
}

TEST(Parser, CompileTimeErrorsAreSeparate) {
  pyfront::Source source;
  pyfront::Diagnostic e;
  ASSERT_TRUE(pyfront::Source::decode("t.py", "def f():\n    pass\nreturn 1\n", source, e));
  pyfront::ast::Arena arena;
  const pyfront::ParseResult r = pyfront::parse_module(source, arena);
  ASSERT_FALSE(r.error);  // ast.parse accepts it
  const auto error = pyfront::compile_time_errors(r.module);
  ASSERT_TRUE(error);  // compile() does not
  EXPECT_EQ(error->message, "'return' outside function");
  EXPECT_EQ(source.line_of(error->begin), 3u);
}

}  // namespace
