/* peak: runs a command and reports its wall time and peak resident set.

       peak RESULT_FILE CMD [ARGS...]

   Forks, execs CMD (standard streams inherited), waits for it with wait4
   and writes "STATUS MAXRSS_KIB ELAPSED_NS\n" to RESULT_FILE (STATUS as
   wait4 returns it; 127 << 8 if CMD could not be executed). Exit status:
   0, or 2 for bad usage or when the result cannot be written.

   Why not os.wait4 in bench/py/run directly: a child's ru_maxrss starts at
   the resident set of the process that forked it (Linux records the old
   image's high-water mark at exec, and with vfork that image is the
   parent's), so a Python runner (10+ MiB) would hide any smaller peak.
   Forked from this small program, the command's figure is its own. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: peak RESULT_FILE CMD [ARGS...]\n");
    return 2;
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) {
    perror("peak: fork");
    return 2;
  }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    perror("peak: exec");
    _exit(127);
  }
  int status = 0;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0) {
    perror("peak: wait4");
    return 2;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long long ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
  FILE* f = fopen(argv[1], "w");
  if (!f || fprintf(f, "%d %ld %lld\n", status, ru.ru_maxrss, ns) < 0 || fclose(f) != 0) {
    perror("peak: writing the result");
    return 2;
  }
  return 0;
}
