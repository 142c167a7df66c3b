# `cmake --install` layout: headers under include/sgdbias/{lib,sde,problems}, libraries, the
# `sgdbias` program and an exported package so downstream projects can find_package(sgdbias).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

foreach(folder lib sde problems)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${folder}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/sgdbias/${folder}
          FILES_MATCHING PATTERN "*.hpp")
endforeach()

install(TARGETS sgdbias_core sgdbias_problems sgdbias_sde
        EXPORT sgdbiasTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/sgdbias)
if(TARGET sgdbias)
  install(TARGETS sgdbias RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(EXPORT sgdbiasTargets NAMESPACE sgdbias:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/sgdbias)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/sgdbiasConfig.cmake.in
  ${PROJECT_BINARY_DIR}/sgdbiasConfig.cmake INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/sgdbias)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/sgdbiasConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/sgdbiasConfig.cmake ${PROJECT_BINARY_DIR}/sgdbiasConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/sgdbiasDependencies.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/sgdbias)
