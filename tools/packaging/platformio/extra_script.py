# PlatformIO library build script (library.json "build.extraScript"): links the
# prebuilt nanoclust archive that matches the board's core and float ABI. The
# library has no sources; PlatformIO runs this script from the library's folder.
#   src/cortex-m4/fpv4-sp-d16-hard/libnanoclust.a  Cortex-M4F/M7, -mfloat-abi=hard
#   src/cortex-m0plus/libnanoclust.a               Cortex-M0/M0+/M1 (ARMv6-M, soft float)
#   src/riscv32imac/libnanoclust.a                 RV32IMAC, ilp32 (soft float)
import os

Import("env")  # noqa: F821 (provided by SCons)

board = env.BoardConfig()  # noqa: F821
cpu = board.get("build.cpu", "")
march = board.get("build.march", "")
flags = " ".join(str(f) for f in list(env.get("CCFLAGS", [])) + list(env.get("LINKFLAGS", [])))  # noqa: F821

if cpu in ("cortex-m4", "cortex-m7") and "-mfloat-abi=hard" in flags:
    sub = os.path.join("cortex-m4", "fpv4-sp-d16-hard")
elif cpu in ("cortex-m0", "cortex-m0plus", "cortex-m1"):
    sub = "cortex-m0plus"
elif march.startswith("rv32imac"):
    sub = "riscv32imac"
else:
    sub = None

if sub is None:
    print("nanoclust: no prebuilt library for cpu=%r march=%r flags=%r" % (cpu, march, flags))
    env.Exit(1)  # noqa: F821
else:
    # The program's link, not only this library's environment, needs the archive.
    DefaultEnvironment().Append(  # noqa: F821
        LIBPATH=[os.path.realpath(os.path.join("src", sub))], LIBS=["nanoclust"]
    )
