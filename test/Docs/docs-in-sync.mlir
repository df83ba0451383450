// The committed dialect and pass documentation matches what ODS generates;
// if this fails, run scripts/update-docs.sh and commit docs/.
// RUN: diff %accel_src_root/docs/Dialects/AccelDialect.md %accel_obj_root/docs/Dialects/AccelDialect.md
// RUN: diff %accel_src_root/docs/Dialects/AcmdDialect.md %accel_obj_root/docs/Dialects/AcmdDialect.md
// RUN: diff %accel_src_root/docs/Passes/AnalysisPasses.md %accel_obj_root/docs/Passes/AnalysisPasses.md
// RUN: diff %accel_src_root/docs/Passes/ConversionPasses.md %accel_obj_root/docs/Passes/ConversionPasses.md
// RUN: diff %accel_src_root/docs/Passes/TransformsPasses.md %accel_obj_root/docs/Passes/TransformsPasses.md
