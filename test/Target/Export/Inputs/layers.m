// accel-opt export for MAESTRO; accelerator tiny (3 PEs)
// hardware file (num_pes: the PEs each layer's dataflow uses):
//   num_pes: 3
//   l1_size_cstr: 1024
//   l2_size_cstr: 1048576
//   noc_bw_cstr: 1
//   offchip_bw_cstr: 1
Network accel {
Layer conv1d {
  // accel-opt: 18 MACs, 6 cycles, 2195 pJ
  // conv2d; the dataflow uses 3 PEs
  Type: CONV
  Stride { X: 1, Y: 1 }
  Dimensions { K: 1, C: 1, R: 1, S: 3, Y: 1, X: 8, N: 1 }
  Dataflow {
    SpatialMap(3,1) X;
    TemporalMap(1,1) N;
    TemporalMap(1,1) K;
    TemporalMap(1,1) C;
    TemporalMap(1,1) R;
    TemporalMap(3,3) S;
    TemporalMap(1,1) Y;
  }
}
Layer fc {
  // accel-opt: 24 MACs, 8 cycles, 3294 pJ
  // matmul; the dataflow uses 3 PEs
  Type: CONV
  Stride { X: 1, Y: 1 }
  Dimensions { K: 3, C: 2, R: 1, S: 1, Y: 1, X: 1, N: 4 }
  Dataflow {
    SpatialMap(1,1) K;
    TemporalMap(1,1) N;
    TemporalMap(2,2) C;
    TemporalMap(1,1) R;
    TemporalMap(1,1) S;
    TemporalMap(1,1) Y;
    TemporalMap(1,1) X;
  }
}
}
