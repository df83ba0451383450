// accel-opt export for MAESTRO; accelerator tiny (3 PEs)
// hardware file (num_pes: the PEs each layer's dataflow uses):
//   num_pes: 3
//   l1_size_cstr: 1024
//   l2_size_cstr: 1048576
//   noc_bw_cstr: 1
//   offchip_bw_cstr: 1
Network accel {
Layer conv2d@3_g0 {
  // accel-opt: 1152 MACs, 576 cycles, 40848 pJ (all groups)
  // conv2d; the dataflow uses 2 PEs; group 0 of 2
  Type: CONV
  Stride { X: 1, Y: 1 }
  Dimensions { K: 2, C: 2, R: 3, S: 3, Y: 6, X: 6, N: 1 }
  Dataflow {
    SpatialMap(4,2) X;
    TemporalMap(1,1) K;
    TemporalMap(1,1) N;
    TemporalMap(2,2) C;
    TemporalMap(3,3) R;
    TemporalMap(3,3) S;
    TemporalMap(6,4) Y;
  }
}
Layer conv2d@3_g1 {
  // conv2d; the dataflow uses 2 PEs; group 1 of 2
  Type: CONV
  Stride { X: 1, Y: 1 }
  Dimensions { K: 2, C: 2, R: 3, S: 3, Y: 6, X: 6, N: 1 }
  Dataflow {
    SpatialMap(4,2) X;
    TemporalMap(1,1) K;
    TemporalMap(1,1) N;
    TemporalMap(2,2) C;
    TemporalMap(3,3) R;
    TemporalMap(3,3) S;
    TemporalMap(6,4) Y;
  }
}
Layer conv2d@4 {
  // accel-opt: 576 MACs, 288 cycles, 23060 pJ
  // conv2d; the dataflow uses 2 PEs
  Type: DSCONV
  Stride { X: 1, Y: 1 }
  Dimensions { K: 1, C: 4, R: 3, S: 3, Y: 6, X: 6, N: 1 }
  Dataflow {
    SpatialMap(1,1) C;
    TemporalMap(4,2) Y;
    TemporalMap(1,1) N;
    TemporalMap(3,3) R;
    TemporalMap(3,3) S;
    TemporalMap(6,4) X;
  }
}
}
