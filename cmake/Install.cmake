# Installing accel-opt as a library other MLIR compilers link
# (docs/Embedding.md): the libraries in one CMake export set, the public
# headers (include/accel, dialects/) and the generated ones (.inc) under
# one include tree, the ODS files, and AccelOptConfig.cmake so that a
# consumer writes
#
#   find_package(AccelOpt REQUIRED CONFIG)
#   target_link_libraries(my-tool PRIVATE AccelOpt::AccelRegistration)
#
# Private headers (lib/) are not installed.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ACCEL_OPT_LIBRARIES
  AccelWorkload AccelArch AccelCostModel AccelSearch AccelLowering
  AccelKernels AccelDialect AcmdDialect AccelExecution AccelAnalysis
  AccelConversion AccelTransforms AccelTarget AccelRegistration)

foreach(lib ${ACCEL_OPT_LIBRARIES})
  target_include_directories(${lib} INTERFACE
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  # Instrumented archives need the sanitizers' runtimes in whatever links
  # them (a consumer of a -DACCEL_ENABLE_SANITIZERS=ON install).
  if(ACCEL_ENABLE_SANITIZERS)
    target_link_options(${lib} INTERFACE
      $<INSTALL_INTERFACE:-fsanitize=address,undefined>)
  endif()
endforeach()
install(TARGETS ${ACCEL_OPT_LIBRARIES} EXPORT AccelOptTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})

# Headers: include/accel/... and dialects/... as the sources include them.
install(DIRECTORY include/accel DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" PATTERN "*.td")
install(DIRECTORY dialects DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" PATTERN "*.td")
install(DIRECTORY ${PROJECT_BINARY_DIR}/include/accel
  ${PROJECT_BINARY_DIR}/dialects DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.inc" PATTERN "CMakeFiles" EXCLUDE)

set(ACCEL_OPT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/AccelOpt)
install(EXPORT AccelOptTargets NAMESPACE AccelOpt::
  DESTINATION ${ACCEL_OPT_CMAKE_DIR})
configure_package_config_file(cmake/AccelOptConfig.cmake.in
  ${PROJECT_BINARY_DIR}/AccelOptConfig.cmake
  INSTALL_DESTINATION ${ACCEL_OPT_CMAKE_DIR})
install(FILES ${PROJECT_BINARY_DIR}/AccelOptConfig.cmake
  DESTINATION ${ACCEL_OPT_CMAKE_DIR})
