# -*- Python -*- lit configuration of the accel-opt regression tests.
import os
import shutil

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "ACCEL"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.accel_obj_root, "test")
# Unit/ is a test suite of its own (gtest binaries, its own lit.cfg.py).
config.excludes = ["Unit", "CMakeLists.txt", "README.md", "lit.cfg.py",
                   "lit.site.cfg.py", "Inputs", "lit.local.cfg"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%accel_src_root", config.accel_src_root))
config.substitutions.append(("%accel_obj_root", config.accel_obj_root))
# Debian's python3 with numpy and onnx (scripts/common.sh installs them).
config.substitutions.append(("%python", "/usr/bin/python3"))
# %configure-consumer <source> <build> <prefix>: configures a CMake project
# that embeds accel-opt, with the compiler (and cache) this build uses.
config.substitutions.append((
    "%configure-consumer",
    f'"{config.cmake}" -G Ninja -DCMAKE_MAKE_PROGRAM="{config.make_program}" '
    f'-DCMAKE_CXX_COMPILER="{config.cxx}" '
    f'-DCMAKE_CXX_COMPILER_LAUNCHER="{config.cxx_launcher}" '
    f'-DCMAKE_BUILD_TYPE=Release -DMLIR_DIR="{config.mlir_dir}" '
    + (f'-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld={config.linker_type} '
       if config.linker_type else "")))
config.substitutions.append(("%cmake", f'"{config.cmake}"'))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
# For -DACCEL_ENABLE_SANITIZERS=ON builds: libMLIR.so is not instrumented, so
# the allocator poisoning inlined into our (instrumented) code would be
# reported as use-after-poison when libMLIR reuses that memory.
config.environment["ASAN_OPTIONS"] = "allow_user_poisoning=0"
config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
llvm_config.use_default_substitutions()

tool_dirs = [config.accel_tools_dir, config.llvm_tools_dir]
tools = ["accel-opt", "accel-translate", "accel-run", "accel-fuzz", "accel-dse"]
config.substitutions.append(
    ("%onnx_fixtures",
     os.path.join(config.accel_obj_root, "test", "Target", "ONNX", "fixtures")))
llvm_config.add_tool_substitutions(["not", "count"], [config.llvm_tools_dir])
llvm_config.add_tool_substitutions(tools, tool_dirs)
config.substitutions.append(("%accel_tools_dir", config.accel_tools_dir))
# Imported layers carry their ONNX node's name (accel.name); tests of the
# ops' structure drop it (Target/ONNX/import-names.mlir tests the names).
config.substitutions.append(
    ("%strip_names",
     "sed -E 's/accel\\.name = \"[^\"]*\"(, )?//; s/ \\{\\}//'"))

# A single-node Slurm can be started here (dse-slurm.test).
if os.geteuid() == 0 and all(
        shutil.which(t) for t in ("sbatch", "slurmctld", "slurmd", "munged")):
    config.available_features.add("slurm")

# accel-fuzz built with ASan + UBSan (scripts/test.sh builds it in
# build-asan and names its directory): fuzz-asan.test runs the campaigns
# under the sanitizers.
asan_tools = os.environ.get("ACCEL_ASAN_TOOLS_DIR", "")
if asan_tools and os.path.isfile(os.path.join(asan_tools, "accel-fuzz")):
    config.available_features.add("asan-fuzz")
    config.substitutions.append(
        ("%asan_fuzz", os.path.join(asan_tools, "accel-fuzz")))
    config.substitutions.append(("%asan_tools_dir", asan_tools))
