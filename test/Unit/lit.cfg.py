# -*- Python -*- lit configuration of the gtest unit tests: every test case of
# every *Tests binary under this directory is one lit test.
import lit.formats

config.name = "ACCEL-Unit"
config.suffixes = []
config.test_exec_root = config.unit_test_dir
config.test_source_root = config.unit_test_dir
config.test_format = lit.formats.GoogleTest(".", "Tests")
# For -DACCEL_ENABLE_SANITIZERS=ON builds, as in ../lit.cfg.py: libMLIR.so is
# not instrumented, so the allocator poisoning inlined into our code would be
# reported when libMLIR reuses that memory.
config.environment["ASAN_OPTIONS"] = "allow_user_poisoning=0"
config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
