# sgdbias_add_subdirectories(): add_subdirectory() every direct child folder that has a
# CMakeLists.txt, in sorted order. Lets each problem / test area own its CMakeLists.txt without
# editing a shared list (re-run CMake after adding a folder).
function(sgdbias_add_subdirectories)
  file(GLOB children LIST_DIRECTORIES true RELATIVE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT children)
  foreach(child IN LISTS children)
    if(IS_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/${child} AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${child}/CMakeLists.txt)
      add_subdirectory(${child})
    endif()
  endforeach()
endfunction()
