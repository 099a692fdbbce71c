#!/usr/bin/env bash
# Packages nanoclust's prebuilt firmware libraries for three ecosystems, from ONE
# build per core and float ABI, and tests each layout by building a firmware from
# it (never from target/):
#   thumbv7em-none-eabihf       -> cortex-m4/fpv4-sp-d16-hard (Cortex-M4F, hard float)
#   thumbv6m-none-eabi          -> cortex-m0plus              (Cortex-M0/M0+)
#   riscv32imac-unknown-none-elf -> riscv32imac               (RV32IMAC, ilp32)
# Output (git-ignored): target/packages/{platformio,arduino,zephyr}/nanoclust/.
# Tests: a C k-means firmware compiled with arm-none-eabi-gcc against only the
# include and archive paths of each layout, run on QEMU mps2-an386 (Cortex-M4F)
# and microbit (Cortex-M0), results compared with the host build's; the layouts'
# own selection logic (PlatformIO extra script, Zephyr CMake) is run against stubs
# of PlatformIO's and Zephyr's build functions to pick the archive it links.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SRC=$ROOT/tools/packaging
OUT=$ROOT/target/packages
BUILD=$OUT/build
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
# The project's address for the manifests: Cargo.toml's `repository`, else its docs.rs page.
URL=$(sed -n 's/^repository = "\(.*\)"/\1/p' Cargo.toml | head -1)
URL=${URL:-https://docs.rs/nanoclust}

# --- one build per core and float ABI (the same command as .ci/run's bare-metal builds)
declare -A DIR=(
    [thumbv7em-none-eabihf]=cortex-m4/fpv4-sp-d16-hard
    [thumbv6m-none-eabi]=cortex-m0plus
    [riscv32imac-unknown-none-elf]=riscv32imac
)
for t in "${!DIR[@]}"; do
    cargo build --quiet --release --target "$t" --no-default-features --features panic-handler
done
cargo build --quiet --release # the host library: the test's expected results

# --- the layouts
rm -rf "$OUT"/platformio "$OUT"/arduino "$OUT"/zephyr "$BUILD"
mkdir -p "$BUILD"
subst() { sed -e "s/@VERSION@/$VERSION/g" -e "s|@URL@|$URL|g" "$1" >"$2"; }
PIO=$OUT/platformio/nanoclust ARD=$OUT/arduino/nanoclust ZEP=$OUT/zephyr/nanoclust
mkdir -p "$PIO/include" "$ARD/src" "$ZEP/include" "$ZEP/zephyr"
subst "$SRC/platformio/library.json" "$PIO/library.json"
cp "$SRC/platformio/extra_script.py" "$PIO/"
cp include/nanoclust.h "$PIO/include/"
subst "$SRC/arduino/library.properties" "$ARD/library.properties"
cp include/nanoclust.h "$ARD/src/"
cp "$SRC"/zephyr/{module.yml,CMakeLists.txt,Kconfig} "$ZEP/zephyr/"
cp include/nanoclust.h "$ZEP/include/"
for t in "${!DIR[@]}"; do
    a=target/$t/release/libnanoclust.a
    for d in "$PIO/src/${DIR[$t]}" "$ARD/src/${DIR[$t]}" "$ZEP/lib/${DIR[$t]}"; do
        mkdir -p "$d" && cp "$a" "$d/"
    done
done
for p in "$PIO" "$ARD" "$ZEP"; do
    subst "$SRC/README.md" "$p/README.md"
    cp LICENSE-MIT LICENSE-APACHE "$p/"
done
echo "== packaged nanoclust $VERSION:"
(cd "$OUT" && find platformio arduino zephyr -type f | sort | sed 's/^/   /')

# --- the layouts' own archive selection, against stubs of the build systems
echo "== selection logic"
pio_pick() { # board cpu, march, flags -> the directory the PlatformIO script links
    (cd "$PIO" && python3 - "$@" <<'PY'
import sys
cpu, march, flags = sys.argv[1:4]
class Board:
    def get(self, k, d=""): return {"build.cpu": cpu, "build.march": march}.get(k, d)
class Env(dict):
    def BoardConfig(self): return Board()
    def Exit(self, code): sys.exit(code)
    def Append(self, **kw):
        for k, v in kw.items(): self.setdefault(k, []).extend(v)
env = Env(CCFLAGS=flags.split(), LINKFLAGS=[])
glob = Env()
exec(open("extra_script.py").read(), {"Import": lambda name: None, "env": env, "DefaultEnvironment": lambda: glob})
assert glob["LIBS"] == ["nanoclust"], glob
print(glob["LIBPATH"][0])
PY
    )
}
zephyr_pick() { # CONFIG_x=y ... -> the archive the Zephyr module imports
    local defs=()
    for c in "$@"; do defs+=("-D$c"); done
    cat >"$BUILD/zephyr_stub.cmake" <<'CM'
function(zephyr_include_directories dir)
  message(STATUS "include ${dir}")
endfunction()
function(zephyr_library_import name path)
  message(STATUS "import ${path}")
endfunction()
include(${ZEPHYR_CURRENT_MODULE_DIR}/zephyr/CMakeLists.txt)
CM
    cmake "${defs[@]}" -DCONFIG_NANOCLUST=y -DZEPHYR_CURRENT_MODULE_DIR="$ZEP" \
        -P "$BUILD/zephyr_stub.cmake" 2>&1
}
check_pick() { # expected suffix, actual
    case "$2" in *"$1"*) echo "   ok: $1" ;; *) echo "selection FAILED: wanted $1, got: $2" >&2; exit 1 ;; esac
}
if command -v python3 >/dev/null; then
    check_pick src/cortex-m4/fpv4-sp-d16-hard "$(pio_pick cortex-m4 '' '-mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16')"
    check_pick src/cortex-m0plus "$(pio_pick cortex-m0plus '' '-mcpu=cortex-m0plus')"
    check_pick src/riscv32imac "$(pio_pick '' rv32imac '-march=rv32imac -mabi=ilp32')"
    if pio_pick cortex-m4 '' '-mfloat-abi=softfp' >/dev/null 2>&1; then
        echo "selection FAILED: PlatformIO script accepted a soft-float Cortex-M4" >&2; exit 1
    fi
    echo "   ok: soft-float Cortex-M4 refused"
else
    echo "   (python3 missing: PlatformIO script not exercised)"
fi
check_pick lib/cortex-m4/fpv4-sp-d16-hard/libnanoclust.a "$(zephyr_pick CONFIG_CPU_CORTEX_M4=y CONFIG_FPU=y CONFIG_FP_HARDABI=y)"
check_pick lib/cortex-m0plus/libnanoclust.a "$(zephyr_pick CONFIG_CPU_CORTEX_M0PLUS=y)"
check_pick lib/riscv32imac/libnanoclust.a "$(zephyr_pick CONFIG_RISCV_ISA_RV32I=y CONFIG_RISCV_ISA_EXT_M=y CONFIG_RISCV_ISA_EXT_A=y CONFIG_RISCV_ISA_EXT_C=y)"
check_pick "no prebuilt library" "$(zephyr_pick CONFIG_CPU_CORTEX_M4=y CONFIG_FPU=y CONFIG_FP_SOFTABI=y || true)"
for d in riscv32imac; do # no RISC-V C toolchain here: check the archive's architecture and ABI
    for p in "$PIO/src/$d" "$ARD/src/$d" "$ZEP/lib/$d"; do
        hdr=$(readelf -h "$p/libnanoclust.a" | grep -E "Machine:|Flags:" | sort | uniq -c)
        if [ "$(wc -l <<<"$hdr")" != 2 ] || ! grep -q "Machine: *RISC-V" <<<"$hdr" ||
            ! grep -q "Flags: *0x1, RVC, soft-float ABI" <<<"$hdr"; then
            echo "not an RV32 RVC soft-float archive: $p" >&2
            exit 1
        fi
    done
    echo "   ok: $d archives: every object RISC-V, RVC, soft-float ABI (readelf)"
done

# --- firmware builds from each layout, run on QEMU
echo "== firmware from each layout"
T=$SRC/test
cc -O2 -DGEN_EXPECTED -I include "$T/kmeans_pkg.c" target/release/libnanoclust.a -lm -lpthread -ldl \
    -o "$BUILD/gen_expected"
"$BUILD/gen_expected" >"$BUILD/expected.h"
QEMU_SEMI=(-nographic -monitor none -serial none -semihosting-config enable=on,target=native)
fw() { # name, include dir, library dir, board (mps2-an386|microbit) [, dir of expected.h]
    local name=$1 inc=$2 lib=$3 board=$4 exp=${5:-$BUILD} cpu
    if [ "$board" = mps2-an386 ]; then
        cpu=(-mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16)
    else
        cpu=(-mcpu=cortex-m0plus -mfloat-abi=soft)
    fi
    arm-none-eabi-gcc "${cpu[@]}" -mthumb -Os -ffunction-sections -fdata-sections \
        -I "$inc" -I "$exp" -L "$T" -T "$board.ld" -nostartfiles --specs=nano.specs \
        --specs=rdimon.specs -Wl,--gc-sections -Wl,--no-warn-execstack "$T/kmeans_pkg.c" \
        -L "$lib" -lnanoclust -lm \
        -o "$BUILD/$name.elf"
    local qemu=(qemu-system-arm -M "$board")
    [ "$board" = mps2-an386 ] && qemu+=(-cpu cortex-m4)
    echo "-- $name ($board): $(arm-none-eabi-size "$BUILD/$name.elf" | awk 'NR==2{print $1+$2 " bytes of flash"}')"
    timeout 60 "${qemu[@]}" "${QEMU_SEMI[@]}" -kernel "$BUILD/$name.elf"
}
# Self-test: with one expected label wrong the firmware must fail.
mkdir -p "$BUILD/planted"
sed '0,/want_labels\[[0-9]*\] = {[0-9]/s//&1/' "$BUILD/expected.h" >"$BUILD/planted/expected.h"
! cmp -s "$BUILD/expected.h" "$BUILD/planted/expected.h" || { echo "could not plant a mismatch" >&2; exit 1; }
rc=0
fw planted "$PIO/include" "$PIO/src/cortex-m4/fpv4-sp-d16-hard" mps2-an386 "$BUILD/planted" >/dev/null || rc=$?
if [ "$rc" != 1 ]; then
    echo "package test self-test FAILED: a wrong expected label gave exit status $rc, not 1" >&2
    exit 1
fi
echo "-- self-test: a planted mismatch fails the run"
fw platformio-m4 "$PIO/include" "$PIO/src/cortex-m4/fpv4-sp-d16-hard" mps2-an386
fw arduino-m4 "$ARD/src" "$ARD/src/cortex-m4/fpv4-sp-d16-hard" mps2-an386
fw zephyr-m4 "$ZEP/include" "$ZEP/lib/cortex-m4/fpv4-sp-d16-hard" mps2-an386
fw platformio-m0 "$PIO/include" "$PIO/src/cortex-m0plus" microbit
fw arduino-m0 "$ARD/src" "$ARD/src/cortex-m0plus" microbit
fw zephyr-m0 "$ZEP/include" "$ZEP/lib/cortex-m0plus" microbit
echo "== packages: all layouts built and ran"
