// Definite assignment (gen/compiler/assigned.h), observed in the generated
// C++: which reads keep their UnboundLocalError check. Leaving one out
// where a path reaches the read unbound would be a miscompile (Invariant
// D); keeping one where every path binds is only slower, and these tests
// say which of those the analysis proves.
#include <gtest/gtest.h>

#include <string>

#include "gen/compiler/driver.h"
#include "pyfront/source.h"

namespace {

// How many UnboundLocalError checks of `name` the program's C++ has.
int checks(const std::string& program, const std::string& name) {
  pyfront::Source source;
  pyfront::Diagnostic error;
  EXPECT_TRUE(pyfront::Source::decode("t.py", program, source, error));
  const gen::compiler::Translation t = gen::compiler::translate(source, "t.py");
  EXPECT_FALSE(t.syntax_error.has_value());
  EXPECT_TRUE(t.unsupported.empty());
  const std::string needle = "raise_unbound_local(\"" + name + "\")";
  int n = 0;
  for (std::size_t at = t.cpp.find(needle); at != std::string::npos; at = t.cpp.find(needle, at + 1)) ++n;
  return n;
}

TEST(Assigned, StraightLineAndEveryBranchNeedNoCheck) {
  EXPECT_EQ(checks("def f(a):\n    b = a + 1\n    return b * b\nprint(f(1))\n", "b"), 0);
  EXPECT_EQ(checks("def f(k):\n"
                   "    if k:\n        r = 1\n    elif k > 2:\n        r = 2\n    else:\n        r = 3\n"
                   "    return r\n"
                   "print(f(1))\n",
                   "r"),
            0);
  // A branch that leaves (return, raise) does not count at the join.
  EXPECT_EQ(checks("def f(k):\n"
                   "    if k:\n        r = 1\n    else:\n        raise ValueError()\n"
                   "    return r\n"
                   "print(f(1))\n",
                   "r"),
            0);
}

TEST(Assigned, OneBranchOrALoopThatMayNotRunKeepsTheCheck) {
  EXPECT_EQ(checks("def f(k):\n    if k:\n        r = 1\n    return r\nprint(f(1))\n", "r"), 1);
  EXPECT_EQ(checks("def f(n):\n    for i in range(n):\n        last = i\n    return last\nprint(f(1))\n", "last"), 1);
  EXPECT_EQ(checks("def f(n):\n    while n:\n        last = n\n        n -= 1\n    return last\nprint(f(1))\n",
                   "last"),
            1);
}

TEST(Assigned, WhileTrueEndsOnlyAtABreakAfterTheAssignment) {
  EXPECT_EQ(checks("def f(n):\n"
                   "    while True:\n        v = n\n        if v:\n            break\n"
                   "    return v\n"
                   "print(f(1))\n",
                   "v"),
            1);  // the analysis does not follow break states: conservative
  EXPECT_EQ(checks("def f(n):\n    v = 0\n    while True:\n        v += n\n        if v > 5:\n            return v\n"
                   "print(f(1))\n",
                   "v"),
            0);
}

TEST(Assigned, DelUnbindsForTheRestOfTheLoop) {
  // The read at the top of the loop runs again after the del. (`del x`
  // checks x itself: one check each for the del and the read.)
  EXPECT_EQ(checks("def f(n):\n    x = 0\n    for i in range(n):\n        print(x)\n        del x\n    return n\n"
                   "print(f(1))\n",
                   "x"),
            2);
  EXPECT_EQ(checks("def f(p):\n    del p\n    return p\nprint(f(1))\n", "p"), 2);
  EXPECT_EQ(checks("def f(p):\n    return p\nprint(f(1))\n", "p"), 0);
}

TEST(Assigned, HandlersAndFinallyStartFromTheTrysEntry) {
  // The assignment in the try may not have happened in the handler.
  EXPECT_EQ(checks("def f(s):\n"
                   "    try:\n        v = int(s)\n    except ValueError:\n        print(v)\n"
                   "    return 0\n"
                   "print(f('1'))\n",
                   "v"),
            1);
  // After the try, the handler path must bind it too.
  EXPECT_EQ(checks("def f(s):\n"
                   "    try:\n        v = int(s)\n    except ValueError:\n        v = 0\n"
                   "    return v\n"
                   "print(f('1'))\n",
                   "v"),
            0);
  EXPECT_EQ(checks("def f(s):\n"
                   "    try:\n        v = int(s)\n    except ValueError:\n        pass\n"
                   "    return v\n"
                   "print(f('1'))\n",
                   "v"),
            1);
  // An except-as name is deleted when its handler ends.
  EXPECT_EQ(checks("def f():\n"
                   "    e = 1\n    try:\n        pass\n    except ValueError as e:\n        pass\n"
                   "    return e\n"
                   "print(f())\n",
                   "e"),
            1);
  // finally may run after an exception anywhere in the try.
  EXPECT_EQ(checks("def f(s):\n"
                   "    try:\n        v = int(s)\n    finally:\n        print(v)\n"
                   "print(f('1'))\n",
                   "v"),
            1);
  // ... but what it binds holds after it.
  EXPECT_EQ(checks("def f(s):\n"
                   "    try:\n        pass\n    finally:\n        w = 2\n"
                   "    return w\n"
                   "print(f('1'))\n",
                   "w"),
            0);
}

TEST(Assigned, AWithBodysBindingsDoNotCountAfterIt) {
  // __exit__ may swallow an exception raised before the assignment.
  EXPECT_EQ(checks("def f(cm):\n    with cm:\n        v = 1\n    return v\nprint(f(None))\n", "v"), 1);
  EXPECT_EQ(checks("def f(cm):\n    with cm as c:\n        pass\n    return c\nprint(f(None))\n", "c"), 0);
}

}  // namespace
