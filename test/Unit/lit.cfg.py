# -*- Python -*- lit configuration of the gtest unit tests: every test case of
# every *Tests binary under this directory is one lit test.
import lit.formats

config.name = "ACCEL-Unit"
config.suffixes = []
config.test_exec_root = config.unit_test_dir
config.test_source_root = config.unit_test_dir
config.test_format = lit.formats.GoogleTest(".", "Tests")
