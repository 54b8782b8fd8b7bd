# One place for compiler flags and Qt strictness defines; every target links it.
add_library(sb_project_options INTERFACE)
target_compile_features(sb_project_options INTERFACE cxx_std_20)
target_compile_options(sb_project_options INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wnon-virtual-dtor -Wno-missing-field-initializers>)
target_compile_definitions(sb_project_options INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_CAST_FROM_BYTEARRAY
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_FOREACH
  QT_DISABLE_DEPRECATED_UP_TO=0x060000
  SPDLOG_FMT_EXTERNAL
  SB_VERSION_STRING="${PROJECT_VERSION}")

# Sanitizer builds (`make test-asan`): SB_SANITIZE=address,undefined instruments every target of
# this project, directory-wide so the test emulators too (Qt and the system libraries are not
# instrumented). Frame pointers keep the reports' stacks readable; UBSan findings stop the program
# so a test fails on them.
set(SB_SANITIZE "" CACHE STRING "Sanitizers for every target, e.g. address,undefined (empty: none)")
if(SB_SANITIZE)
  add_compile_options(-fsanitize=${SB_SANITIZE} -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g1)
  add_link_options(-fsanitize=${SB_SANITIZE})
endif()
