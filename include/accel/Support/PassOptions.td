//===- PassOptions.td - Options several accel passes share -*- tablegen -*-===//
#ifndef ACCEL_SUPPORT_PASSOPTIONS_TD
#define ACCEL_SUPPORT_PASSOPTIONS_TD

include "mlir/Pass/PassBase.td"

// Whose element widths the models use, for every pass that costs data or
// places it on chip (docs/CostModel.md, "Precision"). Given explicitly or
// with `arch`, it applies; otherwise the module's accel.target decides.
def Accel_PrecisionOption : Option<"precision", "precision",
    "::accel::PrecisionPolicy", "::accel::PrecisionPolicy::Accelerator",
    "Element widths the models use (when neither this nor 'arch' is given: "
    "the module's accel.target's)",
    [{::llvm::cl::values(
      clEnumValN(::accel::PrecisionPolicy::Accelerator, "accel",
                 "the accelerator's precision (its 'precision' field)"),
      clEnumValN(::accel::PrecisionPolicy::IR, "ir",
                 "the IR's own element types"))}]>;

#endif // ACCEL_SUPPORT_PASSOPTIONS_TD
