# Cross-compiling for the browser (and Node.js) with Debian's emscripten
# 3.1.6 (.ci/setup browser installs it):
#
#   cmake -S . -B build/browser-release -DCMAKE_TOOLCHAIN_FILE=cmake/browser.toolchain.cmake
#
# Executables are PROGRAM.js (+ .wasm, .worker.js) and run under Node.js or
# in a page (tools/browser/). Threads are Web Workers (-pthread).
set(PRT_EMSCRIPTEN_TOOLCHAIN "/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake"
    CACHE FILEPATH "emscripten's own CMake toolchain file")
include("${PRT_EMSCRIPTEN_TOOLCHAIN}")

# emcc runs its JavaScript tools (acorn, for the link's minification) from
# Debian's node-* packages, found only through NODE_PATH.
set(CMAKE_CXX_LINKER_LAUNCHER env NODE_PATH=/usr/share/nodejs)
set(CMAKE_C_LINKER_LAUNCHER env NODE_PATH=/usr/share/nodejs)

# -pthread everywhere: atomics and shared memory in every object file.
# -mtail-call: coroutines resume each other by symmetric transfer, a tail
#   call only with the wasm tail-call feature (as on WASI).
# -mllvm -no-stack-coloring: clang 14's stack colouring merges slots that
#   coroutine frames still use (SPEC, "Targets and toolchains").
# cmake/browser/coroutine: <coroutine> over <experimental/coroutine>, whose
#   use clang 14 warns about.
set(PRT_BROWSER_FLAGS "-pthread -mtail-call -mllvm -no-stack-coloring -Wno-deprecated-experimental-coroutine")
set(CMAKE_C_FLAGS_INIT "${PRT_BROWSER_FLAGS}")
set(CMAKE_CXX_FLAGS_INIT "${PRT_BROWSER_FLAGS} -isystem ${CMAKE_CURRENT_LIST_DIR}/browser")

# Programs: main runs on a worker (-sPROXY_TO_PTHREAD), where it may block;
# the page's main thread stays free. A pool of workers is started with the
# program so thread creation does not wait for the main thread to load one.
# 64 KiB is emscripten's default stack; coroutine-heavy tests nest deeply in
# GoogleTest's frames, so 1 MiB as on WASI.
set(CMAKE_EXE_LINKER_FLAGS_INIT
    "-pthread -sPROXY_TO_PTHREAD -sEXIT_RUNTIME=1 -sPTHREAD_POOL_SIZE=8 -sINITIAL_MEMORY=268435456 -sTOTAL_STACK=1048576 -sDEFAULT_PTHREAD_STACK_SIZE=1048576")

# Objects are compiled by clang 14's front end and LLVM 19's back end:
# clang 14's loses a coroutine's stack frame on every tail call
# (cmake/browser/compile). .ci/setup browser installs llvm-19.
find_program(PRT_BROWSER_LLC NAMES llc-19 DOC "LLVM 19's llc, the back end of browser objects")
if(NOT PRT_BROWSER_LLC)
  message(FATAL_ERROR "browser build: llc-19 not found; install llvm-19 (.ci/setup browser)")
endif()
set(CMAKE_C_COMPILER_LAUNCHER "${CMAKE_CURRENT_LIST_DIR}/browser/compile;${PRT_BROWSER_LLC}")
set(CMAKE_CXX_COMPILER_LAUNCHER "${CMAKE_CURRENT_LIST_DIR}/browser/compile;${PRT_BROWSER_LLC}")
