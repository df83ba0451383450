// The committed dialect documentation matches what ODS generates; if this
// fails, run scripts/update-docs.sh and commit docs/Dialects.
// RUN: diff %accel_src_root/docs/Dialects/AccelDialect.md %accel_obj_root/docs/Dialects/AccelDialect.md
// RUN: diff %accel_src_root/docs/Dialects/AcmdDialect.md %accel_obj_root/docs/Dialects/AcmdDialect.md
