//===- OutlineWeights.cpp - --accel-outline-weights -----------------------===//

#include "accel/Transforms/OutlineWeights.h"
#include "accel/Kernels/Npy.h"
#include "accel/Transforms/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/ToolOutputFile.h"

namespace accel {
#define GEN_PASS_DEF_ACCELOUTLINEWEIGHTS
#include "accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

/// The name a location gives a value: a NameLoc's, or the first inside a
/// fused or call-site location.
std::string locationName(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location l : fused.getLocations())
      if (std::string n = locationName(l); !n.empty())
        return n;
  if (auto call = dyn_cast<CallSiteLoc>(loc))
    return locationName(call.getCallee());
  return "";
}

/// `value` as an .npz member (its name left empty), in the NumPy type of
/// its element type (bf16, which NumPy lacks, as f32: exact). The elements
/// of other types are written from the attribute's storage, which the
/// context keeps.
FailureOr<NpzMember> toMember(DenseElementsAttr value, Location loc) {
  Type t = value.getElementType();
  auto shape = value.getType().getShape();
  // Host order is little endian on every machine accel runs on; the raw
  // data of a non-splat constant is its elements, packed.
  auto raw = [&](llvm::StringRef descr) {
    ArrayRef<char> bytes = value.getRawData();
    return NpzMember{"", printNpyRaw(descr, shape, ""),
                     llvm::StringRef(bytes.data(), bytes.size())};
  };
  auto unsupported = [&](llvm::StringRef why) {
    return emitError(loc) << "cannot write " << t
                          << " weights to an .npz file (" << why << ")";
  };
  if (auto f = dyn_cast<FloatType>(t)) {
    if (isa<BFloat16Type>(f)) {
      std::string data;
      for (APFloat v : value.getValues<APFloat>()) {
        bool lost;
        v.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &lost);
        float x = v.convertToFloat();
        data.append(reinterpret_cast<const char *>(&x), 4);
      }
      return NpzMember{"", printNpyRaw("<f4", shape, data)};
    }
    if (isa<Float16Type>(f))
      return raw("<f2");
    if (isa<Float32Type>(f))
      return raw("<f4");
    if (isa<Float64Type>(f))
      return raw("<f8");
    return unsupported("NumPy has no such type");
  }
  auto i = cast<IntegerType>(t);
  unsigned width = i.getWidth();
  if (width != 8 && width != 16 && width != 32 && width != 64)
    return unsupported("NumPy has no such type");
  if (i.isUnsigned() && width != 8)
    return unsupported("accel reads only 8-bit unsigned arrays back");
  return raw((width == 8 ? "|" : "<") +
             std::string(i.isUnsigned() ? "u" : "i") +
             std::to_string(width / 8));
}

/// Whether a constant's value moves to the file.
bool isOutlined(DenseElementsAttr value, int64_t minElements) {
  Type t = value.getElementType();
  return !value.isSplat() && value.getNumElements() >= minElements &&
         (isa<FloatType>(t) ||
          (isa<IntegerType>(t) && t.getIntOrFloatBitWidth() > 1));
}

} // namespace

FailureOr<std::vector<NpzMember>> accel::outlineWeights(ModuleOp module,
                                                        int64_t minElements) {
  std::vector<NpzMember> members;
  llvm::StringSet<> used;
  for (auto f : module.getOps<func::FuncOp>())
    for (unsigned i = 0; i < f.getNumArguments(); ++i)
      if (auto name = f.getArgAttrOfType<StringAttr>(i, kWeightArgAttr))
        used.insert(name.getValue());
  for (auto f : module.getOps<func::FuncOp>()) {
    // A function something calls keeps its signature (and its constants).
    if (f.isExternal() || !SymbolTable::symbolKnownUseEmpty(f, module))
      continue;
    // In the order the layers first use them (constants are hoisted to
    // the top in no particular order).
    Block &entry = f.getBody().front();
    llvm::DenseMap<Operation *, unsigned> position;
    for (Operation &op : entry)
      position[&op] = position.size();
    using FirstUse = std::pair<unsigned, unsigned>; // op, operand
    std::vector<std::pair<FirstUse, arith::ConstantOp>> outlined;
    for (auto c : entry.getOps<arith::ConstantOp>()) {
      auto value = dyn_cast<DenseElementsAttr>(c.getValue());
      if (!value || !isOutlined(value, minElements))
        continue;
      FirstUse first{position.size(), 0};
      for (OpOperand &use : c->getUses())
        if (Operation *top = entry.findAncestorOpInBlock(*use.getOwner()))
          first = std::min(first,
                           FirstUse{position[top], top == use.getOwner()
                                                       ? use.getOperandNumber()
                                                       : 0});
      outlined.emplace_back(first, c);
    }
    llvm::stable_sort(outlined, [](const auto &a, const auto &b) {
      return a.first < b.first;
    });
    for (auto [first, c] : outlined) {
      auto value = cast<DenseElementsAttr>(c.getValue());
      FailureOr<NpzMember> member = toMember(value, c.getLoc());
      if (failed(member))
        return failure();
      std::string base = locationName(c.getLoc());
      if (base.empty())
        base = "weight";
      std::string name = base;
      for (unsigned n = 1; !used.insert(name).second; ++n)
        name = llvm::formatv("{0}_{1}", base, n).str();
      unsigned index = f.getNumArguments();
      if (failed(f.insertArgument(
              index, c.getType(),
              DictionaryAttr::get(
                  f.getContext(),
                  {NamedAttribute(kWeightArgAttr,
                                  StringAttr::get(f.getContext(), name))}),
              c.getLoc())))
        return failure();
      c.getResult().replaceAllUsesWith(entry.getArgument(index));
      c.erase();
      member->name = name;
      members.push_back(std::move(*member));
    }
  }
  return members;
}

FailureOr<WeightsFileSummary> accel::outlineWeightsToFile(ModuleOp module,
                                                          StringRef path,
                                                          int64_t minElements) {
  if (auto file = module->getAttrOfType<StringAttr>(kWeightsFileAttr))
    return module.emitError("the module already keeps its weights in '")
           << file.getValue() << "'";
  // The file first: a path that cannot be written leaves the module as it
  // was.
  std::string error;
  auto out = openOutputFile(path, &error);
  if (!out)
    return module.emitError("cannot write the weights: ") << error;
  FailureOr<std::vector<NpzMember>> members =
      outlineWeights(module, minElements);
  if (failed(members))
    return failure();
  if (llvm::Error e = writeNpz(out->os(), *members))
    return module.emitError(llvm::toString(std::move(e)));
  out->keep();
  module->setAttr(kWeightsFileAttr, StringAttr::get(module.getContext(), path));
  return WeightsFileSummary{members->size(), uint64_t(out->os().tell())};
}

namespace {

struct OutlineWeightsPass
    : public accel::impl::AccelOutlineWeightsBase<OutlineWeightsPass> {
  using AccelOutlineWeightsBase::AccelOutlineWeightsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (file.empty()) {
      module.emitError("--accel-outline-weights needs file=PATH (the .npz "
                       "file to write)");
      return signalPassFailure();
    }
    if (minElements < 1) {
      module.emitError("--accel-outline-weights: min-elements must be >= 1");
      return signalPassFailure();
    }
    FailureOr<WeightsFileSummary> written =
        outlineWeightsToFile(module, file, minElements);
    if (failed(written))
      return signalPassFailure();
    numWeights += written->arrays;
    numBytes += written->bytes;
  }
};

} // namespace
