# Cross-compiling for wasm32-wasi (WASI preview 1) with Debian's clang-19,
# wasi-libc and libc++-19-dev-wasm32 (.ci/setup wasi installs them).
#
#   cmake -S . -B build/wasi-release -DCMAKE_TOOLCHAIN_FILE=cmake/wasi.toolchain.cmake
#
# Executables end in .wasm and run under a WASI host (tools/wasi/).
set(CMAKE_SYSTEM_NAME WASI)
set(CMAKE_SYSTEM_VERSION 1)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
# Platform/WASI.cmake (next to this file): CMake 3.25 has none of its own.
list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}")

set(PRT_WASI_CLANG_VERSION 19 CACHE STRING "Debian clang version used for wasm32-wasi")
set(CMAKE_C_COMPILER "clang-${PRT_WASI_CLANG_VERSION}")
set(CMAKE_CXX_COMPILER "clang++-${PRT_WASI_CLANG_VERSION}")
set(CMAKE_C_COMPILER_TARGET wasm32-wasi)
set(CMAKE_CXX_COMPILER_TARGET wasm32-wasi)
set(CMAKE_AR "/usr/bin/llvm-ar-${PRT_WASI_CLANG_VERSION}" CACHE FILEPATH "")
set(CMAKE_RANLIB "/usr/bin/llvm-ranlib-${PRT_WASI_CLANG_VERSION}" CACHE FILEPATH "")

# Nothing to find on the host for the target; compilers' try_compile must
# link a whole program (a static library would skip the linker check).
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Coroutines resume each other by symmetric transfer, which must be a tail
# call or deep chains of synchronous awaits overflow the stack: the wasm
# tail-call feature (V8 in Node.js 20 runs it) makes it one.
set(CMAKE_C_FLAGS_INIT "-mtail-call")
set(CMAKE_CXX_FLAGS_INIT "-mtail-call")

# A WASI program's stack is fixed at link time; coroutine-heavy tests nest
# deeply in GoogleTest's own frames, so give it 1 MiB rather than 64 KiB.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,-z,stack-size=1048576")
