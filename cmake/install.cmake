# The installable library libadvad.so, its CMake package and the
# installation of the program.
#
# The public API (include/advad/) hides LibTorch behind pointers to
# implementation, so the library is shared: it links the static engine
# libraries and LibTorch privately, and a program that calls
# find_package(advad) needs neither LibTorch's nor any other dependency's
# CMake package.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

find_package(OpenSSL REQUIRED)  # SHA-256 of model files and training data

# The engine libraries are linked into a shared library, so their code
# must be position independent.
set_target_properties(advad_base advad_nn PROPERTIES
  POSITION_INDEPENDENT_CODE ON)
# The model code in advad_nn implements the public headers.
target_include_directories(advad_nn PUBLIC
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>)
target_link_libraries(advad_nn PRIVATE OpenSSL::Crypto)
set_source_files_properties(
  ${PROJECT_SOURCE_DIR}/src/advad/model/version.cpp
  PROPERTIES COMPILE_DEFINITIONS "ADVAD_VERSION=\"${PROJECT_VERSION}\"")

# libadvad.so: the public API's own sources compiled into it, and the rest
# of the engine taken from the static libraries. --exclude-libs hides the
# symbols that come from those archives, so the library exports the public
# API (and the error types it throws) and little else.
set(advad_api_sources
  ${PROJECT_SOURCE_DIR}/src/advad/model/detector.cpp
  ${PROJECT_SOURCE_DIR}/src/advad/model/stream_scorer.cpp
  ${PROJECT_SOURCE_DIR}/src/advad/model/model_error.cpp
  ${PROJECT_SOURCE_DIR}/src/advad/model/version.cpp
  ${PROJECT_SOURCE_DIR}/src/advad/common/error.cpp)
add_library(advad_api SHARED ${advad_api_sources})
add_library(advad::advad ALIAS advad_api)
set_target_properties(advad_api PROPERTIES
  OUTPUT_NAME advad
  EXPORT_NAME advad
  VERSION ${PROJECT_VERSION}
  SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
target_include_directories(advad_api
  PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
  PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_compile_features(advad_api PUBLIC cxx_std_17)
target_link_libraries(advad_api PRIVATE advad_nn advad_warnings)
target_link_options(advad_api PRIVATE "LINKER:--exclude-libs,ALL")

install(TARGETS advad_api EXPORT advadTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS advad RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/advad
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")
# The public errors derive from InputError, so its header goes along.
install(FILES ${PROJECT_SOURCE_DIR}/src/advad/common/error.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/advad/common)

set(advad_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/advad)
install(EXPORT advadTargets NAMESPACE advad:: DESTINATION ${advad_cmake_dir})
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/advadConfig.cmake.in
  ${PROJECT_BINARY_DIR}/advadConfig.cmake
  INSTALL_DESTINATION ${advad_cmake_dir})
# Before 1.0 a minor release may change the API, so only the same minor
# version is compatible.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/advadConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/advadConfig.cmake
  ${PROJECT_BINARY_DIR}/advadConfigVersion.cmake
  DESTINATION ${advad_cmake_dir})
