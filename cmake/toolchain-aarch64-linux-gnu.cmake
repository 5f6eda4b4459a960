# Cross-compiling for arm64 with Debian's multiarch toolchain (crossbuild-essential-arm64
# and the :arm64 -dev packages), as image-build/build-deb-cross.sh does inside its chroot:
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-aarch64-linux-gnu.cmake ...
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
# Multiarch: libraries and .pc files of the target live under /usr/lib/aarch64-linux-gnu.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
# The .deb's Architecture (CPack would take the build machine's).
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE arm64)
