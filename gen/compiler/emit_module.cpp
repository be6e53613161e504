// The generator's frame: the translation unit (constants, frames, code
// objects, one C++ function per def/lambda, the module body, main) and the
// small writing helpers the statement and expression emitters share.
#include <cinttypes>
#include <cstdio>

#include "gen/compiler/emit_internal.h"
#include "gen/support/builtins.h"

namespace gen::compiler {

// --- writing ---

void Emitter::line(const std::string& text) {
  if (!text.empty() && text[0] == '#') {  // preprocessor lines start in column 0
    fn_->code += text;
  } else {
    fn_->code.append(static_cast<std::size_t>(fn_->indent) * 2, ' ');
    fn_->code += text;
  }
  fn_->code += '\n';
}

void Emitter::open_block(const std::string& head) {
  line(head);
  ++fn_->indent;
}

void Emitter::close_block(const std::string& tail) {
  --fn_->indent;
  line(tail);
}

std::string Emitter::fresh(const char* prefix) { return prefix + std::to_string(++fn_->next_temp); }

std::string Emitter::temp(const std::string& init, int line_no) {
  std::string t = fresh("t");
  line("gen::Ref " + t + " = " + init + ";");
  fail_if("!" + t, line_no);
  return t;
}

std::string Emitter::declare(const std::string& type, const char* prefix, const std::string& init) {
  std::string name = fresh(prefix);
  fn_->decls.push_back(type + " " + name + (init.empty() ? "" : " = " + init) + ";");
  return name;
}

std::string Emitter::goto_label(const std::string& label) {
  fn_->used_labels.insert(label);
  return "goto " + label + ";";
}

void Emitter::place_label(const std::string& label) {
  if (fn_->used_labels.count(label)) line(label + ":;");
}

// Step 2 of the error protocol: one traceback entry per frame the error
// leaves on its way to the handler (an inlined frame's entry in the frame
// around it is at the line it was entered from).
void Emitter::fail(int line_no) {
  const std::vector<FrameCtx>& frames = fn_->frames;
  int at = line_no;
  for (std::size_t i = frames.size(); i > fn_->error.frames; --i) {
    line("gen::traceback_here(&" + frames[i - 1].info + ", " + std::to_string(at) + ");");
    at = frames[i - 1].entry_line;
  }
  line(goto_label(fn_->error.label));
}

void Emitter::fail_if(const std::string& condition, int line_no, const std::string& before) {
  line("if (" + condition + ") {");
  ++fn_->indent;
  if (!before.empty()) line(before);
  fail(line_no);
  --fn_->indent;
  line("}");
}

void Emitter::fail_unless(const std::string& ok, int line_no) { fail_if("!" + ok, line_no); }

void Emitter::fail_no_traceback() { line(goto_label(fn_->error.label)); }

void Emitter::unsupported(Location loc, std::string what) { unsupported_.push_back({loc.begin, std::move(what)}); }

std::string Emitter::identifier(std::string_view name) {
  std::string out;
  for (unsigned char c : name) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "_x%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string Emitter::c_string(std::string_view bytes) {
  std::string out = "\"";
  for (unsigned char c : bytes) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f && c != '?') {  // '?': no trigraphs
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);  // octal: never swallows a following digit beyond 3
      out += buf;
    }
  }
  return out + "\"";
}

std::string Emitter::var_name(std::string_view name, const Scope* s) const {
  const Symbol* sym = s->find(name);
  const bool cell = sym && sym->binding == Binding::Cell;
  std::string prefix = cell ? "c" : "v";
  if (s->kind == ScopeKind::Comprehension) prefix += std::to_string(s->id);
  return prefix + "_" + identifier(name);
}

// --- constants ---

std::string Emitter::str_constant(std::string_view utf8) {
  std::string key = "s:" + std::string(utf8);
  auto it = constants_.find(key);
  if (it != constants_.end()) return it->second;
  std::string name = "k" + std::to_string(++next_static_);
  statics_ += "static gen::Obj " + name + ";\n";
  init_ += "  " + name + " = gen::str_intern(std::string_view(" + c_string(utf8) + ", " +
           std::to_string(utf8.size()) + ")).release();\n";
  constants_[key] = name;
  return name;
}

std::string Emitter::constant(const ConstantValue& v) {
  using K = ConstantValue::Kind;
  switch (v.kind) {
    case K::None:
      return "gen::None()";
    case K::True:
      return "gen::True()";
    case K::False:
      return "gen::False()";
    case K::Ellipsis:
      return "gen::Ellipsis()";
    case K::Str:
      return str_constant(v.text);
    case K::Int: {
      // Small ints are immediate words; larger ones are made once.
      if (v.text.size() <= 18) {
        const std::string digits(v.text);
        return "gen::Obj::small(INT64_C(" + digits + "))";
      }
      std::string key = "i:" + std::string(v.text);
      if (auto it = constants_.find(key); it != constants_.end()) return it->second;
      std::string name = "k" + std::to_string(++next_static_);
      statics_ += "static gen::Obj " + name + ";\n";
      init_ += "  " + name + " = gen::int_from_string(gen::str_from_ascii(" + c_string(v.text) +
               "), 10).release();\n";
      constants_[key] = name;
      return name;
    }
    case K::Float: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%a", v.number);
      std::string key = std::string("f:") + buf;
      if (auto it = constants_.find(key); it != constants_.end()) return it->second;
      std::string name = "k" + std::to_string(++next_static_);
      statics_ += "static gen::Obj " + name + ";\n";
      const std::string literal = v.number != v.number ? "__builtin_nan(\"\")"
                                  : v.number > 1e308 * 10 ? "__builtin_inf()"
                                                           : std::string(buf);
      init_ += "  " + name + " = gen::float_from(" + literal + ").release();\n";
      constants_[key] = name;
      return name;
    }
    case K::Bytes: {
      std::string key = "b:" + std::string(v.text);
      if (auto it = constants_.find(key); it != constants_.end()) return it->second;
      std::string name = "k" + std::to_string(++next_static_);
      statics_ += "static gen::Obj " + name + ";\n";
      init_ += "  " + name + " = gen::bytes_from(std::string_view(" + c_string(v.text) + ", " +
               std::to_string(v.text.size()) + ")).release();\n";
      constants_[key] = name;
      return name;
    }
    case K::Complex:
      break;
  }
  return "";
}

std::string Emitter::attr_cache() {
  std::string name = "ac" + std::to_string(++next_static_);
  statics_ += "static gen::AttrCache " + name + ";\n";
  return name;
}

std::string Emitter::kwnames_constant(const std::vector<std::string_view>& names) {
  std::string key = "kw:";
  for (std::string_view n : names) (key += n) += ',';
  if (auto it = constants_.find(key); it != constants_.end()) return it->second;
  std::string items;
  for (std::string_view n : names) items += (items.empty() ? "" : ", ") + str_constant(n);
  std::string name = "k" + std::to_string(++next_static_);
  statics_ += "static gen::Obj " + name + ";\n";
  init_ += "  " + name + " = gen::tuple_of({" + items + "}).release();\n";
  constants_[key] = name;
  return name;
}

std::string Emitter::builtin_constant(std::string_view name) {
  if (!gen::builtin_object(name)) return "";
  std::string key = "B:" + std::string(name);
  if (auto it = constants_.find(key); it != constants_.end()) return it->second;
  std::string cname = "builtin_" + identifier(name);
  statics_ += "static gen::Obj " + cname + ";\n";
  init_ += "  " + cname + " = gen::builtin_object(" + c_string(name) + ");\n";
  constants_[key] = cname;
  return cname;
}

std::string Emitter::frame_info(const std::string& function_name) {
  std::string name = "frame" + std::to_string(++next_static_);
  statics_ += "static const gen::FrameInfo " + name + " = {" + c_string(function_name) + ", " +
              c_string(options_.traceback_file) + "};\n";
  return name;
}

// --- functions ---

namespace {

std::vector<const Arg*> parameter_order(const Arguments* a) {
  std::vector<const Arg*> out;
  for (const Arg* p : a->posonlyargs) out.push_back(p);
  for (const Arg* p : a->args) out.push_back(p);
  for (const Arg* p : a->kwonlyargs) out.push_back(p);
  if (a->vararg) out.push_back(a->vararg);
  if (a->kwarg) out.push_back(a->kwarg);
  return out;
}

}  // namespace

// The cell holding `name` as seen from scope `s` of the current function.
static std::string cell_of(const Emitter& em, std::string_view name, const Scope* s) {
  for (;;) {
    if (s->kind == ScopeKind::Class && name == "__class__") return "cls_cell" + std::to_string(s->id);
    const Symbol* sym = s->find(name);
    if (sym && sym->binding == Binding::Cell) return em.var_name(name, s);
    if (s->is_function()) {
      const int index = s->free_index(name);
      if (index >= 0) return "closure_[" + std::to_string(index) + "]";
    }
    s = s->parent;
  }
}

// The cells a nested function's closure holds, as a temporary tuple (or
// an empty Obj when it has no free variables).
std::string Emitter::closure_tuple(const Scope* child, int line_no) {
  if (child->freevars.empty()) return "gen::Obj()";
  std::string items;
  for (std::string_view n : child->freevars) items += (items.empty() ? "" : ", ") + cell_of(*this, n, scope_);
  return temp("gen::tuple_of({" + items + "})", line_no);
}

// Defines the C++ function for a def or lambda and returns, in the current
// function, a temporary holding the new function object.
std::string Emitter::make_function(const Scope* child, const Arguments* args, const ExprNode* lambda_body,
                                   const Seq<StmtNode*>* body, int line_no) {
  // Defaults, evaluated now, in the defining scope.
  std::string defaults = "gen::Obj()";
  if (!args->defaults.empty()) {
    std::string items;
    for (const ExprNode* d : args->defaults) items += (items.empty() ? "" : ", ") + value(d);
    defaults = temp("gen::tuple_of({" + items + "})", line_no);
  }
  std::string kwdefaults = "gen::Obj()";
  for (std::uint32_t i = 0; i < args->kwonlyargs.size; ++i) {
    if (!args->kw_defaults[i]) continue;
    if (kwdefaults == "gen::Obj()") kwdefaults = temp("gen::make_dict()", line_no);
    const std::string v = value(args->kw_defaults[i]);
    fail_if("!gen::dict_set(" + kwdefaults + ", " + str_constant(args->kwonlyargs[i]->arg) + ", " + v + ")", line_no);
  }
  const std::string closure = closure_tuple(child, line_no);

  // The function itself.
  const int id = ++next_id_;
  const std::string cpp = "fn" + std::to_string(id) + "_" + identifier(child->name == "<lambda>" ? "lambda" : child->name);
  const std::vector<const Arg*> params = parameter_order(args);
  std::string names;
  for (const Arg* p : params) names += c_string(p->arg) + ", ";
  const std::string frame = frame_info(child->name);
  const std::string code = "code" + std::to_string(id);
  forward_ += "static gen::Ref " + cpp + "(gen::Obj self_fn, gen::Obj* params);\n";
  statics_ += "static const char* const " + code + "_params[] = {" + names + "nullptr};\n";
  statics_ += "static const gen::CodeInfo " + code + " = {" + c_string(child->name) + ", " +
              c_string(child->qualname) + ", &" + frame + ", " +
              std::to_string(args->posonlyargs.size + args->args.size) + ", " +
              std::to_string(args->posonlyargs.size) + ", " + std::to_string(args->kwonlyargs.size) + ", " +
              (args->vararg ? "true" : "false") + ", " + (args->kwarg ? "true" : "false") + ", " + code +
              "_params, " + cpp + "};\n";

  const ClosedFunction* closed = types_.closed(child);
  FunctionCtx ctx;
  ctx.scope = const_cast<Scope*>(child);
  ctx.cpp_name = closed ? closed->cpp : cpp;
  ctx.typed = closed;
  ctx.f64_return = closed && TypeTable::kind(closed->ret) == TypeKind::Float;
  ctx.frames.push_back({frame, 0});
  ctx.error = {"error_", 0};
  Scope* saved_scope = scope_;
  FunctionCtx* saved_fn = fn_;
  scope_ = ctx.scope;
  fn_ = &ctx;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const std::string_view n = params[i]->arg;
    const Symbol* sym = child->find(n);
    const std::string p = closed ? "p" + std::to_string(i) : "params[" + std::to_string(i) + "]";
    if (types_.var(child, n) == TypeKind::Float) {
      // Bound on entry; the flag is there for the stores and `del`s that
      // treat it as any float variable (Var::type).
      ctx.decls.push_back("double " + var_name(n, child) + " = " + p + ";");
      ctx.decls.push_back("bool " + float_flag(var_name(n, child)) + " = true;");
    } else if (sym && sym->binding == Binding::Cell)
      ctx.decls.push_back("gen::Ref " + var_name(n, child) + " = gen::make_cell(" + p + ");");
    else
      ctx.decls.push_back("gen::Ref " + var_name(n, child) + " = gen::Ref::borrow(" + p + ");");
  }
  for (std::string_view n : child->order) {
    const Symbol& sym = child->symbols.at(n);
    if (sym.flags & kParam) continue;
    if (sym.binding == Binding::Local && types_.var(child, n) == TypeKind::Float) {
      // A float variable: a double and whether it is bound (Var::type).
      ctx.decls.push_back("double " + var_name(n, child) + " = 0;");
      ctx.decls.push_back("bool " + float_flag(var_name(n, child)) + " = false;");
    } else if (sym.binding == Binding::Local) {
      ctx.decls.push_back("gen::Ref " + var_name(n, child) + ";");
    }
    if (sym.binding == Binding::Cell) ctx.decls.push_back("gen::Ref " + var_name(n, child) + " = gen::make_cell();");
  }
  ctx.generator = child->generator;
  // What inference proved, for the reader of the generated code.
  std::string proven;
  for (std::string_view n : child->order) {
    const TypeKind k = types_.var(child, n);
    if (k != TypeKind::Object) proven += " " + std::string(n) + ":" + types_.describe_var(child, n);
  }
  if (closed) proven += " ->" + TypeTable::describe(closed->ret);
  if (!proven.empty()) line("// typed:" + proven);
  if (lambda_body) {
    open_block();
    const std::string v = owned(lambda_body);
    line(ret() + v + ";");
    close_block();
  } else {
    statements(*body);
    if (ctx.f64_return)  // inference saw no way to fall off the end
      line("return gen::typed::unreachable_end(" + c_string(child->name) + ");");
    else
      line(ret() + "gen::new_ref(gen::None());");
  }
  functions_ += function_text(ctx);
  if (closed) typed_function(closed, frame, cpp);
  scope_ = saved_scope;
  fn_ = saved_fn;

  return temp("gen::make_function(&" + code + ", " + defaults + ", " + kwdefaults + ", " + closure + ")", line_no);
}

// The C++ definition of the function `ctx` holds. A generator's is two:
// the entry wraps the body, a coroutine (generator.h's protocol); the body
// does not count call depth, its resumer does.
std::string Emitter::function_text(const FunctionCtx& ctx) {
  const std::string head = "(gen::Obj self_fn, gen::Obj* params)";
  std::string prologue = ctx.typed ? "" : "  (void)self_fn;\n  (void)params;\n";
  if (!ctx.generator) prologue += "  gen::CallDepth depth_;\n  if (!depth_.ok()) return {};\n";
  if (!ctx.scope->freevars.empty()) prologue += "  const gen::Ref* closure_ = gen::closure_cells(self_fn);\n";
  prologue += "  gen::Ref retval_;\n";
  for (const std::string& d : ctx.decls) prologue += "  " + d + "\n";
  const std::string error_exit =
      !ctx.used_labels.count("error_") ? ""
      : ctx.generator                  ? "error_:\n  co_return gen::Ref();\n"
                                       : "error_:\n  return {};\n";
  if (ctx.typed) return typed_prototype(ctx.typed) + " {\n" + prologue + ctx.code + error_exit + "}\n\n";
  if (!ctx.generator) return "static gen::Ref " + ctx.cpp_name + head + " {\n" + prologue + ctx.code + error_exit + "}\n\n";
  const std::string body = ctx.cpp_name + "_body";
  return "static gen::GenBody " + body + head + " {\n" + prologue +
         "  if (!(co_await gen::GenStart{})) co_return gen::Ref();  // until the first next()\n" + ctx.code + error_exit +
         "}\n\nstatic gen::Ref " + ctx.cpp_name + head + " {\n  return gen::make_generator(self_fn, " + body +
         "(self_fn, params));\n}\n\n";
}

// --- the program ---

EmitResult Emitter::run(const Module* module) {
  infer_types(module, scopes_, types_);
  analyze_assignment(module, scopes_, assigned_);
  for (const ClosedFunction* f : types_.closed_functions()) forward_ += typed_prototype(f) + ";\n";
  FunctionCtx ctx;
  ctx.scope = scopes_.module.get();
  ctx.cpp_name = "module_body";
  const std::string frame = frame_info("<module>");
  ctx.frames.push_back({frame, 0});
  ctx.error = {"error_", 0};
  scope_ = ctx.scope;
  fn_ = &ctx;
  statements(module->body);
  line("return gen::new_ref(gen::None());");

  std::string globals;
  for (std::string_view g : scopes_.globals) globals += "static gen::Ref g_" + identifier(g) + ";\n";

  EmitResult result;
  result.unsupported = std::move(unsupported_);
  std::string& out = result.cpp;
  out += "// Generated by pyfront from " + options_.traceback_file + ". Do not edit.\n";
  out += "#include <cstdint>\n#include <cstdio>\n#include <cstdlib>\n#include <optional>\n#include <string>\n#include <string_view>\n\n";
  out += "#include \"gen/support/runtime.h\"\n\n";
  out += "namespace {\n\n";
  out += "// Module variables.\n" + globals + "\n";
  out += forward_ + "\n";
  out += statics_ + "\n";
  out += "void init_constants() {\n" + init_ + "}\n\n";
  out += functions_;
  out += "gen::Ref module_body() {\n";
  for (const std::string& d : ctx.decls) out += "  " + d + "\n";
  out += ctx.code;
  if (ctx.used_labels.count("error_")) out += "error_:\n  return gen::Ref();\n";
  out += "}\n\n}  // namespace\n\n";
  out += "int main(int argc, char** argv) {\n";
  out += "  gen::init_runtime(argc, argv);\n";
  out += "  init_constants();\n";
  out += "  gen::Ref done = module_body();\n";
  out += "  const int status = done ? 0 : gen::report_uncaught();\n";
  out += "  gen::flush_stdout();\n";
  out += "  std::fflush(nullptr);\n";
  out += "  std::_Exit(status);  // no static destructors: the module's objects live to the end\n";
  out += "}\n";
  return result;
}

EmitResult emit_program(const pyfront::Source& source, const Module* module, const ScopeTable& scopes,
                        const EmitOptions& options) {
  Emitter emitter(source, scopes, options);
  return emitter.run(module);
}

}  // namespace gen::compiler
