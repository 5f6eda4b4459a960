# Debian packages with CPack (docs/technician-guide.md, "Build the package"):
#   quay-kiosk        the kiosk: quay-kiosk, quayctl, systemd units, the kiosk user,
#                     provisioning; locale and catalogue are compiled into the binaries
#   quay-kiosk-tools  the portal simulator and the virtual receipt printer (test benches,
#                     a technician's laptop): never on a kiosk, the image ships neither
#
#   image-build/build-deb.sh [OUTDIR]     (what the image build runs), or by hand:
#   cmake -S . -B build/pkg -DCMAKE_BUILD_TYPE=Release -DQUAY_TESTS=OFF -DQUAY_BENCH=OFF
#   cmake --build build/pkg -j2 && (cd build/pkg && cpack)
#
# Runtime dependencies come from dpkg-shlibdeps, plus what is loaded without being linked
# (SDL opens GBM/EGL/GLES and the Mesa drivers with dlopen; the UI reads Noto fonts;
# libespeak-ng1, linked, reads its voices from espeak-ng-data).

set(QUAY_PKG_DIR ${PROJECT_SOURCE_DIR}/packaging)

# The components' own install rules, so the packages hold exactly these files.
set(quay_kiosk_programs quay-kiosk quayctl)
foreach(t ${quay_kiosk_programs})
  if(TARGET ${t})
    install(TARGETS ${t} RUNTIME DESTINATION bin COMPONENT kiosk EXCLUDE_FROM_ALL)
  endif()
endforeach()
foreach(t quay-portal-sim quay-virtual-printer)
  if(TARGET ${t})
    install(TARGETS ${t} RUNTIME DESTINATION bin COMPONENT tools EXCLUDE_FROM_ALL)
  endif()
endforeach()
install(FILES ${QUAY_PKG_DIR}/systemd/quay-kiosk.service ${QUAY_PKG_DIR}/systemd/quay-provision.service
              ${QUAY_PKG_DIR}/systemd/quay-provision-hotplug.service
        DESTINATION lib/systemd/system COMPONENT kiosk EXCLUDE_FROM_ALL)
install(FILES ${QUAY_PKG_DIR}/udev.rules DESTINATION lib/udev/rules.d RENAME 60-quay-provision.rules
        COMPONENT kiosk EXCLUDE_FROM_ALL)
install(FILES ${QUAY_PKG_DIR}/sysusers.conf DESTINATION lib/sysusers.d RENAME quay-kiosk.conf
        COMPONENT kiosk EXCLUDE_FROM_ALL)
install(FILES ${QUAY_PKG_DIR}/tmpfiles.conf DESTINATION lib/tmpfiles.d RENAME quay-kiosk.conf
        COMPONENT kiosk EXCLUDE_FROM_ALL)
install(PROGRAMS ${QUAY_PKG_DIR}/quay-provision DESTINATION lib/quay COMPONENT kiosk
        EXCLUDE_FROM_ALL)
install(FILES ${QUAY_PKG_DIR}/examples/quay-provision.toml ${QUAY_PKG_DIR}/examples/quay.toml
        DESTINATION share/doc/quay-kiosk/examples COMPONENT kiosk EXCLUDE_FROM_ALL)
foreach(doc technician-guide.md configuration.md)
  if(EXISTS ${PROJECT_SOURCE_DIR}/docs/${doc})
    install(FILES ${PROJECT_SOURCE_DIR}/docs/${doc} DESTINATION share/doc/quay-kiosk
            COMPONENT kiosk EXCLUDE_FROM_ALL)
  endif()
endforeach()

if(QUAY_SANITIZE OR QUAY_FUZZ)
  message(STATUS "Packaging: sanitizer/fuzzer build, packages would carry instrumented binaries; "
                 "package from a Release build instead")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME quay-kiosk)
set(CPACK_PACKAGE_VENDOR "Quầy")
set(CPACK_PACKAGE_CONTACT "Quầy maintainers <kiosk@quay.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL kiosk tools)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# Reproducible: the same sources give the same .deb (file dates from SOURCE_DATE_EPOCH).
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME quay-kiosk)
set(CPACK_DEBIAN_KIOSK_DESCRIPTION
    "Quầy: offline-first kiosk for commune public service centres\n Citizens find an administrative procedure, fill in the dossier on the touchscreen\n and get a printed receipt; dossiers are stored on the kiosk and delivered to the\n portal when the network allows. Runs full screen on KMS/DRM as the quay user.")
# dlopen()ed or read at run time, so dpkg-shlibdeps cannot see them.
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS
    "systemd (>= 252), libgbm1, libegl1, libgles2, libgl1-mesa-dri, libdrm2, fonts-noto-core, util-linux, dosfstools, libespeak-ng1, espeak-ng-data")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
    ${QUAY_PKG_DIR}/deb/postinst ${QUAY_PKG_DIR}/deb/prerm ${QUAY_PKG_DIR}/deb/postrm)
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME quay-kiosk-tools)
set(CPACK_DEBIAN_TOOLS_DESCRIPTION
    "Quầy: test tools (portal simulator, virtual receipt printer)\n For development machines, test benches and a technician's laptop; not for kiosks.")
set(CPACK_DEBIAN_TOOLS_PACKAGE_DEPENDS "")

include(CPack)
cpack_add_component(kiosk DISPLAY_NAME "Kiosk" REQUIRED)
cpack_add_component(tools DISPLAY_NAME "Test tools")
