// Start-up of the support library, and bytes (only what str.encode and
// str(b, encoding) need so far).
#include "gen/support/runtime.h"

#include <cmath>

#include "gen/support/internal.h"

namespace gen {

void init_sequence_methods();
void init_dict_methods();
void init_set_methods();
void init_str_methods();

namespace {

Ref bytes_repr(Obj o) {
  const std::string& d = o.as<BytesObj>()->data;
  const bool single = d.find('\'') == std::string::npos || d.find('"') != std::string::npos;
  const char quote = single ? '\'' : '"';
  std::string out = "b";
  out.push_back(quote);
  for (unsigned char c : d) append_ascii_escaped(out, c, quote);
  out.push_back(quote);
  return str_from_ascii(out);
}

std::int64_t bytes_len(Obj o) { return static_cast<std::int64_t>(o.as<BytesObj>()->data.size()); }

Ref bytes_compare(Obj a, Obj b, CmpOp op) {
  if (b.type() != &bytes_type) return new_ref(NotImplemented());
  return new_ref(Bool(order_holds(a.as<BytesObj>()->data.compare(b.as<BytesObj>()->data), op)));
}

bool bytes_hash(Obj o, std::int64_t& out) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : o.as<BytesObj>()->data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  out = static_cast<std::int64_t>(h == static_cast<std::uint64_t>(-1) ? 2 : h);
  return true;
}

Ref m_decode(Obj self, const Obj* args, std::size_t nargs, Obj kwnames) {
  Obj a[2];
  if (!parse_args("decode", args, nargs, kwnames, {"encoding", "errors"}, 0, a)) return Ref();
  const std::string& d = self.as<BytesObj>()->data;
  if (!utf8_valid(d)) return raise_message(&exc_UnicodeDecodeError, "'utf-8' codec can't decode bytes: invalid data");
  return str_from(d);
}

constexpr MethodDef kBytesMethods[] = {{"decode", m_decode}};

}  // namespace

TypeObj bytes_type = {.head = GEN_TYPE_HEAD, .name = "bytes", .base = &object_type, .flags = kTypeBaseType,
    .destroy = [](Obj o) { o.as<BytesObj>()->~BytesObj(); }, .repr = bytes_repr, .hash = bytes_hash,
    .compare = bytes_compare, .len = bytes_len};

Ref bytes_from(std::string_view data) {
  return Ref::steal(Obj::of(make<BytesObj>(&bytes_type, std::int64_t{-1}, std::string(data))));
}

namespace {


}  // namespace

void init_runtime(int argc, char** argv) {
  static bool done = false;
  if (argv) set_program_arguments(argc, argv);
  if (done) return;
  done = true;
  init_sequence_methods();
  init_dict_methods();
  init_set_methods();
  init_str_methods();
  add_methods(&bytes_type, kBytesMethods);
  init_generator_type();
  init_file_types();
  init_number_methods();
  init_range_methods();
}

}  // namespace gen
