//===- AccelInterfaces.td - Interfaces of the accel dialect -*- tablegen -*-==//
#ifndef ACCEL_INTERFACES_TD
#define ACCEL_INTERFACES_TD

include "mlir/IR/OpBase.td"

def Accel_LayerOpInterface : OpInterface<"LayerOpInterface"> {
  let cppNamespace = "::accel";
  let description = [{
    A layer that executes as a loop nest over output coordinates and can
    therefore be mapped onto the accelerator: it reports its loop bounds and
    may carry a `#accel.mapping`.
  }];
  let methods = [
    InterfaceMethod<"The extents of N, K, C, P, Q, R, S, G and the window "
                    "strides and dilations.",
                    "::accel::LoopBounds", "getLoopBounds">,
    InterfaceMethod<"The mapping attached to the layer, if any.",
                    "::accel::MappingAttr", "getMappingAttr">,
    InterfaceMethod<"The layer as the cost model sees it: loop bounds, input "
                    "plane, padding, element sizes, which tensors exist.",
                    "::accel::LayerProblem", "getProblem">,
  ];
}

#endif // ACCEL_INTERFACES_TD
