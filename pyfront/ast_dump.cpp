// ast.dump(tree, include_attributes=True), as CPython 3.11 prints it: every
// field in order as name=value, an optional field left out when absent,
// lists in brackets, singletons as Load(), then the four location fields.
#include "pyfront/ast.h"

#include <type_traits>
#include <vector>

#include "pyfront/repr.h"

namespace pyfront::ast {
namespace {

class Dumper {
 public:
  explicit Dumper(const Source& source) : source_(source) {}

  void value(ExprContext v);
  void value(BoolOperator v);
  void value(Operator v);
  void value(UnaryOperator v);
  void value(CmpOperator v);
  void value(const ModNode* n);
  void value(const StmtNode* n);
  void value(const ExprNode* n);
  void value(const ExcepthandlerNode* n);
  void value(const PatternNode* n);
  void value(const TypeIgnoreNode* n);
  void value(const Comprehension* n);
  void value(const Arguments* n);
  void value(const Arg* n);
  void value(const Keyword* n);
  void value(const Alias* n);
  void value(const Withitem* n);
  void value(const MatchCase* n);

  void value(Identifier s) {
    if (s.data() == nullptr) {
      out_ += "None";
      return;
    }
    out_ += python_str_repr(s);
  }
  void value(int v) { out_ += std::to_string(v); }
  void value(const ConstantValue& c) {
    switch (c.kind) {
      case ConstantValue::Kind::None: out_ += "None"; return;
      case ConstantValue::Kind::True: out_ += "True"; return;
      case ConstantValue::Kind::False: out_ += "False"; return;
      case ConstantValue::Kind::Ellipsis: out_ += "Ellipsis"; return;
      case ConstantValue::Kind::Int: out_ += c.text; return;
      case ConstantValue::Kind::Float: out_ += python_float_repr(c.number); return;
      case ConstantValue::Kind::Complex: out_ += python_imaginary_repr(c.number); return;
      case ConstantValue::Kind::Str: out_ += python_str_repr(c.text); return;
      case ConstantValue::Kind::Bytes: out_ += python_bytes_repr(c.text); return;
    }
  }
  template <class T>
  void value(const Seq<T>& s) {
    out_ += '[';
    for (std::uint32_t i = 0; i < s.size; ++i) {
      if (i) out_ += ", ";
      value(s.items[i]);
    }
    out_ += ']';
  }

  std::string take() { return std::move(out_); }

 private:
  template <class T>
  static bool absent(const T& v) {
    if constexpr (std::is_pointer_v<T>) {
      return v == nullptr;
    } else if constexpr (std::is_same_v<T, Identifier>) {
      return v.data() == nullptr;
    } else {
      return false;
    }
  }

  void open(const char* name) {
    out_ += name;
    out_ += '(';
    first_.push_back(true);
  }
  void separate() {
    if (!first_.back()) out_ += ", ";
    first_.back() = false;
  }
  template <class T>
  void field(const char* name, const T& v, bool optional) {
    if (optional && absent(v)) return;
    separate();
    out_ += name;
    out_ += '=';
    value(v);
  }
  void location(Location loc) {
    const std::uint32_t line = source_.line_of(loc.begin);
    const std::uint32_t end_line = loc.end > loc.begin ? source_.line_of(loc.end - 1) : line;
    const std::uint32_t end_col = loc.end - source_.line_start(end_line);
    separate();
    out_ += "lineno=" + std::to_string(line) + ", col_offset=" + std::to_string(source_.byte_column(loc.begin)) +
            ", end_lineno=" + std::to_string(end_line) + ", end_col_offset=" + std::to_string(end_col);
  }
  void close() {
    out_ += ')';
    first_.pop_back();
  }

  const Source& source_;
  std::string out_;
  std::vector<bool> first_;
};

#include "pyfront/ast_dump.inc"

}  // namespace
}  // namespace pyfront::ast

namespace pyfront {

std::string dump(const Source& source, const ast::ModNode* node) {
  ast::Dumper d(source);
  d.value(node);
  return d.take();
}

}  // namespace pyfront
