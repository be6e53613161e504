// Definite assignment: the reads of a def's local variables that are bound
// on every path reaching them, so the emitter leaves out their
// UnboundLocalError check (docs/gen.md, "Definite assignment").
//
// The analysis is a forward walk over each def's statements with the set
// of its locals bound at that point; a read is recorded as bound when its
// variable is in the set. Invariant D (soundness): a read recorded bound
// never finds its variable unbound. It holds because the set only ever
// under-approximates:
//   1. a name joins the set only through a binding that has completed
//      (assignment, for target, import, def, class, with-as; a parameter at
//      entry); `:=` bindings are not counted;
//   2. it leaves on `del` and at the end of an `except ... as name`
//      handler (CPython deletes the name there);
//   3. where paths join (if/else, after try, after with) the sets meet;
//   4. a loop's body starts from the set at entry minus every name deleted
//      anywhere in the loop (break and continue paths carry no more than
//      that), and after the loop only that set holds;
//   5. a handler or finally starts from the set at the try's entry minus
//      every name deleted in the try: an exception may come from anywhere
//      in it;
//   6. after a `with`, the body's bindings do not count: __exit__ may
//      swallow an exception raised halfway through it.
// Reads inside inlined scopes (comprehensions, class bodies) that resolve
// to the def's own variable count too; a nested def, lambda or generator
// expression reads through cells, which this does not cover.
#pragma once

#include <unordered_set>

#include "gen/compiler/scope.h"

namespace gen::compiler {

class AssignedReads {
 public:
  // `read`: a Name loaded, or an AugAssign's Name target.
  bool bound(const pyfront::ast::Name* read) const { return bound_.count(read) != 0; }

  std::unordered_set<const pyfront::ast::Name*> bound_;
};

void analyze_assignment(const pyfront::ast::Module* module, const ScopeTable& scopes, AssignedReads& out);

}  // namespace gen::compiler
