// Start-up of the support library.
#include "gen/support/runtime.h"

#include "gen/support/internal.h"

namespace gen {

void init_sequence_methods();
void init_dict_methods();
void init_set_methods();
void init_str_methods();

void init_runtime(int argc, char** argv) {
  static bool done = false;
  if (argv) set_program_arguments(argc, argv);
  if (done) return;
  done = true;
  init_sequence_methods();
  init_dict_methods();
  init_set_methods();
  init_str_methods();
  init_bytes_methods();
  init_generator_type();
  init_file_types();
  init_number_methods();
  init_range_methods();
  init_slice_methods();
  types_changed();  // the class methods set into type dicts above
}

}  // namespace gen
