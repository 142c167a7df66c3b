# sgdbias_add_studies(<target> DEFAULT <folder>): the studies of notebooks/, registered at build
# time. Static self-registration was avoided on purpose (style.md §3.6): it needs global mutable
# state, and linkers silently drop unused registrars from static libraries. Instead CMake reads the
# folders, so adding a study edits no list:
#   * every direct child folder of the calling directory WITHOUT its own CMakeLists.txt (those are
#     the program's framework: experiment/, run_folder/, cli/, cluster/, python/) contributes all
#     its *.cpp files to <target>: the studies and their shared code (dln_study/, study_support/);
#   * each such folder with an experiment.cpp is a study: its experiment.hpp must declare
#     `Experiment make_<folder>_experiment();`, and the generated experiment_index.cpp (from
#     experiment_index.cpp.in) calls it. Order of `sgdbias list` and --help: the DEFAULT study first,
#     then the others by folder name.
# The globs are CONFIGURE_DEPENDS: a new folder or .cpp file re-runs CMake at the next build.
function(sgdbias_add_studies target)
  cmake_parse_arguments(ARG "" "DEFAULT" "" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS RELATIVE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/*/*.cpp)
  list(SORT sources)
  set(studies "")
  foreach(source IN LISTS sources)
    get_filename_component(folder ${source} DIRECTORY)
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${folder}/CMakeLists.txt)
      continue()  # a framework folder: it adds its own sources
    endif()
    target_sources(${target} PRIVATE ${source})
    get_filename_component(name ${source} NAME)
    if(name STREQUAL "experiment.cpp")
      list(APPEND studies ${folder})
    endif()
  endforeach()
  if(NOT ARG_DEFAULT IN_LIST studies)
    message(FATAL_ERROR "sgdbias_add_studies: the default study '${ARG_DEFAULT}' is not a study folder "
                        "(one of: ${studies})")
  endif()
  list(REMOVE_ITEM studies ${ARG_DEFAULT})
  list(PREPEND studies ${ARG_DEFAULT})

  set(STUDY_INCLUDES "")
  set(STUDY_CALLS "")
  foreach(study IN LISTS studies)
    set(header ${CMAKE_CURRENT_SOURCE_DIR}/${study}/experiment.hpp)
    set(maker "make_${study}_experiment")
    if(EXISTS ${header})
      file(STRINGS ${header} declaration REGEX "Experiment[ \t]+${maker}[ \t]*\\([ \t]*\\)")
    endif()
    if(NOT EXISTS ${header} OR NOT declaration)
      message(FATAL_ERROR "sgdbias_add_studies: notebooks/${study}/ has an experiment.cpp, so it is a study, "
                          "but notebooks/${study}/experiment.hpp does not declare `Experiment ${maker}();`")
    endif()
    string(APPEND STUDY_INCLUDES "#include \"notebooks/${study}/experiment.hpp\"\n")
    string(APPEND STUDY_CALLS "      ${maker}(),\n")
  endforeach()
  configure_file(${CMAKE_CURRENT_SOURCE_DIR}/experiment_index.cpp.in ${CMAKE_CURRENT_BINARY_DIR}/experiment_index.cpp
                 @ONLY)
  target_sources(${target} PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/experiment_index.cpp)
endfunction()
