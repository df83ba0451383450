//===- CommandStream.cpp - acmd programs as a flat JSON command stream ----===//
//
// The format (docs/Lowering.md, "The command stream"): per function, its
// DRAM tensors (arguments, constants, intermediates), its buffers, and its
// commands in issue order, each naming its queue and the commands it waits
// for by index; a compute carries its layer, its mapping and its body (the
// accel ops on the buffers' tiles, in MLIR's generic form).
//
//===----------------------------------------------------------------------===//

#include "accel/Target/CommandStream.h"
#include "dialects/acmd/AcmdOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/AsmState.h"
#include "llvm/Support/JSON.h"

using namespace mlir;

namespace {

std::string print(Attribute a) {
  std::string s;
  llvm::raw_string_ostream os(s);
  a.print(os);
  return s;
}
std::string print(Type t) {
  std::string s;
  llvm::raw_string_ostream os(s);
  t.print(os);
  return s;
}

class Writer {
public:
  Writer(llvm::json::OStream &j) : j(j) {}

  LogicalResult function(func::FuncOp f);

private:
  llvm::json::OStream &j;
  llvm::DenseMap<Value, unsigned> tensors, buffers, commands;
  unsigned numCommands = 0;

  void ints(llvm::StringRef key, ArrayRef<int64_t> v) {
    j.attributeArray(key, [&] {
      for (int64_t x : v)
        j.value(x);
    });
  }
  void after(ValueRange deps) {
    j.attributeArray("after", [&] {
      for (Value d : deps)
        j.value(commands.lookup(d));
    });
  }
};

LogicalResult Writer::function(func::FuncOp f) {
  Block &body = f.getBody().front();
  j.attribute("name", f.getName());
  // DRAM tensors: the arguments, then what the body defines.
  j.attributeArray("tensors", [&] {
    auto tensor = [&](Value v, llvm::StringRef kind, std::string name) {
      auto type = cast<MemRefType>(v.getType());
      unsigned id = tensors.size();
      tensors[v] = id;
      j.object([&] {
        j.attribute("id", id);
        j.attribute("kind", kind);
        j.attribute("name", name);
        ints("shape", type.getShape());
        j.attribute("element", print(type.getElementType()));
      });
    };
    for (BlockArgument a : body.getArguments())
      tensor(a, "argument", "arg" + std::to_string(a.getArgNumber()));
    for (Operation &op : body) {
      if (auto g = dyn_cast<memref::GetGlobalOp>(op))
        tensor(g, "constant", g.getName().str());
      else if (auto a = dyn_cast<memref::AllocOp>(op))
        tensor(a, "intermediate", "t" + std::to_string(tensors.size()));
      else if (auto v = dyn_cast<memref::ReinterpretCastOp>(op))
        tensor(v, "view",
               "view of t" + std::to_string(tensors.lookup(v.getSource())));
    }
  });
  j.attributeArray("buffers", [&] {
    for (Operation &op : body)
      if (auto alloc = dyn_cast<acmd::AllocOp>(op)) {
        acmd::BufferType type = alloc.getBuffer().getType();
        unsigned id = buffers.size();
        buffers[alloc.getBuffer()] = id;
        j.object([&] {
          j.attribute("id", id);
          j.attribute("level", acmd::stringifyMemoryLevel(type.getLevel()));
          j.attribute("partition",
                      acmd::stringifyPartition(alloc.getPartition()));
          j.attribute("offset", alloc.getOffset());
          j.attribute("bytes", type.getSizeInBytes());
          ints("shape", type.getShape());
          j.attribute("element", print(type.getElementType()));
        });
      }
  });
  bool ok = true;
  j.attributeArray("commands", [&] {
    for (Operation &op : body) {
      auto record = [&](llvm::StringRef kind, int queue) {
        unsigned id = numCommands++;
        if (op.getNumResults() == 1 &&
            isa<acmd::TokenType>(op.getResult(0).getType()))
          commands[op.getResult(0)] = id;
        j.attribute("id", id);
        j.attribute("kind", kind);
        if (queue >= 0)
          j.attribute("queue", queue);
      };
      if (auto load = dyn_cast<acmd::DmaLoadOp>(op)) {
        j.object([&] {
          record("dma_load", 0);
          j.attribute("tensor", tensors.lookup(load.getDram()));
          ints("tensor_offsets", load.getDramOffsets());
          ints("sizes", load.getSizes());
          ints("strides", load.getDramStrides());
          j.attribute("buffer", buffers.lookup(load.getBuffer()));
          ints("buffer_offsets", load.getBufferOffsets());
          j.attribute("zero_border", load.getZeroBorder());
          after(load.getDeps());
        });
      } else if (auto store = dyn_cast<acmd::DmaStoreOp>(op)) {
        j.object([&] {
          record("dma_store", 1);
          j.attribute("buffer", buffers.lookup(store.getBuffer()));
          ints("buffer_offsets", store.getBufferOffsets());
          ints("sizes", store.getSizes());
          j.attribute("tensor", tensors.lookup(store.getDram()));
          ints("tensor_offsets", store.getDramOffsets());
          ints("strides", store.getDramStrides());
          after(store.getDeps());
        });
      } else if (auto copy = dyn_cast<acmd::CopyOp>(op)) {
        j.object([&] {
          record("copy", 2);
          j.attribute("source", buffers.lookup(copy.getSource()));
          ints("source_offsets", copy.getSourceOffsets());
          ints("sizes", copy.getSizes());
          j.attribute("dest", buffers.lookup(copy.getDest()));
          ints("dest_offsets", copy.getDestOffsets());
          after(copy.getDeps());
        });
      } else if (auto compute = dyn_cast<acmd::ComputeOp>(op)) {
        j.object([&] {
          record("compute", 3);
          j.attribute("layer", compute.getLayer());
          if (auto m = compute.getMappingAttr())
            j.attribute("mapping", print(m));
          j.attributeArray("ins", [&] {
            for (Value v : compute.getIns())
              j.value(buffers.lookup(v));
          });
          j.attributeArray("outs", [&] {
            for (Value v : compute.getOuts())
              j.value(buffers.lookup(v));
          });
          std::string text;
          llvm::raw_string_ostream os(text);
          // Named within the command: %arg0.. are the ins' then the outs'
          // contents.
          OpPrintingFlags flags;
          flags.printGenericOpForm().useLocalScope();
          AsmState state(compute, flags);
          for (Operation &inner : compute.getBody().front()) {
            inner.print(os, state);
            os << "\n";
          }
          j.attribute("body", text);
          after(compute.getDeps());
        });
      } else if (auto host = dyn_cast<acmd::HostOp>(op)) {
        j.object([&] {
          record("host", -1);
          j.attribute("operator", host.getName());
          j.attributeArray("ins", [&] {
            for (Value v : host.getIns())
              j.value(tensors.lookup(v));
          });
          j.attributeArray("outs", [&] {
            for (Value v : host.getOuts())
              j.value(tensors.lookup(v));
          });
          after(host.getDeps());
        });
      } else if (auto free = dyn_cast<acmd::DeallocOp>(op)) {
        j.object([&] {
          record("dealloc", -1);
          j.attribute("buffer", buffers.lookup(free.getBuffer()));
          after(free.getDeps());
        });
      } else if (auto wait = dyn_cast<acmd::WaitOp>(op)) {
        j.object([&] {
          record("wait", -1);
          after(wait.getTokens());
          for (NamedAttribute a : op.getDiscardableAttrs())
            if (auto i = dyn_cast<IntegerAttr>(a.getValue()))
              j.attribute(a.getName().strref().drop_front(5), i.getInt());
            else if (auto s = dyn_cast<StringAttr>(a.getValue()))
              j.attribute(a.getName().strref().drop_front(5), s.getValue());
        });
      } else if (auto copy = dyn_cast<memref::CopyOp>(op)) {
        j.object([&] {
          record("host_copy", -1);
          j.attribute("source", tensors.lookup(copy.getSource()));
          j.attribute("target", tensors.lookup(copy.getTarget()));
        });
      } else if (!isa<acmd::AllocOp, memref::GetGlobalOp, memref::AllocOp,
                      memref::DeallocOp, memref::ReinterpretCastOp,
                      func::ReturnOp>(op)) {
        op.emitError("is not a command of the stream");
        ok = false;
      }
    }
  });
  return success(ok);
}

} // namespace

LogicalResult accel::emitCommandStream(ModuleOp module, llvm::raw_ostream &os) {
  llvm::json::OStream j(os);
  bool ok = true;
  j.object([&] {
    j.attribute("format", "acmd-commands-1");
    if (Attribute target = module->getAttr("accel.target"))
      j.attribute("target", print(target));
    j.attributeArray("functions", [&] {
      for (auto f : module.getOps<func::FuncOp>()) {
        if (f.isExternal())
          continue;
        j.object([&] {
          Writer w(j);
          ok &= succeeded(w.function(f));
        });
      }
    });
  });
  os << "\n";
  return success(ok);
}
