#include "toolcmp/cli/cli.h"
#include "toolcmp/base/io.h"

int main(int argc, char** argv) {
  toolcmp::start_again_for_publish(argc, argv);
  toolcmp::guard_standard_descriptors();
  toolcmp::interrupt::install();
  toolcmp::FdInBuf in_buf(0);
  toolcmp::FdOutBuf out_buf(1), err_buf(2);
  std::istream in(&in_buf);
  std::ostream out(&out_buf), err(&err_buf);
  err.setf(std::ios::unitbuf);  // messages appear in the order they are written
  std::vector<std::string> args = toolcmp::take_arguments(argc, argv);
  std::vector<const char*> pointers;
  for (const std::string& arg : args) pointers.push_back(arg.c_str());
  return toolcmp::run_cli(argc, pointers.data(), in, out, err);
}
