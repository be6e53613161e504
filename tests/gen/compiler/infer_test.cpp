// Type inference (gen/compiler/infer.h), observed through the `// typed:`
// line the emitter writes at the top of each def: what it proved, and
// above all what it must not claim (Invariant T).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gen/compiler/driver.h"
#include "pyfront/source.h"

namespace {

// The `// typed:` lines of the program's defs, in the order they appear.
std::vector<std::string> typed_lines(const std::string& program) {
  pyfront::Source source;
  pyfront::Diagnostic error;
  EXPECT_TRUE(pyfront::Source::decode("t.py", program, source, error));
  gen::compiler::Translation t = gen::compiler::translate(source, "t.py");
  EXPECT_FALSE(t.syntax_error.has_value());
  EXPECT_TRUE(t.unsupported.empty());
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = t.cpp.find("// typed:", at)) != std::string::npos) {
    const std::size_t end = t.cpp.find('\n', at);
    out.push_back(t.cpp.substr(at + 9, end - at - 9));
    at = end;
  }
  return out;
}

// Whether the generated C++ has a typed (direct-call) entry for `name`.
bool has_typed_entry(const std::string& program, const std::string& name) {
  pyfront::Source source;
  pyfront::Diagnostic error;
  EXPECT_TRUE(pyfront::Source::decode("t.py", program, source, error));
  const std::string cpp = gen::compiler::translate(source, "t.py").cpp;
  return cpp.find("_" + name + "(") != std::string::npos && cpp.find("static gen::") != std::string::npos &&
         cpp.find("tfn") != std::string::npos && cpp.find("_" + name + "(double") != std::string::npos;
}

TEST(Infer, ScalarLocalsParametersAndReturn) {
  const auto lines = typed_lines(
      "def f(n):\n"
      "    acc = 0.0\n"
      "    for i in range(n):\n"
      "        acc += i * 0.5\n"
      "    return acc\n"
      "print(f(10))\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], " n:int acc:float i:int ->float");
}

TEST(Infer, AVariableOfTwoKindsIsObject) {
  const auto lines = typed_lines(
      "def g(flag):\n"
      "    x = 1\n"
      "    if flag:\n"
      "        x = 2.5\n"
      "    y = x\n"
      "    return y\n"
      "print(g(True), g(False))\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], " flag:bool ->object");
}

TEST(Infer, BoolIsNotInt) {
  // True + 1 is an int, but a variable holding True and 1 is neither.
  const auto lines = typed_lines(
      "def h():\n"
      "    b = True\n"
      "    n = b + 1\n"
      "    m = True\n"
      "    m = 0\n"
      "    return n, m\n"
      "print(h())\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], " b:bool n:int ->tuple[int, object]");
}

TEST(Infer, ListElementsFlowThroughAppendIndexAndAliases) {
  const auto lines = typed_lines(
      "def make(n):\n"
      "    out = []\n"
      "    for i in range(n):\n"
      "        out.append(i / 2)\n"
      "    alias = out\n"
      "    first = alias[0]\n"
      "    return first\n"
      "print(make(3))\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], " n:int out:list[float] i:int alias:list[float] first:float ->float");
}

TEST(Infer, AListThatEscapesIsObjectAndSoAreItsItems) {
  // stash() is not closed (a default argument): what it does with the list
  // is not followed, so neither the list nor what is read from it is typed.
  const auto lines = typed_lines(
      "def stash(a, box=[]):\n"
      "    box.append(a)\n"
      "def f():\n"
      "    xs = [1.5]\n"
      "    stash(xs)\n"
      "    y = xs[0]\n"
      "    return y\n"
      "print(f())\n");
  ASSERT_EQ(lines.size(), 1u);  // stash has nothing typed: no line
  EXPECT_EQ(lines[0], " ->object");
}

TEST(Infer, AnAliasThatStoresAnotherKindPoisonsTheList) {
  const auto lines = typed_lines(
      "def f():\n"
      "    a = [1.0]\n"
      "    b = a\n"
      "    b.append('s')\n"
      "    c = a[0]\n"
      "    return len(a)\n"
      "print(f())\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], " a:list[object] b:list[object] ->int");  // c is not a float
}

TEST(Infer, OnlyClosedFunctionsGetTypedParameters) {
  // k is rebound, m is called with a keyword, p is passed as a value:
  // their parameters can receive anything.
  const std::string program =
      "def k(x):\n    return x + 1.0\n"
      "def m(x):\n    return x + 1.0\n"
      "def p(x):\n    return x + 1.0\n"
      "def q(x):\n    return x + 1.0\n"
      "print(k(1.0), m(x=2.0), list(map(p, [3.0])), q(4.0))\n"
      "k = print\n";
  const auto lines = typed_lines(program);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], " x:float ->float");  // q only
  EXPECT_TRUE(has_typed_entry(program, "q"));
  EXPECT_FALSE(has_typed_entry(program, "k"));
  EXPECT_FALSE(has_typed_entry(program, "p"));
}

TEST(Infer, ArgumentsOfDifferentKindsMakeAnObjectParameter) {
  const auto lines = typed_lines(
      "def twice(x):\n    return x * 2\n"
      "print(twice(2), twice('ab'))\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], " ->object");
}

TEST(Infer, IdentityOfAFloatKeepsItBoxed) {
  // `x is x` is True in CPython: re-boxing a double each time would not be.
  const auto lines = typed_lines(
      "def f():\n"
      "    x = 0.5\n"
      "    y = x * 2\n"
      "    return x is x, y\n"
      "print(f())\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], " ->tuple[bool, object]");
}

TEST(Infer, CellsAndGeneratorsAreNotTyped) {
  const auto lines = typed_lines(
      "def outer():\n"
      "    n = 1\n"
      "    def inner():\n"
      "        return n + 1\n"
      "    return inner()\n"
      "def gen():\n"
      "    i = 0\n"
      "    yield i\n"
      "print(outer(), list(gen()))\n");
  ASSERT_EQ(lines.size(), 1u);  // outer's return: inner() is a dynamic call
  EXPECT_EQ(lines[0], " ->object");
}

TEST(Infer, ADisplayIsARecordUntilSomethingTreatsItsItemsAlike) {
  const auto lines = typed_lines(
      "def f():\n"
      "    r = [1, 2.5]\n"
      "    return r[0] + 1, r[-1] * 2\n"
      "def g():\n"
      "    r = [1, 2.5]\n"
      "    r.append(3)\n"          // could shift nothing, but treats items alike
      "    return r[0]\n"
      "def h(i):\n"
      "    r = [1.5, 2.5]\n"
      "    return r[i]\n"          // a computed index: one element type
      "print(f(), g(), h(1))\n");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], " r:[int, float] ->tuple[int, float]");
  EXPECT_EQ(lines[1], " r:list[object] ->object");
  EXPECT_EQ(lines[2], " i:int r:list[float] ->float");
}

TEST(Infer, ARecordChangedThroughAnAliasIsFlattened) {
  const auto lines = typed_lines(
      "def f():\n"
      "    r = [1, 2.5]\n"
      "    alias = r\n"
      "    del alias[0]\n"
      "    return r[0]\n"
      "def g():\n"
      "    r = [0.5, 1]\n"
      "    r.sort()\n"
      "    return r[0]\n"
      "print(f(), g())\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], " r:list[object] alias:list[object] ->object");
  EXPECT_EQ(lines[1], " ->object");  // sort: a method inference does not model
}

TEST(Infer, TuplesKeepTheirItemsThroughReturnsAndUnpacking) {
  const auto lines = typed_lines(
      "def pair(n):\n"
      "    return n + 1, n / 2\n"
      "def use():\n"
      "    a, b = pair(3)\n"
      "    t = pair(4)\n"
      "    return a + t[0], b + t[-1]\n"
      "print(use())\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], " n:int ->tuple[int, float]");
  EXPECT_EQ(lines[1], " a:int b:float t:tuple[int, float] ->tuple[int, float]");
}

TEST(Infer, AScalarStoredInAContainerIsACopy) {
  // The list escapes (it goes to a global), which makes its items Object,
  // but x itself stays a float.
  const auto lines = typed_lines(
      "sink = []\n"
      "def f():\n"
      "    x = 1.5\n"
      "    lst = [x]\n"
      "    sink.append(lst)\n"
      "    return x * 2\n"
      "print(f(), sink)\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], " x:float ->float");
}

TEST(Infer, ItemsHandedToUnmodelledCodeAreObject) {
  // enumerate() hands the inner lists on; anything may be appended to them.
  const auto lines = typed_lines(
      "def f():\n"
      "    grid = [[1.0, 2.0], [3.0]]\n"
      "    for i, row in enumerate(grid):\n"
      "        row.append('x')\n"
      "    return grid[0]\n"
      "print(f())\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], " grid:[object, object] ->object");
}

TEST(Infer, OnlyFinalGlobalsCarryTheirKind) {
  const auto lines = typed_lines(
      "SCALE = 2.5\n"
      "RATE = 0.5\n"
      "def f():\n"
      "    return SCALE * 2\n"
      "def g():\n"
      "    return RATE * 2\n"
      "def set_rate():\n"
      "    global RATE\n"
      "    RATE = 'fast'\n"
      "print(f(), g())\n"
      "set_rate()\n"
      "print(g())\n");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], " ->float");
  EXPECT_EQ(lines[1], " ->object");
  EXPECT_EQ(lines[2], " ->None");
}

TEST(Infer, ConstantKindsDoNotKeepTheWalkFromSettling) {
  // g's loop variable and result are Object: stating Int and None to them
  // on every pass must not count as a change (it once did, and the walk
  // gave up and typed nothing, f included).
  const auto lines = typed_lines(
      "def g(flag):\n"
      "    for i in range(3):\n"
      "        i = 'text'\n"
      "    if flag:\n"
      "        return 'x'\n"
      "def f(n):\n"
      "    x = 1.5\n"
      "    return x * n\n"
      "print(g(True), f(2))\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], " flag:bool ->object");
  EXPECT_EQ(lines[1], " n:int x:float ->float");
}

}  // namespace
