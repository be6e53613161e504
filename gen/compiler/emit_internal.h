// The generator's state, shared by emit_module.cpp (functions, constants,
// main), emit_stmt.cpp and emit_expr.cpp.
//
// Shape of the generated code (docs/gen.md, "Generated code"):
//   - Each def and lambda is a C++ function `Ref fn(Obj self_fn, Obj* params)`
//     (its CodeInfo's entry); the module body is one more. Class bodies and
//     comprehensions are inlined into the function around them.
//   - Every variable and loop iterator is declared at the top of its C++
//     function, so no goto ever jumps past an initialisation; a statement's
//     temporaries live in a block of their own.
//   - Errors: a failed operation records a traceback entry for each frame it
//     leaves (the inlined class/comprehension frames too) and jumps to the
//     innermost handler: an except dispatcher, a finally, or the function's
//     error exit. A handler's "exception being handled" is a HandlingScope
//     in its block: any goto out of the block ends it.
//   - break / continue / return crossing a finally set its `why` variable,
//     jump into the finally, and the finally's tail dispatches on `why`.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gen/compiler/emitter.h"
#include "gen/compiler/assigned.h"
#include "gen/compiler/infer.h"

namespace gen::compiler {

// Whether a C++ expression is one of the emitter's temporaries (`t12`):
// a Ref local that dies at the end of its statement's block.
bool is_temp(const std::string& cpp);

using namespace pyfront::ast;

enum class Jump : std::uint8_t { Break, Continue, Return };

struct Unwind {
  enum Kind : std::uint8_t { Loop, Finally } kind = Loop;
  std::string break_label, continue_label;  // Loop
  int id = 0;                               // Finally: why_<id>, fin_<id>
  std::vector<Jump> exits;                  // Finally: why code 2 + index
};

// A traceback frame: the function's, or an inlined class body's or
// comprehension's (entered at `entry_line` of the frame around it).
struct FrameCtx {
  std::string info;  // C++ name of its FrameInfo
  int entry_line = 0;
};

// How a name is reached from a scope (scope.h's bindings made concrete).
struct Var {
  enum Kind : std::uint8_t { Slot, Cell, ClassNs, Builtin } kind = Slot;
  std::string cpp;      // Slot: the Ref variable; Cell: the cell; ClassNs: the namespace dict
  bool global = false;  // Slot: a module variable (unbound reads fall back to builtins)
  bool checked = true;  // Slot: may be unbound when read
  TypeKind type = TypeKind::Object;  // Slot: Float is a `double` with a `bool` bound flag (b_...)
};

// A typed value (emit_typed.cpp): `code` is a C++ expression, valid to the
// end of the statement's block, of the kind's representation: Int an Obj
// (an exact int), Float a double, Bool a bool.
struct Typed {
  TypeKind kind = TypeKind::Object;
  std::string code;
};

struct ErrorTarget {
  std::string label;
  std::size_t frames = 0;  // index of the frame the handler is in: deeper frames and that one get entries
};

// One C++ function being written.
struct FunctionCtx {
  Scope* scope = nullptr;  // the def, lambda or module
  std::string cpp_name;
  std::vector<std::string> decls;  // hoisted to the top
  std::string code;
  int indent = 1;
  int next_temp = 0;
  std::vector<Unwind> unwind;
  std::vector<FrameCtx> frames;
  ErrorTarget error;
  std::set<std::string> used_labels;
  bool walrus = false;  // a := somewhere: local reads take references
  bool generator = false;  // the body is a coroutine (generator.h): co_return, co_yield
  const ClosedFunction* typed = nullptr;  // a closed function's typed body
  bool f64_return = false;  // typed, returning a float: returns gen::F64
};

std::string binop_enum(Operator op);     // "gen::BinOp::Add"
std::string cmpop_enum(CmpOperator op);  // "gen::CmpOp::Lt"; "" for is/in
std::string typed_prototype(const ClosedFunction* f);  // "static gen::F64 tfn3_f(double p0, gen::Obj p1)"

class Emitter {
 public:
  Emitter(const pyfront::Source& source, const ScopeTable& scopes, const EmitOptions& options)
      : source_(source), scopes_(scopes), options_(options) {}

  EmitResult run(const Module* module);

  // --- emit_module.cpp ---
  std::string constant(const ConstantValue& v);
  std::string str_constant(std::string_view utf8);
  std::string kwnames_constant(const std::vector<std::string_view>& names);
  std::string attr_cache();  // a new attribute site's cache (gen::AttrCache), a static
  std::string builtin_constant(std::string_view name);  // "" when no such builtin
  std::string frame_info(const std::string& function_name);
  std::string make_function(const Scope* scope, const Arguments* args, const ExprNode* lambda_body,
                            const Seq<StmtNode*>* body, int line);
  void unsupported(Location loc, std::string what);
  std::string function_text(const FunctionCtx& ctx);
  std::string closure_tuple(const Scope* child, int line_no);
  std::string ret() const { return fn_->generator ? "co_return " : "return "; }
  std::string return_ref(const std::string& ref) const;  // `return ref;` in this function's convention
  void typed_function(const ClosedFunction* f, const std::string& frame, const std::string& generic);

  // --- emit_stmt.cpp ---
  void statements(const Seq<StmtNode*>& body);
  void statement(const StmtNode* s);
  // value_ref: a Ref expression. With last_use, a temporary value_ref is
  // not read again, so a Name target takes it over (std::move) instead of
  // adding a reference that the temporary's end drops.
  void store(const ExprNode* target, const std::string& value_ref, int line, bool last_use = false);
  void store_name(std::string_view name, const std::string& value_ref, int line, bool last_use = false);
  void jump(Jump kind, std::size_t depth);
  void delete_target(const ExprNode* target, int line);
  void for_loop(const For* f);
  void try_statement(const Try* t);
  int protected_region(const std::function<void()>& body, Unwind& out);
  void protected_exits(int id, const Unwind& u);
  void with_statement(const With* w, std::uint32_t item);
  void try_except(const Try* t);
  void class_def(const ClassDef* c);
  void import_statement(const Import* s);
  void import_from(const ImportFrom* s);
  void check_module_attribute(const Attribute* a);

  // --- emit_typed.cpp ---
  bool typed_route(const ExprNode* e);  // value(e) is best made typed, then boxed
  Typed typed(const ExprNode* e);       // e's inferred kind must be Int, Float or Bool
  Typed unbox(const std::string& obj, TypeKind kind);
  std::string box(const Typed& t);
  std::string as_double(const Typed& t, int line);
  std::string as_int(const Typed& t);
  Typed typed_binop(Operator op, const Typed& l, const Typed& r, TypeKind result, int line);
  Typed typed_compare(const Compare* c);
  Typed typed_call(const Call* c, TypeKind kind);
  std::string direct_call(const Call* c, const ClosedFunction* f, Typed* float_result);
  std::string float_flag(const std::string& var_cpp) const;  // v_x -> b_x
  bool typed_assign(const ExprNode* target, const ExprNode* value);  // a float variable or list item = value
  // A list (or record) indexed by an int: what typed.h's list_* take.
  bool typed_list_index(const ExprNode* container, const ExprNode* key);
  // A slice `[lo:hi]` with int (or omitted) bounds: their Obj expressions
  // (an empty Obj for an omitted one); false for steps and other bounds.
  bool typed_slice_bounds(const ExprNode* slice, std::string& lo, std::string& hi);
  bool typed_aug_assign(const AugAssign* a);

  // --- emit_expr.cpp ---
  std::string value(const ExprNode* e);      // a borrowed Obj valid to the end of the statement block
  std::string value_dynamic(const ExprNode* e);  // the dynamic object model's evaluation
  std::string owned(const ExprNode* e);      // a Ref expression (to move from)
  std::string condition(const ExprNode* e);  // a C++ bool
  // `node`: the Name read, if there is one (a read definite assignment
  // proved bound needs no check).
  std::string load_name(std::string_view name, const Scope* scope, int line, const Name* node = nullptr);
  bool may_be_unbound(const Var& v, const Name* node) const { return v.checked && !(node && assigned_.bound(node)); }
  std::string unbound_error(std::string_view name, const Scope* s) const;  // the raise statement for an unbound read
  Var resolve_var(std::string_view name, const Scope* scope) const;
  std::string call(const Call* c);
  std::string comprehension(const ExprNode* e);
  void comprehension_loops(const Seq<Comprehension*>& gens, const std::string& first_iterator,
                           const std::function<void()>& innermost);
  std::string generator_expression(const GeneratorExp* g);
  std::string yield_from(const YieldFrom* y);
  std::string joined_str(const JoinedStr* j);
  std::string display(const ExprNode* e);
  bool is_folded_constant(const ExprNode* e) const;
  std::string folded_constant(const ExprNode* e);
  std::string bool_op(const BoolOp* b);
  std::string compare(const Compare* c);

  // --- helpers (emit_module.cpp) ---
  void line(const std::string& text);
  void open_block(const std::string& head = "{");
  void close_block(const std::string& tail = "}");
  std::string temp(const std::string& init, int line_no);  // Ref tN = init; checked
  std::string fresh(const char* prefix);
  std::string declare(const std::string& type, const char* prefix, const std::string& init = "");
  void fail(int line_no);             // traceback entries, then goto the handler
  void fail_no_traceback();           // re-raise: goto the handler only
  // `if (condition) { before; fail }` / `if (!ok) { fail }`.
  void fail_if(const std::string& condition, int line, const std::string& before = "");
  void fail_unless(const std::string& ok, int line);
  std::string goto_label(const std::string& label);
  void place_label(const std::string& label);
  int line_of(Location loc) const { return static_cast<int>(source_.line_of(loc.begin)); }
  int line_of(const ExprNode* e) const { return line_of(e->loc); }
  Scope* scope() const { return scope_; }
  FunctionCtx& fn() { return *fn_; }
  std::string var_name(std::string_view name, const Scope* s) const;  // C++ identifier of a local/cell
  static std::string c_string(std::string_view bytes);
  static std::string identifier(std::string_view name);

  // Inlined scopes (class bodies, comprehensions) switch the current scope.
  Scope* scope_ = nullptr;
  FunctionCtx* fn_ = nullptr;

  const pyfront::Source& source_;
  const ScopeTable& scopes_;
  const EmitOptions& options_;
  TypeTable types_;
  AssignedReads assigned_;  // reads that need no unbound check (assigned.h)
  std::vector<Unsupported> unsupported_;
  std::uint32_t pending_loc_ = 0;  // the Name being loaded (for "unsupported: builtin")

  // Whole-program output.
  std::string forward_;    // prototypes
  std::string functions_;  // function bodies
  std::string statics_;    // constants, FrameInfos, CodeInfos, globals
  std::string init_;       // init_constants() body
  std::map<std::string, std::string> constants_;  // key -> C++ name
  int next_static_ = 0;
  int next_id_ = 0;
};

}  // namespace gen::compiler
