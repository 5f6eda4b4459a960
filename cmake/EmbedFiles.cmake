# quay_embed_files(TARGET name NAMESPACE ns FILES key=path ...)
# Generates a C++ source that holds each file's bytes, so the binaries carry the bundled
# catalogue and locale strings and run without an installed assets directory.
function(quay_embed_files)
  cmake_parse_arguments(E "" "TARGET;NAMESPACE" "FILES" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${E_TARGET}.cpp)
  set(deps)
  set(args)
  foreach(pair ${E_FILES})
    string(REPLACE "=" ";" kv ${pair})
    list(GET kv 1 path)
    list(APPEND deps ${path})
    list(APPEND args ${pair})
  endforeach()
  string(REPLACE ";" "|" joined "${args}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNS=${E_NAMESPACE} "-DPAIRS=${joined}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${deps} ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding ${E_TARGET}" VERBATIM)
  add_library(${E_TARGET} STATIC ${out})
  target_include_directories(${E_TARGET} PUBLIC ${PROJECT_SOURCE_DIR}/kiosk/core/include)
endfunction()
