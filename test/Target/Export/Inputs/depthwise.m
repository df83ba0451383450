// accel-opt export for MAESTRO; accelerator eyeriss-like (168 PEs)
Network accel {
Layer dw {
  // conv2d; the dataflow uses 168 PEs
  Type: DSCONV
  Stride { X: 1, Y: 1 }
  Dimensions { K: 1, C: 64, R: 3, S: 3, Y: 58, X: 58, N: 1 }
  Dataflow {
    SpatialMap(1,1) C;
    TemporalMap(30,28) Y;
    TemporalMap(18,16) X;
    TemporalMap(1,1) N;
    TemporalMap(3,3) R;
    TemporalMap(3,3) S;
    Cluster(14, P);
    SpatialMap(3,2) Y;
    TemporalMap(1,1) X;
    TemporalMap(2,2) R;
    TemporalMap(1,1) S;
    TemporalMap(1,1) N;
    TemporalMap(1,1) C;
  }
}
// skipped pool (pool2d): MAESTRO models convolutions, depthwise convolutions and GEMMs
}
